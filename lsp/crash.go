package lsp

import (
	"bytes"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// CrashingAnalyzer returns a rule ("debug-crash") that panics on files
// containing marker, so end-to-end tests can check that a crashing rule is
// recovered, logged and reported once while the server keeps serving.
func CrashingAnalyzer(marker string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "debug_crash",
		Doc:      "panic on files containing a marker (tests only)",
		Requires: []*analysis.Analyzer{jsmodule.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
			if bytes.Contains(m.Src, []byte(marker)) {
				panic("debug-crash: marker found")
			}
			return nil, nil
		},
	}
}
