package synccallchain_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/synccallchain"
)

func Test(t *testing.T) {
	diags := checktest.Run(t, "testdata", synccallchain.Analyzer)
	// Every hop of a chain is positioned, in the file it is in.
	for _, d := range diags {
		if len(d.Related) == 0 {
			t.Errorf("%s:%d: no chain in related information", d.Path, d.Start.Line)
		}
		for _, r := range d.Related {
			if r.Path == "" || r.Start.Line == 0 {
				t.Errorf("%s:%d: related %q has no position", d.Path, d.Start.Line, r.Message)
			}
		}
	}
}
