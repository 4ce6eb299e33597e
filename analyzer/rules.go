// Package analyzer lists blockcheck's rules. Each rule is an
// *analysis.Analyzer in its own package under analyzer/ (sync-io in
// analyzer/syncio, ...); shared machinery lives in analyzer/jsmodule (the
// parsed module), analyzer/bindings (what names refer to),
// analyzer/hotpath (where code runs) and analyzer/blocking (the catalogue
// of blocking APIs). analyzer/driver runs them over JavaScript modules.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/busywait"
	"github.com/blockcheck/blockcheck/analyzer/cpuloop"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/redos"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
)

// Rule is one rule users can configure and disable.
type Rule struct {
	Name     string             // as in config and disable comments: sync-io
	Summary  string             // one line
	Severity driver.Severity    // default severity
	Analyzer *analysis.Analyzer // nil for rules reported by the driver itself
}

// Rules returns every rule, in documentation order.
func Rules() []Rule {
	return []Rule{
		{"syntax", "the file does not parse as JavaScript (or uses syntax blockcheck cannot read)", driver.Error, jsmodule.Analyzer},
		{"sync-io", "synchronous file-system calls (fs.*Sync) on the event loop's hot path", driver.Error, syncio.Analyzer},
		{"busy-wait", "loops that spin on a clock or a flag, blocking the event loop for the whole wait (or forever)", driver.Error, busywait.Analyzer},
		{"cpu-loop", "loops and calls on the hot path estimated (constant bounds × timing model) to block longer than a threshold", driver.Warning, cpuloop.Analyzer},
		{"redos", "regular expressions with super-linear matching time (catastrophic backtracking)", driver.Error, redos.Analyzer},
	}
}

// Analyzers returns the analyzers of every rule.
func Analyzers() []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, r := range Rules() {
		if r.Analyzer != nil && r.Analyzer != jsmodule.Analyzer {
			out = append(out, r.Analyzer)
		}
	}
	return out
}

// Lookup returns the rule with the given name.
func Lookup(name string) (Rule, bool) {
	for _, r := range Rules() {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}
