package syncprocess_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/syncprocess"
)

func Test(t *testing.T) {
	checktest.Run(t, "testdata", syncprocess.Analyzer)
}
