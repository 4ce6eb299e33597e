package order_nondeterministic

import (
	"fmt"
	"time"

	"github.com/tdewolff/parse/v2/js"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/explain"
	"github.com/blockcheck/blockcheck/jsast"
)

// Analyzer reports callbacks whose relative order Node does not guarantee
// when the order changes the program's output.
var Analyzer = &analysis.Analyzer{
	Name:     "order_nondeterministic",
	Doc:      "report scheduling calls whose callback order is not guaranteed by Node and changes what the program prints",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/order-nondeterministic.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer},
	Run:      run,
}

// Lint budgets: far smaller than explain-order's, so a project's files stay
// cheap to check; a program needing more is simply not reported.
const (
	maxRuns  = 64
	maxSteps = 400_000
)

// maxSize skips large files: the rule is about programs whose output
// order matters, and interpreting a bundle is not a lint step's job.
const maxSize = 64 << 10

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	if len(m.Src) > maxSize || !mayRace(m.Module) {
		return nil, nil
	}
	// The program's local modules are followed only while they are small:
	// a 64 KB script that requires a 9 MB bundle is not interpreted whole.
	readFile := func(p string) ([]byte, error) {
		b, err := pass.ReadFile(p)
		if err == nil && len(b) > maxSize {
			return nil, fmt.Errorf("%s: larger than %d KB, not followed by the lint rule", p, maxSize>>10)
		}
		return b, err
	}
	p, err := explain.PredictModule(m.Module, explain.Options{MaxRuns: maxRuns, MaxSteps: maxSteps, ReadFile: readFile, Timeout: 2 * time.Second})
	if err != nil || len(p.Outcomes) < 2 {
		return nil, nil
	}
	a, b := p.Outcomes[0], p.Outcomes[1]
	x, y, ok := firstDifference(a.Steps, b.Steps)
	if !ok || x.Offset < 0 {
		return nil, nil
	}
	// Report at the callback that comes first in the source, naming the
	// other; the condition is the one under which y's line comes first.
	first, other := x, y
	if y.Offset >= 0 && y.Offset < x.Offset {
		first, other = y, x
	}
	span := jsast.Span{Start: first.Offset, End: first.Offset + 1}
	m.Report(pass, span, "order-nondeterministic:warning",
		"%s and %s can run in either order, which changes the output: if %s, %q is printed before %q; otherwise after",
		describe(first), describe(other), b.Assumption, y.Output, x.Output)
	return nil, nil
}

// firstDifference finds the first printed line where two outcomes differ
// and returns the step each outcome printed there.
func firstDifference(a, b []explain.Step) (explain.Step, explain.Step, bool) {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i].Output != b[i].Output {
			return a[i], b[i], true
		}
	}
	return explain.Step{}, explain.Step{}, false
}

// describe names a callback for the message, with its line when known.
func describe(s explain.Step) string {
	what := "a callback"
	if s.Label != "" {
		what = "the " + s.Label
	}
	if s.Line > 0 {
		what += fmt.Sprintf(" (line %d)", s.Line)
	}
	return what
}

// racers are the globals whose callbacks race with others: timers and
// immediates (I/O callbacks race only with those, so a module without them
// has nothing to report).
var racers = map[string]bool{"setTimeout": true, "setInterval": true, "setImmediate": true}

// mayRace is a cheap test run before interpreting anything: the module
// schedules something that can race and prints to standard output
// (console.log/info/dir or process.stdout.write: what a program's output
// is; libraries warn on stderr).
func mayRace(m *jsast.Module) bool {
	schedules, prints := false, false
	nodes := m.Nodes()
	for i, n := range nodes {
		v, ok := n.N.(*js.Var)
		if !ok || !jsast.IsGlobal(v) {
			continue
		}
		switch name := string(v.Data); {
		case racers[name]:
			schedules = true
		case name == "console" || name == "process":
			// The variable is the first child of a member expression.
			if p := n.Parent; p >= 0 && int(p) == i-1 {
				if d, ok := nodes[p].N.(*js.DotExpr); ok {
					if l, ok := d.Y.(js.LiteralExpr); ok {
						switch string(l.Data) {
						case "log", "info", "dir", "stdout":
							prints = true
						}
					}
				}
			}
		}
		if schedules && prints {
			return true
		}
	}
	return false
}
