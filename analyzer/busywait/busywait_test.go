package busywait_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/busywait"
	"github.com/blockcheck/blockcheck/analyzer/checktest"
)

func TestBusyWait(t *testing.T) {
	checktest.Run(t, "testdata", busywait.Analyzer)
}
