package redos

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

func TestFreeTails(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    bool
	}{
		{`^([.-]|[^a-z0-9_-])+`, true},
		{`(\S+)((?:[^/]|\/[^>])*)(\/>)?`, true},
		{`((^|:)(0(:|$))+)`, true}, // the $ is inside the loop, not after it
		{`(a+)+`, true},
		{`a+(b|)`, true},
		{`\b(a|a)*x?`, true},
		{`(?:a|a)+?`, true},
		{`a{0,5}b*`, true},
		{`abc`, true},
		{``, true},
		{`(a+)+$`, false},
		{`(a|a)+b`, false},
		{`a+(b|c)`, false},
		{`(a+)\b`, false},
		{`(a|a){2,}`, false}, // two iterations before it may stop
		{`(a+b)+`, false},
		{`a+(?=b)`, false},
		{`(?=a+)`, false},
		{`(a)\1`, false},
		{`(?<=a+)b`, false},
		{`\s*,\s*`, false},
	} {
		re, err := jsregex.Parse(c.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := freeTails(re.Root, true); got != c.want {
			t.Errorf("freeTails(/%s/) = %v, want %v", c.pattern, got, c.want)
		}
	}
}

// TestFreeTailsAreLinear checks the proof behind freeTails on random
// patterns: for those it accepts, the full search confirms no attack, and
// the matcher's steps on pumped inputs grow linearly.
func TestFreeTailsAreLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	opts := Options{Timeout: time.Minute} // verdicts by the step budgets alone, on a loaded machine too
	var free, ambiguous, vulnerable int
	for range 3000 {
		pattern := randomPattern(r, 3)
		re, err := jsregex.Parse(pattern, "")
		if err != nil {
			continue
		}
		if !freeTails(re.Root, true) {
			if testing.Short() || vulnerable >= 20 {
				continue
			}
			if c := search(re, opts).Complexity; c == Polynomial || c == Exponential {
				vulnerable++
			}
			continue
		}
		free++
		res := search(re, opts)
		if res.Complexity == Polynomial || res.Complexity == Exponential {
			t.Fatalf("/%s/: freeTails, but the search finds it %v on %s", pattern, res.Complexity, res.Attack.Describe())
		}
		if res.Unconfirmed {
			ambiguous++
		}
		prog := compileProgram(re)
		for _, unit := range []string{"a", "b", "ab", "aab"} {
			for _, end := range []string{"", "!", "c"} {
				small, _ := prog.run(strings.Repeat(unit, 200)+end, 1<<40)
				large, _ := prog.run(strings.Repeat(unit, 800)+end, 1<<40)
				if large > 5*small+100 {
					t.Fatalf("/%s/ on %q×n+%q: %d steps for n=200, %d for n=800", pattern, unit, end, small, large)
				}
			}
		}
	}
	// The test says something only if the generator makes ambiguous
	// patterns with free tails, and vulnerable ones without.
	if free < 300 || ambiguous < 50 || !testing.Short() && vulnerable < 20 {
		t.Errorf("%d patterns with free tails, %d of them ambiguous; %d vulnerable ones without", free, ambiguous, vulnerable)
	}
}

// randomPattern makes a pattern over a and b of nesting depth up to depth.
func randomPattern(r *rand.Rand, depth int) string {
	atoms := []string{"a", "b", "[ab]", ".", "a", "b", "^", "$", `\b`}
	var term func(d int) string
	term = func(d int) string {
		var s string
		if d > 0 && r.IntN(3) == 0 {
			var alts []string
			for range 1 + r.IntN(3) {
				var seq strings.Builder
				for range r.IntN(3) {
					seq.WriteString(term(d - 1))
				}
				alts = append(alts, seq.String())
			}
			s = "(" + strings.Join(alts, "|") + ")"
		} else {
			s = atoms[r.IntN(len(atoms))]
			if s == "^" || s == "$" || s == `\b` {
				return s
			}
		}
		q := []string{"", "", "*", "+", "?", "{2,}", "{0,3}", "*?", "+?"}[r.IntN(9)]
		return s + q
	}
	var b strings.Builder
	for range 1 + r.IntN(4) {
		b.WriteString(term(depth))
	}
	return b.String()
}
