package syncprocess

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports synchronous child processes (execSync, execFileSync, spawnSync and third-party equivalents) on the event loop's hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "sync_process",
	Doc:      "report synchronous child processes (execSync, execFileSync, spawnSync and third-party equivalents) on the event loop's hot path",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-process.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	blocking.Report(pass, "sync-process", false)
	return nil, nil
}
