package jsast

import (
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
