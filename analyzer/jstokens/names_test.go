package jstokens

import (
	"slices"
	"testing"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
)

func TestNames(t *testing.T) {
	toks := &Tokens{Lexed: jsast.Lex("m.js", []byte("a = 1; b = 2; a = 3; ab = 4"))}
	x := NewNames[int](toks, 0)
	for k := 0; k < toks.Len(); k++ {
		if toks.Type(k+1) == js.EqToken {
			x.Add(k, k+2) // the value's token
		}
	}
	values := func(name string) []string {
		var out []string
		for v := range x.All([]byte(name)) {
			out = append(out, string(toks.Text(v)))
		}
		return out
	}
	if got := values("a"); !slices.Equal(got, []string{"3", "1"}) {
		t.Errorf("a: %v, want the latest first: [3 1]", got)
	}
	if got := values("ab"); !slices.Equal(got, []string{"4"}) {
		t.Errorf("ab: %v, want [4]", got)
	}
	if got := values("c"); got != nil {
		t.Errorf("c: %v, want none", got)
	}
	if v, ok := x.Latest(0); !ok || string(toks.Text(v)) != "3" {
		t.Errorf("Latest(a) = %d %v, want the token of 3", v, ok)
	}
}
