package redos_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/redos"
)

func TestRedos(t *testing.T) {
	checktest.Run(t, "testdata", redos.Analyzer)
}
