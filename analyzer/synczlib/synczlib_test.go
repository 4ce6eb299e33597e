package synczlib_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/synczlib"
)

func Test(t *testing.T) {
	checktest.Run(t, "testdata", synczlib.Analyzer)
}
