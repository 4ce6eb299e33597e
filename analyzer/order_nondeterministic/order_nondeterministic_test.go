package order_nondeterministic_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/order_nondeterministic"
)

func TestOrderNondeterministic(t *testing.T) {
	checktest.Run(t, "testdata", order_nondeterministic.Analyzer)
}
