package redos

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
	core "github.com/blockcheck/blockcheck/jsregex/redos"
)

// TestFilter checks what the rule asks of a module's tokens: whether it
// may hold a finding (Prefilter), and whether the tokens decide every
// finding (Lexical), or the tree is needed; and that a module where the
// tree finds a RegExp call with a pattern that is not linear is kept for
// the tree.
func TestFilter(t *testing.T) {
	const (
		none    = iota // no finding possible
		lexical        // findings, decided by the tokens
		tree           // findings possible, the tree decides
	)
	for _, c := range []struct {
		src  string
		want int
	}{
		{`const ok = /^[a-z]+$/;`, none},
		{`const bad = /^(a+)+$/;`, lexical},
		{`const poly = /^\s*a\s*\s*$/; log(x.body);`, lexical},
		{`const poly = /^\s*a\s*\s*$/; app.get('/', (req) => poly.test(req.query.q));`, tree},
		{`const poly = /^\s*a\s*\s*$/; f(ctx?.request.body);`, tree},
		{`const poly = /^\s*a\s*\s*$/; sock.on('data', (chunk) => poly.test(chunk));`, tree},
		{`f(req.body); const poly = /^\s*a\s*\s*$/;`, tree}, // request data before the literal
		{`sock.on('message', f); const poly = /^\s*a\s*\s*$/;`, tree},
		{`f(req.user, 'data'); const poly = /^\s*a\s*\s*$/; g('message')`, lexical},
		{`const bad = /(a+/;`, lexical}, // invalid: a syntax finding
		{`new RegExp("^[a-z]+$", "i");`, none},
		{`new RegExp("^(a+)+$");`, tree},
		{`RegExp("^(a+)+$");`, tree},
		{`RegExp?.("^(a+)+$");`, tree},
		{`x.RegExp("^(a+)+$"); new x.RegExp("^(a+)+$"); x?.RegExp("^(a+)+$");`, none}, // not the global
		{`new RegExp(someVariable);`, none},
		{`new RegExp(...args);`, none},
		{`const P = "(a" + "+)+"; new RegExp("^" + P + "$");`, tree},
		{"const P = `(a+)+`; new RegExp(`^` + P + \"$\");", tree},
		{`const P = "[a-z]", Q = P + "+"; new RegExp(Q, "g");`, none},
		{`const P = "^(a+)+$", Q = P; new RegExp(Q);`, tree},
		{`new RegExp(P); const P = "^(a+)+$";`, tree}, // declared later
		{`function f() { return new RegExp(P) } const P = "^(a+)+$";`, tree},
		{`var P = "^(a+)+$"; new RegExp(P);`, none}, // not a const: the tree finds no pattern
		{`let a, P = "^(a+)+$"; new RegExp(P);`, none},
		{`const a = f(x, y), P = "^(a+)+$"; new RegExp(P);`, tree},
		{`f(a, P = "^(a+)+$"); new RegExp(P);`, tree}, // which P: only the tree knows
		{`const P = "^(a+)+$"; function g(P) { return new RegExp(P) }`, tree},
		{`const P = "^(a+)+$"; function g(P) { { const P = "x"; return new RegExp(P) } }`, none},
		{`function g(P) { { const P = "^(a+)+$"; return new RegExp(P) } }`, tree}, // a parameter shadowed by a const
		{`const P = "^(a+)+$"; { const P = "x"; new RegExp(P) }`, none},
		{`const P = "x"; { const P = "^(a+)+$"; new RegExp(P) }`, tree},
		{`const P = "x"; { const P = "^(a+)+$"; } new RegExp(P);`, none},
		{`const P = "^(a+)+$"; { const P = "x"; } new RegExp(P);`, tree},
		{`{ const P = "^(a+)+$"; } new RegExp(P);`, none}, // another block's
		{`function f() { const P = "^(a+)+$"; } function g(P) { return new RegExp(P) }`, none},
		{`function f() { const P = g(); return new RegExp(P) } function h() { const P = "^(a+)+$"; }`, none},
		{`function f() { const P = "^(a+)+$"; return new RegExp(P) } function h() { const P = g(); }`, tree},
		{`const o = {a: 1}, P = "^(a+)+$"; function f() { return new RegExp(P) }`, tree},
		{`const P = "^(a+)+$"; const f = (P) => new RegExp(P);`, tree},
		{`const f = (P) => new RegExp(P); function g() { const P = "^(a+)+$"; }`, none},
		{`const f = P => { const Q = "^(a+)+$"; return new RegExp(Q); };`, tree},
		{`const P = "x"; for (const P = "^(a+)+$";;) new RegExp(P);`, tree},
		{`const P = "^(a+)+$"; for (const P = "x";;) {} new RegExp(P);`, tree},
		{`const P = "^(a+)+$"; try {} catch (P) { new RegExp(P) }`, tree},
		{`switch (x) { case 1: const P = "^(a+)+$"; new RegExp(P); }`, tree},
		{`class A { static { const P = "^(a+)+$"; new RegExp(P); } }`, tree},
		{`const P = "^(a+)+$"; class A { m(P) { return new RegExp(P) } }`, tree},
		{`class A { m(P) { return new RegExp(P) } } function f() { const P = "^(a+)+$"; }`, none},
		{"const P = `${a}(a+)+`; new RegExp(P);", none}, // a template with a substitution
		{`const P = "^(a+)+$" + x.y; new RegExp(P);`, none},
		{`const P = "^(a+)+$"; new RegExp(P.source);`, none},
		{`const P = "^(a+)+$"; new RegExp(f(P));`, none},
		{`const P = "^(a+)+$"; new RegExp(options.regex);`, none},
		{`const P = "^(a+)+$"; function f(source, flags) { return new RegExp(source, flags) }`, none},
		{"const P = \"^(a+)+$\"\n(f)\nnew RegExp(P);", none}, // "^(a+)+$"(f): a call
		{"const P = \"^(a+)+$\"\nf()\nnew RegExp(P);", tree},
		{`new RegExp("^(a+)+$", flags);`, none},
		{`const A = B + "+)+$", B = "^(a"; new RegExp(A);`, tree},
		{`const A = A + "x"; new RegExp(A);`, tree}, // a cycle
		{`{ new RegExp(P); const P = "^(a+)+$"; }`, tree},
		{`{ const P = "^(a+)+$"; new RegExp(P); {`, tree}, // unbalanced: scopes are not told
	} {
		toks := &jstokens.Tokens{Lexed: jsast.Lex("m.js", []byte(c.src))}
		got := none
		if Prefilter(toks) {
			got = tree
			if Lexical(toks) {
				got = lexical
			}
		}
		if got != c.want {
			t.Errorf("%s: got %d, want %d (0 none, 1 lexical, 2 tree)", c.src, got, c.want)
		}
		if m, err := jsast.Parse("m.js", []byte(c.src), jsast.CommonJS); err == nil {
			for _, s := range sources(&jsmodule.Module{Module: m}) {
				if !s.literal && analyze(s.pattern, s.flags).Complexity != core.Safe && got != tree {
					t.Errorf("%s: the tree finds %q at %d; got %d, want 2 (tree)", c.src, s.pattern, s.span.Start, got)
				}
			}
		}
	}
}

