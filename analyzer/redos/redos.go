package redos

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/jsregex"
	core "github.com/blockcheck/blockcheck/jsregex/redos"
)

// Analyzer reports regular expressions with super-linear matching time.
var Analyzer = &analysis.Analyzer{
	Name:     "redos",
	Doc:      "report regular expressions whose matching time is super-linear (catastrophic backtracking)",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/redos.md",
	Requires: []*analysis.Analyzer{jstokens.Analyzer, jsmodule.Analyzer, hotpath.Analyzer},
	Run:      run,
}

// Options bounds the analysis of each distinct pattern. The verdict depends
// only on the step and size budgets (deterministic; they keep p99 near
// 50 ms on a 2-core machine); the wall-clock timeout is a safety net set
// far above them, so a loaded CI machine does not turn findings into
// "unknown".
var Options = core.Options{Timeout: 2 * time.Second}

type key struct{ pattern, flags string }

// cache holds verdicts per distinct pattern: they are deterministic, and
// real code repeats patterns across files.
var cache sync.Map // key → core.Result

func analyze(pattern, flags string) core.Result {
	k := key{pattern, flags}
	if r, ok := cache.Load(k); ok {
		return r.(core.Result)
	}
	r := core.Analyze(pattern, flags, Options)
	cache.Store(k, r)
	return r
}

// source is a pattern found in the code.
type source struct {
	span           jsast.Span
	pattern, flags string
	literal        bool
	node           int // the literal, or the RegExp call or new expression
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	if m.Module == nil {
		// Not parsed: Lexical found that the tokens decide every finding.
		for _, s := range literals(pass.ResultOf[jstokens.Analyzer].(*jstokens.Tokens)) {
			report(pass, m, s, nil)
		}
		return nil, nil
	}
	var uses *applications // where patterns are applied: built for the first polynomial finding
	requestUse := func(def int) (application, bool) {
		if uses == nil {
			uses = newApplications(m, pass.ResultOf[hotpath.Analyzer].(*hotpath.Info))
		}
		return uses.requestUse(def)
	}
	for _, s := range sources(m) {
		report(pass, m, s, requestUse)
	}
	return nil, nil
}

// report reports pattern s if it is not linear. A polynomial pattern is
// raised to an error where requestUse (nil: nowhere) finds it applied, on
// the hot path, to data that comes from a request.
func report(pass *analysis.Pass, m *jsmodule.Module, s source, requestUse func(def int) (application, bool)) {
	r := analyze(s.pattern, s.flags)
	switch r.Complexity {
	case core.Exponential:
		m.Report(pass, s.span, "redos:error", "%s", message(r))
	case core.Polynomial:
		if requestUse != nil {
			if use, ok := requestUse(s.node); ok {
				m.Report(pass, s.span, "redos:error", "%s; it is applied to request data (%s) at line %d, on the hot path", message(r), use.subject, m.Position(use.span.Start).Line)
				return
			}
		}
		m.Report(pass, s.span, "redos:warning", "%s", message(r))
	case core.Invalid:
		if s.literal {
			m.Report(pass, s.span, "syntax", "invalid regular expression /%s/%s: %v", s.pattern, s.flags, r.Err)
		} else {
			m.Report(pass, s.span, "redos:warning", "invalid regular expression %q: %v; new RegExp throws a SyntaxError here at run time", s.pattern, r.Err)
		}
	}
}

func message(r core.Result) string {
	var b strings.Builder
	if r.Complexity == core.Exponential {
		b.WriteString("catastrophic backtracking: matching time grows exponentially with the input")
	} else {
		fmt.Fprintf(&b, "super-linear backtracking: matching time grows as O(n^%d) with the input", max(r.Degree, 2))
	}
	if r.Attack != nil {
		fmt.Fprintf(&b, " — an input like %s blocks the event loop", r.Attack.Describe())
	}
	if r.Hint != "" {
		b.WriteString("; ")
		b.WriteString(r.Hint)
	}
	if r.Approximate {
		b.WriteString(" (lookarounds or backreferences were approximated; the attack was confirmed)")
	}
	return b.String()
}

