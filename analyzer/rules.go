// Package analyzer lists blockcheck's rules. Each rule is an
// *analysis.Analyzer in its own package under analyzer/ (sync-io in
// analyzer/syncio, ...); shared machinery lives in analyzer/jsmodule (the
// parsed module), analyzer/bindings (what names refer to),
// analyzer/hotpath (where code runs) and analyzer/blocking (the catalogue
// of blocking APIs). analyzer/driver runs them over JavaScript modules.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/atomicswait"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/busywait"
	"github.com/blockcheck/blockcheck/analyzer/cpuloop"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/order_nondeterministic"
	"github.com/blockcheck/blockcheck/analyzer/redos"
	"github.com/blockcheck/blockcheck/analyzer/starvation"
	"github.com/blockcheck/blockcheck/analyzer/synccallchain"
	"github.com/blockcheck/blockcheck/analyzer/synccrypto"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
	"github.com/blockcheck/blockcheck/analyzer/syncprocess"
	"github.com/blockcheck/blockcheck/analyzer/synczlib"
)

// Rule is one rule users can configure and disable.
type Rule struct {
	Name     string             // as in config and disable comments: sync-io
	Summary  string             // one line
	Severity driver.Severity    // default severity
	Analyzer *analysis.Analyzer // nil for rules reported by the driver itself
	// Prefilter tells from tokens whether a module may hold a finding of
	// the rule (see driver.Options.Prefilters); nil: it always may.
	Prefilter jstokens.Prefilter
	// Lexical tells whether the rule finds everything from the tokens of
	// a module its prefilter keeps (see jstokens.Filter); nil: never.
	Lexical jstokens.Prefilter
	// Relevant returns the names the rule's analyzers follow, so that a
	// driver may skip the parse of the function bodies that cannot lead
	// to a finding (see jstokens.Filter); nil: every body is parsed.
	Relevant func(t *jstokens.Tokens) func(name string, str bool) bool
}

// Rules returns every rule, in documentation order.
func Rules() []Rule {
	return []Rule{
		{"syntax", "the file does not parse as JavaScript (or uses syntax blockcheck cannot read)", driver.Error, jsmodule.Analyzer, nil, nil, nil},
		{"sync-io", "synchronous file-system calls (fs.*Sync, glob.sync...) on the event loop's hot path", driver.Error, syncio.Analyzer, blocking.Prefilter("sync-io"), nil, blocking.Relevant},
		{"sync-process", "synchronous child processes (execSync, spawnSync, execa.sync...) on the hot path", driver.Error, syncprocess.Analyzer, blocking.Prefilter("sync-process"), nil, blocking.Relevant},
		{"sync-crypto", "CPU-heavy synchronous crypto (pbkdf2Sync, scryptSync, bcrypt.hashSync...) on the hot path", driver.Error, synccrypto.Analyzer, blocking.Prefilter("sync-crypto"), nil, blocking.Relevant},
		{"sync-zlib", "synchronous compression (zlib.*Sync) on the hot path", driver.Error, synczlib.Analyzer, blocking.Prefilter("sync-zlib"), nil, blocking.Relevant},
		{"atomics-wait", "Atomics.wait on the main thread", driver.Error, atomicswait.Analyzer, blocking.Prefilter("atomics-wait"), nil, blocking.Relevant},
		{"sync-call-chain", "calls on the hot path to helpers that block, directly or through other helpers, across modules", driver.Error, synccallchain.Analyzer, blocking.Prefilter(""), nil, blocking.Relevant},
		{driver.DisableCommentRule, "a blockcheck-disable comment names a rule that does not exist", driver.Warning, nil, nil, nil, nil},
		{"busy-wait", "loops that spin on a clock or a flag, blocking the event loop for the whole wait (or forever)", driver.Error, busywait.Analyzer, busywait.Prefilter, nil, nil},
		{"cpu-loop", "loops and calls on the hot path estimated (constant bounds × timing model) to block longer than a threshold", driver.Warning, cpuloop.Analyzer, cpuloop.Prefilter, nil, nil},
		{"redos", "regular expressions with super-linear matching time (catastrophic backtracking)", driver.Error, redos.Analyzer, redos.Prefilter, redos.Lexical, nil},
		{"starvation", "callbacks that re-queue themselves on the nextTick or microtask queue without bound, starving I/O", driver.Error, starvation.Analyzer, starvation.Prefilter, nil, nil},
		{"order-nondeterministic", "callbacks whose relative order Node does not guarantee, when the order changes what the program prints", driver.Warning, order_nondeterministic.Analyzer, order_nondeterministic.Prefilter, nil, nil},
	}
}

// Prefilters returns the filters of every rule that has a prefilter, by
// analyzer (for driver.Options.Prefilters).
func Prefilters() map[*analysis.Analyzer]jstokens.Filter {
	out := map[*analysis.Analyzer]jstokens.Filter{}
	for _, r := range Rules() {
		if r.Analyzer != nil && r.Prefilter != nil {
			out[r.Analyzer] = jstokens.Filter{Keep: r.Prefilter, Lexical: r.Lexical, Relevant: r.Relevant}
		}
	}
	return out
}

// Names returns the name of every rule (for driver.Options.Rules).
func Names() []string {
	var out []string
	for _, r := range Rules() {
		out = append(out, r.Name)
	}
	return out
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
