package atomicswait_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/atomicswait"
	"github.com/blockcheck/blockcheck/analyzer/checktest"
)

func Test(t *testing.T) {
	checktest.Run(t, "testdata", atomicswait.Analyzer)
}
