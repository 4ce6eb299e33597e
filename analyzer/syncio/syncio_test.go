package syncio_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
)

func TestSyncIO(t *testing.T) {
	checktest.Run(t, "testdata", syncio.Analyzer)
}
