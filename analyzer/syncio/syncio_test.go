package syncio_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
)

func Test(t *testing.T) {
	checktest.Run(t, "testdata", syncio.Analyzer)
}
