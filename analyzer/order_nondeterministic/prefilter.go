package order_nondeterministic

import (
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

// names are the names Prefilter looks for: the racers, console and
// process.
var names = jstokens.NewSuffixes(append(slices.Sorted(maps.Keys(racers)), "console", "process")...)

// next returns the index of the first identifier from i that names may
// hold (Prefilter compares the whole name), or len(toks). It runs on
// every token of a module, with no call and no branch but the one out
// (src has 4 bytes at least).
func next(src []byte, toks []jsast.Token, i int) int {
	for ; i < len(toks); i++ {
		tok := &toks[i]
		ident := (uint64(tok.Type^js.IdentifierToken) - 1) >> 63 // x-1 has its top bit set just for x == 0
		if ident&names.May(src, tok) != 0 {
			return i
		}
	}
	return len(toks)
}
