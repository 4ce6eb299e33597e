package synczlib

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports synchronous compression (zlib.*Sync, pako) on the event loop's hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "sync_zlib",
	Doc:      "report synchronous compression (zlib.*Sync, pako) on the event loop's hot path",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-zlib.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	blocking.Report(pass, "sync-zlib", false)
	return nil, nil
}
