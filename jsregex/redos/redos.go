package redos

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

// maxFindings bounds how many candidate ambiguities get an attack.
const maxFindings = 24

// Complexity is the verdict for one pattern.
type Complexity int

const (
	Safe        Complexity = iota // no confirmed super-linear behaviour
	Polynomial                    // confirmed O(n^Degree) backtracking
	Exponential                   // confirmed exponential backtracking
	Unknown                       // a budget ran out before a verdict
	Invalid                       // the pattern does not parse
)

func (c Complexity) String() string {
	return [...]string{"safe", "polynomial", "exponential", "unknown", "invalid"}[c]
}

// Options bound the work done for one pattern. Zero fields take defaults.
// Verdicts depend only on the step and size budgets, so they are
// deterministic; Timeout is a safety net that yields Unknown.
type Options struct {
	// Timeout is the wall-clock limit per pattern (default 50ms).
	Timeout time.Duration
	// MaxSteps is the total backtracking-matcher steps spent confirming
	// attacks (default 4,000,000).
	MaxSteps int64
	// MaxStates caps the analysis automaton (default 3000 states).
	MaxStates int
	// MaxProductNodes caps the product-automaton search (default 400,000).
	MaxProductNodes int
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 50 * time.Millisecond
	}
	if o.MaxSteps <= 0 {
		o.MaxSteps = 4_000_000
	}
	if o.MaxStates <= 0 {
		o.MaxStates = 3000
	}
	if o.MaxProductNodes <= 0 {
		o.MaxProductNodes = 400_000
	}
	return o
}

// Pump is one repeated part of an attack: Infix once, then Pump n times.
type Pump struct {
	Infix, Pump string
}

// Attack is an input that makes matching fail after maximal backtracking:
// Prefix + (Infix + Pump×n for each pump) + Suffix.
type Attack struct {
	Prefix string
	Pumps  []Pump
	Suffix string
}

// String builds the attack input with n repetitions of each pump.
func (a *Attack) String(n int) string {
	var b strings.Builder
	b.WriteString(a.Prefix)
	for _, p := range a.Pumps {
		b.WriteString(p.Infix)
		b.WriteString(strings.Repeat(p.Pump, n))
	}
	b.WriteString(a.Suffix)
	return b.String()
}

// Sample is one confirmation run: the matcher's steps for n pumps.
type Sample struct {
	N     int
	Steps int64
}

// Result is the outcome of Analyze.
type Result struct {
	Complexity Complexity
	// Degree is k for O(n^k) (polynomial only), as measured by the matcher;
	// unanchored patterns count the retry from every start index.
	Degree int
	// Attack is the confirmed attack (polynomial or exponential only).
	Attack *Attack
	// Evidence lists the matcher's step counts behind the verdict.
	Evidence []Sample
	// Approximate is set when the static analysis ignored lookarounds or
	// backreferences or used approximate Unicode sets; a confirmed verdict
	// still holds (the matcher is exact), but a Safe one may miss attacks.
	Approximate bool
	// Unconfirmed is set when the automaton is ambiguous but no generated
	// attack showed super-linear growth in the matcher. (A pattern proved
	// linear before any search, see tails.go, is Safe without it.)
	Unconfirmed bool
	// Hint says how to fix a vulnerable pattern.
	Hint string
	// Reason explains Unknown and Invalid verdicts.
	Reason string
	// Err is the parse error for Invalid.
	Err error
	// Steps is the matcher work spent confirming (deterministic; a
	// machine-independent measure of the analysis cost).
	Steps int64
}

// Analyze decides whether matching pattern with flags can take super-linear
// time in V8, and confirms any finding with an attack string.
func Analyze(pattern, flags string, opts Options) Result {
	re, err := jsregex.Parse(pattern, flags)
	if err != nil {
		return Result{Complexity: Invalid, Err: err, Reason: err.Error()}
	}
	return AnalyzeRegexp(re, opts)
}

// AnalyzeRegexp is Analyze for an already parsed pattern.
func AnalyzeRegexp(re *jsregex.Regexp, opts Options) Result {
	if freeTails(re.Root, true) {
		return Result{} // linear, whatever its ambiguity (tails.go)
	}
	return search(re, opts)
}

