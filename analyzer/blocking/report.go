package blocking

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
)

// StartupSuffix marks a diagnostic's category for a call in start-up code:
// "sync-io:startup". The driver drops those unless start-up reporting is
// on (--startup, or "startup": "report"), and then reports them at info
// severity.
const StartupSuffix = ":startup"

// NewAnalyzer returns the analyzer of a catalogue rule (sync-io, ...):
// it reports the rule's calls with Report. Its name is the rule's, with _
// for -.
func NewAnalyzer(rule, doc string, reportUnknown bool) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     strings.ReplaceAll(rule, "-", "_"),
		Doc:      doc,
		URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/" + rule + ".md",
		Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			Report(pass, rule, reportUnknown)
			return nil, nil
		},
	}
}

// Report reports the blocking calls of rule found in the pass's module:
// hot-path calls at the rule's severity, start-up calls marked with
// StartupSuffix. Calls whose context is unknown (helpers nothing in the
// module calls) are reported only when reportUnknown is set: the pattern
// rules report where the pattern is, the sync-* rules leave helpers to
// sync-call-chain at their call sites.
func Report(pass *analysis.Pass, rule string, reportUnknown bool) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	b := pass.ResultOf[bindings.Analyzer].(*bindings.Info)
	for _, c := range pass.ResultOf[Analyzer].(*Result).Calls {
		if c.Entry.Rule != rule {
			continue
		}
		category := rule
		switch c.Where.Context {
		case hotpath.Hot:
		case hotpath.Unknown:
			if !reportUnknown {
				continue
			}
		case hotpath.Startup:
			category += StartupSuffix
		default:
			continue
		}
		d := analysis.Diagnostic{Pos: m.Pos(c.Callee.Start), End: m.Pos(c.Callee.End), Category: category, Message: c.Message()}
		if c.Where.Context == hotpath.Hot && c.Async {
			if fix, ok := promisesFix(m, b, c); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		pass.Report(d)
	}
}

// promisesMembers are the fs functions whose fs.promises form takes the
// same arguments and resolves to the same value.
var promisesMembers = map[string]bool{
	"readFile": true, "writeFile": true, "appendFile": true, "readdir": true, "mkdir": true, "mkdtemp": true,
	"rm": true, "rmdir": true, "unlink": true, "stat": true, "lstat": true, "access": true, "copyFile": true,
	"rename": true, "realpath": true, "readlink": true, "symlink": true, "link": true, "chmod": true,
	"chown": true, "lchown": true, "utimes": true, "lutimes": true, "truncate": true, "cp": true, "statfs": true,
}

// promisesFix rewrites fs.readFileSync(p, o) inside an async function to
// (await fs.promises.readFile(p, o)), reusing the fs binding the call uses.
func promisesFix(m *jsmodule.Module, b *bindings.Info, c Call) (analysis.SuggestedFix, bool) {
	call, ok := m.Nodes()[c.Node].N.(*js.CallExpr)
	if !ok || c.Ref.Module != "fs" {
		return analysis.SuggestedFix{}, false
	}
	name := c.Ref.Last()
	name = name[:len(name)-len("Sync")]
	dot, ok := call.X.(*js.DotExpr)
	if !ok || !promisesMembers[name] {
		return analysis.SuggestedFix{}, false
	}
	if r, ok := b.Of(dot.X); !ok || r != (bindings.Ref{Module: "fs"}) {
		return analysis.SuggestedFix{}, false
	}
	obj := m.Text(m.Span(dot.X))
	callSpan := m.Nodes()[c.Node].Span
	args := m.Text(callSpan)[c.Callee.End-callSpan.Start:]
	text := "await " + obj + ".promises." + name + args
	if !bareContext(m, c.Node) {
		text = "(" + text + ")"
	}
	return analysis.SuggestedFix{
		Message:   "Use await " + obj + ".promises." + name,
		TextEdits: []analysis.TextEdit{{Pos: m.Pos(callSpan.Start), End: m.Pos(callSpan.End), NewText: []byte(text)}},
	}, true
}

// bareContext reports whether an await expression can replace the call
// without parentheses: a statement, an initialiser, a return value or an
// argument.
func bareContext(m *jsmodule.Module, i int) bool {
	p := m.Nodes()[i].Parent
	if p < 0 {
		return false
	}
	switch m.Nodes()[p].N.(type) {
	case *js.ExprStmt, *js.VarDecl, *js.ReturnStmt, *js.CallExpr:
		if c, ok := m.Nodes()[p].N.(*js.CallExpr); ok && c.X == m.Nodes()[i].N {
			return false
		}
		return true
	}
	return false
}