// TestTokenConsts checks the tokens' evaluation of RegExp arguments
// against the tree's on the rule's testdata and $BLOCKCHECK_CORPUS: every
// RegExp call the tree reads a pattern from, the tokens evaluate to the
// same pattern and flags, or leave unknown.
func TestTokenConsts(t *testing.T) {
	roots := []string{"testdata"}
	if c := os.Getenv("BLOCKCHECK_CORPUS"); c != "" {
		roots = append(roots, c)
	}
	calls := 0
	for _, root := range roots {
		eachModule(root, func(p string, src []byte) {
			if !strings.Contains(string(src), "RegExp") {
				return
			}
			toks := &jstokens.Tokens{Lexed: jsast.Lex(p, src)}
			var at []int // the RegExp calls' opening parentheses
			for i := 0; i < toks.Len(); i++ {
				if toks.Type(i) == js.IdentifierToken {
					if open := regexpCallAt(toks, i); open >= 0 {
						at = append(at, open)
					}
				}
			}
			kind := jsast.CommonJS
			if strings.HasSuffix(p, ".mjs") {
				kind = jsast.ESM
			}
			m, err := jsast.Parse(p, src, kind)
			if err != nil {
				return
			}
			for _, s := range sources(&jsmodule.Module{Module: m}) {
				if s.literal {
					continue
				}
				calls++
				start := m.Nodes()[s.node].Span.Start
				k, _ := slices.BinarySearchFunc(at, start, func(open, start int) int { return toks.Span(open).Start - start })
				if k == len(at) {
					t.Errorf("%s:%d: the tree reads %q from a RegExp call the tokens do not see", p, start, s.pattern)
					continue
				}
				v, flags := tokenConstsOf(toks).regexpCall(at[k])
				if v.status == notConst || v.status == known && (v.value != s.pattern || flags != s.flags) {
					t.Errorf("%s:%d: the tree reads %q, %q; the tokens %v %q, %q", p, start, s.pattern, s.flags, v.status, v.value, flags)
				}
			}
		})
	}
	if calls == 0 {
		t.Error("no RegExp call with a constant pattern")
	}
	t.Logf("%d RegExp calls with a constant pattern", calls)
}

