package jstokens

import (
	"slices"
	"testing"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
)

func TestLoops(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []js.TokenType
	}{
		{"for (let i = 0; i < n; i++) f(i)", []js.TokenType{js.ForToken}},
		{"for (const k in o) {} for (const v of a) {}", nil},
		{"do { x++ } while (x < 3); while (y) {}", []js.TokenType{js.DoToken, js.WhileToken}},
		{"q.do(job); while (busy) {}", []js.TokenType{js.WhileToken}},
		{"const o = {while: 1, for: 2}; o?.do; while (a) b()", []js.TokenType{js.WhileToken}},
	} {
		toks := &Tokens{Lexed: jsast.Lex("m.js", []byte(c.src))}
		var got []js.TokenType
		for _, l := range toks.Loops() {
			got = append(got, l.Keyword)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: loops %v, want %v", c.src, got, c.want)
		}
	}
}

func TestStatement(t *testing.T) {
	for _, c := range []struct {
		src  string
		want string // the statement at the first token
	}{
		{"a = 1\nb = 2", "a = 1"},
		{"var\n  x = 1; y()", "var\n  x = 1;"},
		{"a = b\n(c)\nd()", "a = b\n(c)"},
		{"a = tag\n`x`\nd()", "a = tag\n`x`"},
		{"a = b\n++c", "a = b"},
		{"{ x() } y()", "{ x() }"},
		{"a = b\u2028c()", "a = b"},
	} {
		toks := &Tokens{Lexed: jsast.Lex("m.js", []byte(c.src))}
		r := toks.Statement(0)
		got := c.src[toks.Span(r[0]).Start:toks.Span(r[1]-1).End]
		if got != c.want {
			t.Errorf("%q: statement %q, want %q", c.src, got, c.want)
		}
	}
}

func TestLineBreakBefore(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool // before the second token
	}{
		{"a b", false},
		{"a\nb", true},
		{"a\r\nb", true},
		{"a\u2028b", true},
		{"a /*\u2029*/ b", true},
		{"a /* \xe2\x80\xaa */ b", false}, // U+202A
		{"a /*\xe2\x80*/ b", false},
		{"a /* \xe2 */ b", false},
	} {
		toks := &Tokens{Lexed: jsast.Lex("m.js", []byte(c.src))}
		if got := toks.LineBreakBefore(1); got != c.want {
			t.Errorf("%q: line break %v, want %v", c.src, got, c.want)
		}
	}
}
