package synccrypto_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/synccrypto"
)

func Test(t *testing.T) {
	checktest.Run(t, "testdata", synccrypto.Analyzer)
}