// eachModule calls f with the path and source of each JavaScript module
// under root.
func eachModule(root string, f func(path string, src []byte)) {
	paths, _ := checktest.JSFiles(root)
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f(p, src)
		}
	}
}

// TestGates checks that the gates skip only tokens their loops do not
// read, on the rule's testdata, $BLOCKCHECK_CORPUS and a few modules made
// for it: regular-expression literals, the callees of RegExp calls, the
// roots of request chains and the events of request data, and the
// tokens declarations reads.
func TestGates(t *testing.T) {
	for _, r := range requestRoots {
		if !requestRoot([]byte(r)) {
			t.Errorf("requestRoot does not take %q", r)
		}
	}
	srcs := []string{
		`new RegExp(P); x.on('data', f); ctx.request.body; event?.body; const a = 1, B = /a+$/, c = "message";`,
		"x\ny",
		"",
	}
	roots := []string{"testdata"}
	if c := os.Getenv("BLOCKCHECK_CORPUS"); c != "" {
		roots = append(roots, c)
	}
	for _, root := range roots {
		eachModule(root, func(_ string, src []byte) { srcs = append(srcs, string(src)) })
	}
	for _, s := range srcs {
		toks := &jstokens.Tokens{Lexed: jsast.Lex("m.js", []byte(s))}
		src, list := toks.Src, toks.Tokens()
		for i, tok := range list {
			tt := tok.Type
			literal := tt == js.RegExpToken || tt == js.IdentifierToken && regexpCallAt(toks, i) >= 0
			request := tt == js.StringToken && dataEventAt(toks, i) || tt == js.IdentifierToken && requestRoot(toks.Text(i))
			for _, g := range []struct {
				name  string
				gate  *gate
				reads bool
			}{
				{"literalGate", literalGate, literal},
				{"requestGate", requestGate, request},
				{"afterGate", afterGate, literal || request},
				{"declGate", declGate, tt == js.ConstToken || tt == js.VarToken || tt == js.LetToken || tt == js.EqToken},
			} {
				if g.reads && g.gate.next(src, list, i) != i {
					t.Errorf("%s skips %q", g.name, toks.Text(i))
				}
			}
		}
		toks.Release()
	}
}
