package order_nondeterministic

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// Prefilter is the rule's test on tokens, mayRace's on names: a module no
// larger than the rule interprets that names setTimeout, setInterval or
// setImmediate, and console.log/info/dir or process.stdout.
func Prefilter(t *jstokens.Tokens) bool {
	if len(t.Src) > maxSize || len(t.Src) < 4 {
		return false // or too small for a name it looks for (see next)
	}
	schedules, prints := false, false
	toks := t.Tokens()
	for i := next(t.Src, toks, 0); i < len(toks); i = next(t.Src, toks, i+1) {
		switch name := string(t.Text(i)); {
		case racers[name]:
			schedules = true
		case name == "console" || name == "process":
			if t.Type(i+1) == js.DotToken && js.IsIdentifierName(t.Type(i+2)) {
				switch string(t.Text(i + 2)) {
				case "log", "info", "dir", "stdout":
					prints = true
				}
			}
		}
		if schedules && prints {
			return true
		}
	}
	return false
}

// suffixes are the last 4 bytes of the names Prefilter looks for (the
// racers, console and process), by length modulo 16, two at most a
// length (0: none).
var suffixes = func() (s [2][16]uint32) {
	for _, name := range append(slices.Sorted(maps.Keys(racers)), "console", "process") {
		w, n := binary.LittleEndian.Uint32([]byte(name[len(name)-4:])), len(name)&15
		switch {
		case s[0][n] == 0:
			s[0][n] = w
		case s[1][n] == 0:
			s[1][n] = w
		default:
			panic(fmt.Sprintf("order_nondeterministic: a third name of %q's length modulo 16", name))
		}
	}
	return s
}()

// next returns the index of the first identifier from i whose last 4 bytes
// are those of a name Prefilter looks for of its length (modulo 16:
// Prefilter compares the whole name), or len(toks). It runs on every token
// of a module, with no call and no branch but the one out: it reads the 4
// bytes before the end of any token (src has 4 at least) and tests its
// type without a branch too. An identifier's are never 0, the suffix of no
// length.
func next(src []byte, toks []jsast.Token, i int) int {
	for ; i < len(toks); i++ {
		tok := &toks[i]
		j := max(int(tok.End)-4, 0)
		w := binary.LittleEndian.Uint32(src[j : j+4])
		s, n := &suffixes, (tok.End-tok.Start)&15
		// x-1 has its top bit set just for x == 0.
		ident := uint64(tok.Type^js.IdentifierToken) - 1
		named := (uint64(w^s[0][n]) - 1) | (uint64(w^s[1][n]) - 1)
		if ident&named&(1<<63) != 0 {
			return i
		}
	}
	return len(toks)
}
