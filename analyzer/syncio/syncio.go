package syncio

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports synchronous file-system calls (fs.*Sync and blocking third-party file APIs such as glob.sync) on the event loop's hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "sync_io",
	Doc:      "report synchronous file-system calls (fs.*Sync and blocking third-party file APIs such as glob.sync) on the event loop's hot path",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-io.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	blocking.Report(pass, "sync-io", false)
	return nil, nil
}
