package atomicswait

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports Atomics.wait on the main thread.
var Analyzer = &analysis.Analyzer{
	Name:     "atomics_wait",
	Doc:      "report Atomics.wait on the main thread",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/atomics-wait.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	blocking.Report(pass, "atomics-wait", true)
	return nil, nil
}