// sources finds the patterns of m: regex literals and RegExp constructions
// from constant strings.
func sources(m *jsmodule.Module) []source {
	nodes := m.Nodes()
	var consts map[*js.Var]string // computed at the first RegExp call
	var out []source
	for i := range nodes {
		switch n := nodes[i].N.(type) {
		case *js.LiteralExpr:
			if n.TokenType != js.RegExpToken {
				continue
			}
			if s, ok := literal(n.Data, nodes[i].Span); ok {
				s.node = i
				out = append(out, s)
			}
		case *js.CallExpr:
			if s, ok := regexpCall(m, i, n.X, n.Args.List, &consts); ok {
				out = append(out, s)
			}
		case *js.NewExpr:
			if n.Args != nil {
				if s, ok := regexpCall(m, i, n.X, n.Args.List, &consts); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// literals finds the regular-expression literals of a module that was
// not parsed, from its tokens.
func literals(t *jstokens.Tokens) []source {
	var out []source
	for i, tok := range t.Tokens() {
		if tok.Type == js.RegExpToken {
			if s, ok := literal(t.Text(i), t.Span(i)); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// literal returns the pattern of regular-expression literal text.
func literal(text []byte, span jsast.Span) (source, bool) {
	end := bytes.LastIndexByte(text, '/')
	if end <= 0 {
		return source{}, false
	}
	return source{span: span, pattern: string(text[1:end]), flags: string(text[end+1:]), literal: true}, true
}

func regexpCall(m *jsmodule.Module, i int, callee js.IExpr, args []js.Arg, consts *map[*js.Var]string) (source, bool) {
	v, ok := callee.(*js.Var)
	if !ok || string(v.Data) != "RegExp" || !jsast.IsGlobal(v) || len(args) == 0 || args[0].Rest {
		return source{}, false
	}
	if *consts == nil {
		*consts = constStrings(m)
	}
	return regexpArgs(m, i, args, *consts)
}

func regexpArgs(m *jsmodule.Module, i int, args []js.Arg, consts map[*js.Var]string) (source, bool) {
	pattern, ok := constString(args[0].Value, consts)
	if !ok {
		return source{}, false
	}
	flags := ""
	if len(args) > 1 {
		if flags, ok = constString(args[1].Value, consts); !ok {
			return source{}, false
		}
	}
	span := m.Nodes()[i].Span
	// Report on the pattern argument: the call's second child.
	if kids := m.Children(i); len(kids) > 1 {
		span = m.Nodes()[kids[1]].Span
	}
	return source{span: span, pattern: pattern, flags: flags, node: i}, true
}

// constStrings maps const variables initialised with constant strings to
// their values.
func constStrings(m *jsmodule.Module) map[*js.Var]string {
	var decls []js.BindingElement // the const declarators with a value, in order
	for _, n := range m.Nodes() {
		if d, ok := n.N.(*js.VarDecl); ok && d.TokenType == js.ConstToken {
			for _, el := range d.List {
				if _, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					decls = append(decls, el)
				}
			}
		}
	}
	out := map[*js.Var]string{}
	for round := 0; round < 3; round++ { // consts built from other consts
		for _, el := range decls {
			if s, ok := constString(el.Default, out); ok {
				out[jsast.Resolve(el.Binding.(*js.Var))] = s
			}
		}
	}
	return out
}

// constString evaluates a constant string expression: a string literal, a
// template without substitutions, a concatenation of those, or a const.
func constString(e js.IExpr, consts map[*js.Var]string) (string, bool) {
	switch e := e.(type) {
	case *js.LiteralExpr:
		if e.TokenType != js.StringToken {
			return "", false
		}
		s, err := jsregex.DecodeStringLiteral(string(e.Data))
		return s, err == nil
	case *js.TemplateExpr:
		if e.Tag != nil || len(e.List) > 0 {
			return "", false
		}
		s, err := jsregex.DecodeStringLiteral(string(e.Tail))
		return s, err == nil
	case *js.BinaryExpr:
		if e.Op != js.AddToken {
			return "", false
		}
		a, ok := constString(e.X, consts)
		if !ok {
			return "", false
		}
		b, ok := constString(e.Y, consts)
		return a + b, ok
	case *js.GroupExpr:
		return constString(e.X, consts)
	case *js.Var:
		s, ok := consts[jsast.Resolve(e)]
		return s, ok
	}
	return "", false
}
