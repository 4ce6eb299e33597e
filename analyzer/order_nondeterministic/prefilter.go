package order_nondeterministic

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// Prefilter is the rule's test on tokens, mayRace's on names: a module no
// larger than the rule interprets that names setTimeout, setInterval or
// setImmediate, and console.log/info/dir or process.stdout.
func Prefilter(t *jstokens.Tokens) bool {
	if len(t.Src) > maxSize {
		return false
	}
	schedules, prints := false, false
	for i, tok := range t.Tokens() {
		if schedules && prints {
			break
		}
		if tok.Type != js.IdentifierToken {
			continue
		}
		// console and process have 7 bytes, the racers 10 to 12: most
		// names are out before a string compare or a map look-up.
		if n := tok.End - tok.Start; n != 7 && (n < 10 || n > 12) {
			continue
		}
		switch name := string(t.Src[tok.Start:tok.End]); {
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
	}
	return schedules && prints
}