// search looks for ambiguity in the pattern's automaton and confirms what
// it finds with attacks run in the backtracking matcher.
func search(re *jsregex.Regexp, opts Options) (res Result) {
	opts = opts.withDefaults()
	deadline := time.Now().Add(opts.Timeout)
	prog := compileProgram(re)
	a := buildNFA(re, prog, opts.MaxStates)
	if a == nil {
		return Result{Complexity: Unknown, Reason: "automaton too large", Approximate: true}
	}
	an := newAnalysis(a, opts.MaxProductNodes, deadline)
	fs := an.findings()
	res = Result{Approximate: a.approx || re.Approximate}
	if len(fs) == 0 {
		if an.outOfBudget {
			res.Complexity, res.Reason = Unknown, "product automaton budget exhausted"
		}
		return res
	}
	c := &confirmer{prog: prog, a: a, budget: opts.MaxSteps, deadline: deadline, maxBound: maxBound(re.Root), context: lookbehindContext(re, prog)}
	c.in.buf, c.m.saved = getBuffers()
	defer func() {
		res.Steps = opts.MaxSteps - max(c.budget, 0)
		putBuffers(c.in.buf, c.m.saved)
	}()
	tried := map[string]bool{}
	for i, f := range fs {
		if i >= maxFindings {
			break
		}
		for _, atk := range c.screen(c.attacks(f)) {
			k := fmt.Sprintf("%q", *atk)
			if tried[k] {
				continue
			}
			tried[k] = true
			v := c.confirm(atk)
			if v.complexity == Unknown {
				break
			}
			if v.complexity != Safe {
				res.Complexity, res.Degree, res.Attack, res.Evidence = v.complexity, v.degree, atk, v.samples
				res.Hint = hint(f, v.complexity, a.sigma)
				return res
			}
		}
		if c.exhausted() {
			res.Complexity = Unknown
			res.Reason = "confirmation budget exhausted"
			if time.Now().After(c.deadline) {
				res.Reason = "timeout"
			}
			return res
		}
	}
	res.Unconfirmed = true
	return res
}

// maxBound is the largest finite upper bound of a counted repetition: below
// that many characters such a loop can look like an unbounded one.
func maxBound(n jsregex.Node) int {
	b := 0
	jsregex.Walk(n, func(x jsregex.Node) bool {
		if r, ok := x.(*jsregex.Repeat); ok && r.Max > 0 {
			b = max(b, r.Max)
		}
		return true
	})
	return b
}

func hint(f finding, c Complexity, sigma int) string {
	switch {
	case c == Exponential:
		return "a repeated group can match the same text in more than one way: make the alternatives inside the repetition disjoint or remove the nested quantifier"
	case len(f.links) == 1 && f.links[0].from == sigma:
		return "the unanchored search retries a repetition from every index and it fails after a long run: anchor the pattern, bound the repetition ({0,N}), or make it disjoint from what must follow"
	}
	return "two repetitions can split the same text in many ways: make them disjoint (e.g. exclude the delimiter from the first class) or bound one of them"
}

// Summary is a one-line diagnostic for a finding: the class, a shortened
// attack and the fix hint; for other verdicts it names the verdict.
func (r Result) Summary() string {
	switch r.Complexity {
	case Exponential, Polynomial:
		class := "exponential backtracking"
		if r.Complexity == Polynomial {
			class = fmt.Sprintf("O(n^%d) backtracking", r.Degree)
		}
		return fmt.Sprintf("%s on input %s; %s", class, r.Attack.Describe(), r.Hint)
	case Unknown, Invalid:
		return r.Complexity.String() + ": " + r.Reason
	}
	return r.Complexity.String()
}

// Describe renders the attack compactly, e.g. 'x' + 'ab'×n + '!'.
func (a *Attack) Describe() string {
	short := func(s string) string {
		q := strconv.Quote(s)
		q = "'" + q[1:len(q)-1] + "'"
		if len(q) > 40 {
			q = q[:37] + "…'"
		}
		return q
	}
	var parts []string
	if a.Prefix != "" {
		parts = append(parts, short(a.Prefix))
	}
	for _, p := range a.Pumps {
		if p.Infix != "" {
			parts = append(parts, short(p.Infix))
		}
		parts = append(parts, short(p.Pump)+"×n")
	}
	if a.Suffix != "" {
		parts = append(parts, short(a.Suffix))
	}
	return strings.Join(parts, " + ")
}
