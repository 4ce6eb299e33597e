package syncio

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports synchronous fs calls on the hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "sync_io",
	Doc:      "report synchronous file-system calls (fs.*Sync) on the event loop's hot path",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-io.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	for _, c := range pass.ResultOf[blocking.Analyzer].(*blocking.Result).Calls {
		if c.Entry.Rule == "sync-io" && c.Where.Context == hotpath.Hot {
			m.Report(pass, c.Callee, "sync-io", "%s", c.Message())
		}
	}
	return nil, nil
}
