package order_nondeterministic

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestNext checks that the prefilter's scan stops at each name it looks
// for, after names of the same lengths (and lengths modulo 16) and at the
// ends of the module, and that the prefilter keeps a module of a racer
// and a print.
func TestNext(t *testing.T) {
	names := append(slices.Sorted(maps.Keys(racers)), "console", "process")
	for _, name := range names {
		other := strings.Repeat("x", len(name))
		for _, src := range []string{
			name,
			"a;" + name,
			other + "(" + other + "x" + strings.Repeat("y", 15) + ", " + name + ");",
		} {
			tk := &jstokens.Tokens{Lexed: jsast.Lex("x.js", []byte(src))}
			toks := tk.Tokens()
			k := next(tk.Src, toks, 0)
			if k == len(toks) || string(tk.Text(k)) != name {
				t.Errorf("%q: next stops at token %d, not at %s", src, k, name)
			}
			tk.Release()
		}
	}
	for _, racer := range names[:len(racers)] {
		for _, print := range []string{"console.log", "console.dir", "process.stdout.write"} {
			src := racer + "(f); " + print + "(1)"
			tk := &jstokens.Tokens{Lexed: jsast.Lex("x.js", []byte(src))}
			if !Prefilter(tk) {
				t.Errorf("%q: dropped", src)
			}
			tk.Release()
		}
	}
}
