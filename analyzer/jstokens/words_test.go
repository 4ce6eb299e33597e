package jstokens

import (
	"testing"

	"github.com/blockcheck/blockcheck/jsast"
)

func TestInitials(t *testing.T) {
	in := NewInitials("now", "parse", "createDiffieHellman")
	for _, c := range []struct {
		name string
		want uint64
	}{
		{"now", 1}, {"parse", 1}, {"createDiffieHellman", 1},
		{"nop", 1},  // same length and first letter: the caller compares
		{"how", 0},  // another first letter
		{"nows", 0}, // another length
		{"p", 0}, {"", 0},
	} {
		var first byte
		if c.name != "" {
			first = c.name[0]
		}
		if got := in.May(first, int32(len(c.name))); got != c.want {
			t.Errorf("May(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestSuffixes(t *testing.T) {
	s := NewSuffixes("then", "console", "process", "queueMicrotask")
	src := []byte("x.then; console; process; queueMicrotask; wthen; theN; consoles; ab; progress")
	l := jsast.Lex("x.js", src)
	defer l.Release()
	want := map[string]uint64{"then": 1, "console": 1, "process": 1, "queueMicrotask": 1}
	for i, tok := range l.Tokens() {
		name := string(src[tok.Start:tok.End])
		if got := s.May(src, &tok); got != want[name] {
			t.Errorf("token %d %q: May = %d, want %d", i, name, got, want[name])
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a third word of one length: no panic")
		}
	}()
	NewSuffixes("console", "process", "require")
}
