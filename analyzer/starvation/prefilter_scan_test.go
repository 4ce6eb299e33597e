package starvation

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// scanSources returns the modules of testdata (those of
// prefilter-shapes.txt apart), and a few that try the scans' edges:
// brackets that do not match, template substitutions that leave one open.
func scanSources(t *testing.T) map[string][]byte {
	srcs := map[string][]byte{
		"empty":      nil,
		"short":      []byte("a=1"),
		"four":       []byte("then"),
		"long":       []byte("x." + strings.Repeat("a", 60) + "then(); " + strings.Repeat("b", 64) + "then;"),
		"tmpl-open":  []byte("f(`${ ( }`, g(h)), k(`a${ [ }b${ ] }c`, m(n));"),
		"tmpl-close": []byte("f(`${ ) }`), g(h); (`${ ( }`)"),
		"unbalanced": []byte("f(a]; g(b) { h(c) ); k(d)"),
		"unclosed":   []byte("f(a, (g(b), [h(c)"),
		"unopened":   []byte("f(a)); g(b) ] } h(c)"),
		"names": []byte("async function f() { await null; f() }\n" +
			"p.then(resolve).catch(reject).finally(x); process.nextTick(f); queueMicrotask(g); " +
			"x['nextTick'](y); '\\x6eextTick'; `${resolve}`"),
	}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if filepath.Base(path) != "prefilter-shapes.txt" {
			srcs[path] = b
			return nil
		}
		for _, part := range strings.Split(string(b), "\n//// ")[1:] {
			name, src, _ := strings.Cut(part, "\n")
			srcs[name] = []byte(src)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// TestGateNext checks that gateNext stops at every token gates looks at,
// and otherwise only at identifiers too long for its length test.
func TestGateNext(t *testing.T) {
	for name, src := range scanSources(t) {
		tk := &jstokens.Tokens{Lexed: jsast.Lex(name, src)}
		toks := tk.Tokens()
		for _, look := range []uint8{cOther, cOther | cName} {
			var got []int
			if len(src) >= 4 {
				for k := gateNext(src, toks, 0, look); k < len(toks); k = gateNext(src, toks, k+1, look) {
					got = append(got, k)
				}
			} else if look != cOther {
				continue // gates looks at none: no async function
			}
			for k, tok := range toks {
				tt := tok.Type
				want := gateClass[tt]&look != 0
				if tt == js.IdentifierToken {
					switch string(tk.Text(k)) {
					case "then", "reject", "resolve", "nextTick", "queueMicrotask":
						want = true
					}
				}
				switch _, found := slices.BinarySearch(got, k); {
				case want && !found:
					t.Errorf("%s: look %b: token %d %s %q: not found", name, look, k, tt, tk.Text(k))
				case found && !want && (tt != js.IdentifierToken || tok.End-tok.Start < 64):
					t.Errorf("%s: look %b: token %d %s %q: found", name, look, k, tt, tk.Text(k))
				}
			}
		}
		tk.Release()
	}
}

// TestSkip checks that the scan of calls, jumping over brackets (skip),
// has the frames at each call it looks at that a scan of every token has.
func TestSkip(t *testing.T) {
	for name, src := range scanSources(t) {
		tk := &jstokens.Tokens{Lexed: jsast.Lex(name, src)}
		p := &pf{t: tk, g: gates(tk)}
		// The frames, as the brackets' indices, around each paren.
		want := map[int][]int{}
		var fr []int
		var parens []int32
		for k := range tk.Len() {
			switch tk.Type(k) {
			case js.OpenParenToken:
				want[k] = slices.Clone(fr)
				parens = append(parens, int32(k))
				fr = append(fr, k)
			case js.OpenBracketToken, js.OpenBraceToken, js.TemplateStartToken:
				fr = append(fr, k)
			case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.TemplateEndToken:
				if len(fr) > 0 {
					fr = fr[:len(fr)-1]
				}
			}
		}
		// The calls looked at: every paren, every 3rd or 7th (every other
		// one in rq, the others in ac), and each alone.
		var sets [][2][]int32
		for _, stride := range []int{1, 3, 7} {
			var rq, ac []int32
			for i := stride - 1; i < len(parens); i += stride {
				if i/stride%2 == 0 {
					rq = append(rq, parens[i])
				} else {
					ac = append(ac, parens[i])
				}
			}
			sets = append(sets, [2][]int32{rq, ac})
		}
		if len(parens) <= 200 {
			for _, k := range parens {
				sets = append(sets, [2][]int32{{k}, nil}, [2][]int32{nil, {k}})
			}
		}
		for _, set := range sets {
			rq, ac := set[0], set[1]
			fr = fr[:0]
			for k := 0; k < tk.Len() && len(rq)+len(ac) > 0; k++ {
				switch tk.Type(k) {
				case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
					if m := p.skip(k, rq, ac, false); m > k {
						k = m
						continue
					}
					for _, c := range []*[]int32{&rq, &ac} {
						if len(*c) > 0 && int((*c)[0]) == k {
							*c = (*c)[1:]
							if !slices.Equal(fr, want[k]) {
								t.Errorf("%s: calls %v %v: paren %d: frames %v, want %v", name, set[0], set[1], k, fr, want[k])
							}
						}
					}
					fr = append(fr, k)
				case js.TemplateStartToken:
					fr = append(fr, k)
				case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.TemplateEndToken:
					if len(fr) > 0 {
						fr = fr[:len(fr)-1]
					}
				}
			}
			if len(rq)+len(ac) > 0 {
				t.Errorf("%s: calls %v %v: %v %v never reached", name, set[0], set[1], rq, ac)
			}
		}
		tk.Release()
	}
}
