package synccrypto

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// Analyzer reports CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, generateKeyPairSync, bcrypt.hashSync...) on the event loop's hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "sync_crypto",
	Doc:      "report CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, generateKeyPairSync, bcrypt.hashSync...) on the event loop's hot path",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-crypto.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, blocking.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	blocking.Report(pass, "sync-crypto", false)
	return nil, nil
}
