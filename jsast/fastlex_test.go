package jsast

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

// sameLex compares fastLex with the tdewolff lexer on one source: same
// tokens (numeric kinds and comment kinds aside), same comments, same
// bracket matches.
func sameLex(t *testing.T, name string, src []byte) {
	t.Helper()
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	if len(buf) >= 2 && buf[0] == '#' && buf[1] == '!' {
		buf[0], buf[1] = '/', '/'
	}
	fast, fc, ok := fastLex(buf, nil, true)
	if !ok {
		return // the full lexer handles this file
	}
	slow, sc := slowLex(buf, nil, true)
	if len(fast.list) != len(slow.list) || len(fc) != len(sc) {
		t.Errorf("%s: fast lexer: %d tokens %d comments, full lexer %d tokens %d comments", name, len(fast.list), len(fc), len(slow.list), len(sc))
	}
	for i := range min(len(fast.list), len(slow.list)) {
		f, s := fast.list[i], slow.list[i]
		same := f.Start == s.Start && f.End == s.End && (f.Type == s.Type || js.IsNumeric(f.Type) && js.IsNumeric(s.Type))
		if !same || f.Match != s.Match {
			t.Errorf("%s: token %d: fast %v %d-%d %q, full %v %d-%d %q", name, i, f.Type, f.Start, f.End, buf[f.Start:f.End], s.Type, s.Start, s.End, buf[s.Start:s.End])
			return
		}
	}
	for i := range min(len(fc), len(sc)) {
		if fc[i] != sc[i] {
			t.Errorf("%s: comment %d: fast %+v, full %+v", name, i, fc[i], sc[i])
			return
		}
	}
	if fast.regexps != slow.regexps {
		t.Errorf("%s: %d regexps, full lexer %d", name, fast.regexps, slow.regexps)
	}
	if fast.complete != slow.complete || fast.unbalanced != slow.unbalanced {
		t.Errorf("%s: complete %v unbalanced %v, full lexer %v %v", name, fast.complete, fast.unbalanced, slow.complete, slow.unbalanced)
	}
}

func TestFastLexMatches(t *testing.T) {
	cases := []string{
		"a = b / c / d; e = /re[/]x/g.test(s); f = x++ / 2",
		"const t = `a${b + `c${d}e`}f${ {x: 1}.x }g`;",
		"x = 0x1F + 0o17 + 0b101 + 1_000_000 + 1.5e-3 + .5 + 10n; y = a?.b ?? c?.[d] ?? e ? .5 : 1",
		"class A { #p = 1; m() { return this.#p >>>= 2 } }",
		"/* block\ncomment */ // line\n'str\\'ing' + \"dq\\\"x\"",
		"if (a) /re/.test(b); return /x/g",
		"a &&= b; c ||= d; e ??= f; g **= 2; h >>>= 1; i => i ** 2",
		"f(a[b)]; }", "f(`${a}`, {", "x = a\n/* c\n */ --> 1", "x >>>", "a ?", "a >>=", "a !=", "async", "instanceof interface",
	}
	for _, c := range cases {
		sameLex(t, c, []byte(c))
	}
	filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(p) == ".js" || filepath.Ext(p) == ".mjs") && !isUnder(p, "node_modules") {
			if src, err := os.ReadFile(p); err == nil {
				sameLex(t, p, src)
			}
		}
		return nil
	})
	if root := os.Getenv("BLOCKCHECK_CORPUS"); root != "" {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (filepath.Ext(p) == ".js" || filepath.Ext(p) == ".mjs" || filepath.Ext(p) == ".cjs") {
				if src, err := os.ReadFile(p); err == nil && !t.Failed() {
					sameLex(t, p, src)
				}
			}
			return nil
		})
	}
}

func isUnder(p, dir string) bool {
	for d := filepath.Dir(p); d != "." && d != "/" && d != ".."; d = filepath.Dir(d) {
		if filepath.Base(d) == dir {
			return true
		}
	}
	return false
}

func TestKeywordTable(t *testing.T) {
	for name, tt := range js.Keywords {
		if got := keywordType([]byte(name)); got != tt {
			t.Errorf("keywordType(%q) = %v, want %v", name, got, tt)
		}
		if got := keywordAt([]byte(name+"(a, b)"), 0, len(name)); got != tt {
			t.Errorf("keywordAt(%q) = %v, want %v", name+"(a, b)", got, tt)
		}
	}
	for _, name := range []string{"fs", "readFileSync", "x", "Function", "awaitx", "z"} {
		if got := keywordType([]byte(name)); got != js.IdentifierToken {
			t.Errorf("keywordType(%q) = %v, want an identifier", name, got)
		}
	}
}

func TestPunctuatorTable(t *testing.T) {
	for _, ps := range punctuatorList {
		for _, p := range ps {
			for _, src := range []string{p.text, p.text + " x", p.text + "\x00"} {
				if tt, l := punctuator([]byte(src)); tt != p.tt || l != len(p.text) {
					t.Errorf("punctuator(%q) = %v %d, want %v %d", src, tt, l, p.tt, len(p.text))
				}
			}
		}
	}
}
