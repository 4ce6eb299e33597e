package redos

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestFilter checks what the rule asks of a module's tokens: whether it
// may hold a finding (Prefilter), and whether the tokens decide every
// finding (Lexical), or the tree is needed.
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
		{`const bad = /(a+/;`, lexical}, // invalid: a syntax finding
		{`new RegExp("^[a-z]+$", "i");`, none},
		{`new RegExp("^(a+)+$");`, tree},
		{`new RegExp(someVariable);`, none},
		{`new RegExp(...args);`, none},
		{`const P = "(a" + "+)+"; new RegExp("^" + P + "$");`, tree},
		{`const P = "[a-z]", Q = P + "+"; new RegExp(Q, "g");`, none},
		{`const P = "^(a+)+$", Q = P; new RegExp(Q);`, tree},
		{`var P = "^(a+)+$"; new RegExp(P);`, none}, // not a const: the tree finds no pattern
		{`let a, P = "^(a+)+$"; new RegExp(P);`, none},
		{`const a = f(x, y), P = "^(a+)+$"; new RegExp(P);`, tree},
		{`f(a, P = "^(a+)+$"); new RegExp(P);`, tree}, // which P: only the tree knows
		{`const P = "^(a+)+$"; function g(P) { return new RegExp(P) }`, tree},
		{`const P = "^(a+)+$"; { const P = "x"; new RegExp(P) }`, tree},
		{`const P = "^(a+)+$" + x.y; new RegExp(P);`, none},
		{"const P = \"^(a+)+$\"\n(f)\nnew RegExp(P);", none}, // "^(a+)+$"(f): a call
		{"const P = \"^(a+)+$\"\nf()\nnew RegExp(P);", tree},
		{`new RegExp("^(a+)+$", flags);`, none},
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
	}
}
