package cpuloop_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/cpuloop"
)

func TestCPULoop(t *testing.T) {
	checktest.Run(t, "testdata", cpuloop.Analyzer)
}
