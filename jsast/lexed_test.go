package jsast

import (
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

func TestLexComplete(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"const a = f(x) / 2; if (a) /re+/.test(s)", true},
		{"#!/usr/bin/env node\nrequire('fs')", true},
		{"const s = `a${b}c`; ({}).x", true},
		{"caf\u00e9 = 1; f(caf\u00e9)", true}, // non-ASCII identifiers: the full lexer
		{"const s = 'unterminated", false},
		{"/* never closed", false},
		{"f(a, b", false},
		{"f(a])", false},
		{"a = b)", false},
		{"x = `tpl ${a", false},
		{"", true},
	} {
		l := Lex("t.js", []byte(c.src))
		if got := l.Complete(); got != c.want {
			t.Errorf("Lex(%q).Complete() = %v, want %v", c.src, got, c.want)
		}
		l.Release()
	}
}

func TestLexTokens(t *testing.T) {
	src := "if (ok) /a+/.test(s); x = (a) / b / c;"
	l := Lex("t.js", []byte(src))
	defer l.Release()
	var regexps, divs []string
	for i := 0; i < l.Len(); i++ {
		switch l.Type(i) {
		case js.RegExpToken:
			regexps = append(regexps, string(l.Text(i)))
		case js.DivToken:
			divs = append(divs, string(l.Text(i)))
		case js.OpenParenToken:
			if m := l.Match(i); m <= i || l.Type(m) != js.CloseParenToken {
				t.Errorf("( at token %d matched with %d", i, m)
			}
		}
	}
	if len(regexps) != 1 || regexps[0] != "/a+/" || len(divs) != 2 {
		t.Errorf("regexps %q, divisions %q: want [/a+/] and two divisions", regexps, divs)
	}
	if s := l.Span(0); s != (Span{0, 2}) {
		t.Errorf("Span(0) = %v, want {0 2}", s)
	}
	// Tokens lists the same records the accessors read.
	toks := l.Tokens()
	if len(toks) != l.Len() {
		t.Fatalf("%d records, Len %d", len(toks), l.Len())
	}
	for i, tok := range toks {
		if tok.Type != l.Type(i) || (Span{int(tok.Start), int(tok.End)}) != l.Span(i) || int(tok.Match) != l.Match(i) {
			t.Errorf("record %d = %+v; Type %v, Span %v, Match %d", i, tok, l.Type(i), l.Span(i), l.Match(i))
		}
	}
}

// TestLexedParse checks that Parse reuses the lexed tokens: the module
// equals one parsed from scratch, comments included.
func TestLexedParse(t *testing.T) {
	src := []byte("#!/usr/bin/env node\n// note\nconst re = /x+/g;\nif (a) /y/.test(b)\nlet f = () => {}\n(g)()\n")
	m, err := Lex("t.js", src).Parse(CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, m)
	if len(m.Comments) != 2 || m.Comments[0].Text != "#!/usr/bin/env node" || m.Comments[1].Text != "// note" {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestRegexps(t *testing.T) {
	for src, want := range map[string]int{
		"a = b / c / d;":                   0,
		"a = /x+/g.test(s) || /y/.exec(s)": 2,
		"// /not/ one\ns = '/nor/ this'":   0,
		"if (x) /re/.test(y)":              1,
	} {
		if got := Lex("t.js", []byte(src)).Regexps(); got != want {
			t.Errorf("Regexps(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestElide checks that an elided module's tokens and comments are those
// of its blanked text lexed afresh, that its tree has the same nodes as a
// whole parse outside the spans, and that its positions are the source's.
func TestElide(t *testing.T) {
	src := "// head\nconst re = /a+/g; function f(x) { // in f\n  return /b+/.test(x) && [x, {y: 1}] }\nconst g = () => {\n  /* in g */ let s = `t${x}`; return s }\nf(re, g)\n"
	var spans []Span
	for _, body := range []string{"{ // in f", "{\n  /* in g"} {
		open := strings.Index(src, body)
		spans = append(spans, Span{open + 1, open + matchingBrace(src, open)})
	}
	l := Lex("t.js", []byte(src))
	l.Elide(spans)
	blanked := []byte(src)
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			blanked[i] = ' '
		}
	}
	fresh := Lex("t.js", blanked)
	if got, want := l.Tokens(), fresh.Tokens(); !slices.Equal(got, want) {
		t.Errorf("tokens after Elide:\n%v\nlexed afresh:\n%v", got, want)
	}
	if l.Regexps() != fresh.Regexps() || l.Regexps() != 1 {
		t.Errorf("regexps after Elide = %d, afresh %d, want 1", l.Regexps(), fresh.Regexps())
	}
	m, err := l.Parse(CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Parse("t.js", []byte(src), CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	outside := func(m *Module) (out []Span) {
		for _, n := range m.Nodes() {
			if !slices.ContainsFunc(spans, func(s Span) bool { return s.Start <= n.Span.Start && n.Span.Start < s.End }) {
				out = append(out, n.Span)
			}
		}
		return out
	}
	if got, want := outside(m), outside(whole); !slices.Equal(got, want) {
		t.Errorf("node spans outside the spans: elided %v, whole %v", got, want)
	}
	if len(m.Comments) != 1 || m.Comments[0].Text != "// head" {
		t.Errorf("comments = %v, want only // head", m.Comments)
	}
	end := strings.Index(src, "f(re, g)")
	if got, want := m.Position(end), whole.Position(end); got != want || got.Line != 6 {
		t.Errorf("position after the spans = %+v, whole parse %+v, want line 6", got, want)
	}
}

// matchingBrace returns the offset from open of the brace that closes the
// one at src[open] (no braces in strings in the test's source).
func matchingBrace(src string, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i - open
			}
		}
	}
	return -1
}
