package starvation_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/starvation"
)

func TestStarvation(t *testing.T) {
	checktest.Run(t, "testdata", starvation.Analyzer)
}
