package redos

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

// confirmer turns findings into attack strings and measures them with the
// step-counting matcher.
type confirmer struct {
	prog     *program
	a        *nfa
	budget   int64
	deadline time.Time
	maxBound int
	context  string   // text a leading lookbehind wants before the match
	mark     []uint32 // scratch for live
	gen      uint32
	m        matcher     // reused by every measurement
	in       attackInput // the input of the attack last measured
}

func (c *confirmer) exhausted() bool {
	return c.budget <= 0 || time.Now().After(c.deadline)
}

// Preference orders for choosing a concrete character from a set. Which
// one works depends on what the automaton ignores (\b, lookarounds), so
// attacks are tried with each.
var preferences = [][]jsregex.Range{
	{{Lo: 'a', Hi: 'z'}, {Lo: '0', Hi: '9'}, {Lo: 'A', Hi: 'Z'}, {Lo: '!', Hi: '~'}, {Lo: ' ', Hi: ' '}, {Lo: '\t', Hi: '\r'}},
	{{Lo: '-', Hi: '-'}, {Lo: '!', Hi: '/'}, {Lo: ':', Hi: '@'}, {Lo: '[', Hi: '`'}, {Lo: '{', Hi: '~'}, {Lo: ' ', Hi: ' '}, {Lo: '0', Hi: '9'}, {Lo: 'a', Hi: 'z'}},
	{{Lo: '0', Hi: '9'}, {Lo: 'a', Hi: 'z'}, {Lo: '!', Hi: '~'}},
	{{Lo: '\t', Hi: '\t'}, {Lo: ' ', Hi: ' '}, {Lo: '\n', Hi: '\r'}, {Lo: '!', Hi: '~'}},
}

// multilinePreference tries line terminators first: with the m flag, ^ and
// $ match around them, so a pump of newlines restarts the search.
var multilinePreference = []jsregex.Range{{Lo: '\n', Hi: '\n'}, {Lo: '\t', Hi: '\r'}, {Lo: ' ', Hi: '~'}}

func (c *confirmer) prefs() [][]jsregex.Range {
	if c.prog.flags.Multiline {
		return append(slices.Clip(preferences), multilinePreference)
	}
	return preferences
}

func pickPref(s jsregex.CharSet, order []jsregex.Range) rune {
	for _, want := range order {
		for _, x := range s.R {
			if lo, hi := max(x.Lo, want.Lo), min(x.Hi, want.Hi); lo <= hi {
				return lo
			}
		}
	}
	r, _ := s.Pick()
	return r
}

func concrete(sets []jsregex.CharSet, pref []jsregex.Range) string {
	rs := make([]rune, len(sets))
	for i, s := range sets {
		rs[i] = pickPref(s, pref)
	}
	return string(rs)
}

// path returns the character sets along a shortest path from state from to
// state to (to's own character included), avoiding the end-of-input symbol
// and the search loop.
func (c *confirmer) path(from, to int) ([]jsregex.CharSet, bool) {
	if from == to {
		return nil, true
	}
	a := c.a
	prev := map[int]int{from: -1}
	queue := []int{from}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, e := range a.succ[x] {
			y := int(e.to)
			if _, seen := prev[y]; seen || y == a.sigma || a.set[y].Contains(eofRune) {
				continue
			}
			prev[y] = x
			if y == to {
				var sets []jsregex.CharSet
				for z := y; z != from; z = prev[z] {
					sets = append(sets, a.set[z])
				}
				for i, j := 0, len(sets)-1; i < j; i, j = i+1, j-1 {
					sets[i], sets[j] = sets[j], sets[i]
				}
				return sets, true
			}
			queue = append(queue, y)
		}
	}
	return nil, false
}

// attacks builds candidate attacks for a finding: each character preference,
// with the prefixes and suffixes that may make the match fail.
func (c *confirmer) attacks(f finding) []*Attack {
	type part struct {
		infix, pump []jsregex.CharSet
	}
	var prefix []jsregex.CharSet
	var parts []part
	sigmaStart := false
	if f.exponential {
		pre, ok := c.path(0, f.eda.state)
		if !ok {
			return nil
		}
		prefix = pre
		parts = []part{{pump: f.eda.pump}}
	} else {
		first := f.links[0].from
		if first == c.a.sigma {
			sigmaStart = true
		} else {
			pre, ok := c.path(0, first)
			if !ok {
				return nil
			}
			prefix = pre
		}
		at := first
		for _, l := range f.links {
			infix, ok := c.path(at, l.from)
			if !ok {
				return nil
			}
			parts = append(parts, part{infix: infix, pump: l.pump})
			at = l.to
		}
	}
	var out []*Attack
	seen := map[string]bool{}
	for _, pref := range c.prefs() {
		base := Attack{Prefix: concrete(prefix, pref)}
		for _, p := range parts {
			base.Pumps = append(base.Pumps, Pump{Infix: concrete(p.infix, pref), Pump: concrete(p.pump, pref)})
		}
		prefixes := []string{base.Prefix}
		if c.context != "" {
			prefixes = append(prefixes, c.context+base.Prefix)
		}
		if sigmaStart {
			// A prefix the anchored alternatives cannot start with keeps
			// them from matching the pumps at index 0.
			if r, ok := c.notStart(); ok {
				prefixes = append(prefixes, string(r))
			}
		}
		for _, pre := range prefixes {
			b := base
			b.Prefix = pre
			for _, s := range c.suffixes(b.String(3)) {
				atk := b
				atk.Suffix = s
				k := fmt.Sprintf("%q", atk)
				if !seen[k] {
					seen[k] = true
					out = append(out, &atk)
				}
			}
		}
	}
	return out
}

// notStart returns a character no match can begin with, apart from the
// search loop.
func (c *confirmer) notStart() (rune, bool) {
	var first jsregex.CharSet
	for _, e := range c.a.succ[0] {
		if int(e.to) != c.a.sigma {
			first = first.Union(c.a.set[e.to])
		}
	}
	free := first.Complement(c.prog.flags.MaxRune())
	if free.Empty() {
		return 0, false
	}
	return pickPref(free, preferences[0]), true
}

// live returns the states (search loop excluded) reachable by reading s;
// it gives up (returning nil) past the deadline.
func (c *confirmer) live(from []int32, s []rune) []int32 {
	a := c.a
	if len(c.mark) < len(a.set) {
		c.mark = make([]uint32, len(a.set))
	}
	cur := from
	for i, r := range s {
		if i&255 == 255 && time.Now().After(c.deadline) {
			return nil
		}
		c.gen++
		var next []int32
		for _, st := range cur {
			for _, e := range a.succ[st] {
				if int(e.to) != a.sigma && c.mark[e.to] != c.gen && a.set[e.to].Contains(r) {
					c.mark[e.to] = c.gen
					next = append(next, e.to)
				}
			}
		}
		cur = next
		if len(cur) == 0 {
			break
		}
	}
	return cur
}

// failsAtEnd reports whether no state of live can accept at the end of input.
func (c *confirmer) failsAtEnd(live []int32) bool {
	for _, s := range live {
		if c.a.accept[s] {
			return false
		}
		for _, e := range c.a.succ[s] {
			if c.a.set[e.to].Contains(eofRune) && c.a.accept[e.to] {
				return false
			}
		}
	}
	return true
}

// suffixes proposes endings that make the match fail after the pumps: the
// shortest strings (up to 3 characters, found by searching the automaton's
// state sets) that kill every live path without passing an accepting state,
// plus the end of input and a few common rejecters.
func (c *confirmer) suffixes(pumped string) []string {
	var out []string
	add := func(s string) {
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	start := c.live([]int32{0}, toInput(pumped, c.prog.flags.UnicodeMode()))
	type item struct {
		s    string
		live []int32
	}
	queue := []item{{"", start}}
	found := 0
	for steps := 0; len(queue) > 0 && steps < 60 && found < 2; steps++ {
		it := queue[0]
		queue = queue[1:]
		if len(it.live) == 0 || len([]rune(it.s)) > 0 && c.failsAtEnd(it.live) {
			add(it.s)
			found++
			continue
		}
		if len([]rune(it.s)) >= 3 {
			continue
		}
		// One representative per atom of the partition the successor sets
		// induce on the alphabet.
		atoms := []jsregex.CharSet{jsregex.NewCharSet(jsregex.Range{Lo: 0, Hi: c.prog.flags.MaxRune()})}
		for _, s := range it.live {
			for _, e := range c.a.succ[s] {
				if int(e.to) == c.a.sigma || c.a.set[e.to].Contains(eofRune) || len(atoms) > 16 {
					continue
				}
				var next []jsregex.CharSet
				for _, at := range atoms {
					if !at.Overlaps(c.a.set[e.to]) {
						next = append(next, at) // (at ⊆ [0, MaxRune])
						continue
					}
					in, out := at.Intersect(c.a.set[e.to]), at.Subtract(c.a.set[e.to])
					if !in.Empty() {
						next = append(next, in)
					}
					if !out.Empty() {
						next = append(next, out)
					}
				}
				atoms = next
			}
		}
		cands := map[rune]bool{}
		for _, at := range atoms {
			cands[pickPref(at, preferences[1])] = true
			for _, r := range []rune{'!', 0, '\n', ' ', '\t'} {
				if at.Contains(r) {
					cands[r] = true
					break
				}
			}
		}
		keys := make([]rune, 0, len(cands))
		for r := range cands {
			keys = append(keys, r)
		}
		slices.Sort(keys)
		for _, r := range keys {
			next := c.live(it.live, []rune{r})
			accepting := false
			for _, s := range next {
				if c.a.accept[s] {
					accepting = true
				}
			}
			if !accepting {
				queue = append(queue, item{it.s + string(r), next})
			}
		}
	}
	add("")
	add("\x00")
	add("\n")
	return out
}

type verdict struct {
	complexity Complexity
	degree     int
	samples    []Sample
}

// Per-run step limits: confirmation runs, pump-by-pump refinement (a third
// of it) and screening.
const (
	runLimit    = 300_000
	screenLimit = 50_000
)

// measure runs the matcher on attack(n) and charges the budget.
func (c *confirmer) measure(atk *Attack, n int) (int64, bool) {
	return c.measureLimit(atk, n, runLimit)
}

// A run cut short by the remaining budget (rather than by limit) leaves the
// budget at zero, so callers must check exhausted before trusting it.
func (c *confirmer) measureLimit(atk *Attack, n int, limit int64) (int64, bool) {
	byBudget := c.budget < limit
	limit = min(limit, c.budget)
	if limit <= 0 {
		c.budget = 0
		return 0, true
	}
	if c.in.atk != atk {
		c.in.set(atk, c.prog.flags.UnicodeMode())
	}
	c.m.prog = c.prog
	steps, aborted := c.m.run(c.in.build(n), limit)
	c.budget -= steps
	if aborted && byBudget {
		c.budget = 0
	}
	return steps, aborted
}

// attackInput builds the matcher input of one attack for any number of
// pumps: the parts are converted to the matcher's alphabet once, and the
// input is assembled in a buffer reused from one measurement to the next.
type attackInput struct {
	atk            *Attack
	prefix, suffix []rune
	infix, pump    [][]rune
	buf            []rune
}

func (in *attackInput) set(atk *Attack, unicodeMode bool) {
	in.atk = atk
	in.prefix = appendInput(in.prefix[:0], atk.Prefix, unicodeMode)
	in.suffix = appendInput(in.suffix[:0], atk.Suffix, unicodeMode)
	in.infix, in.pump = in.infix[:0], in.pump[:0]
	for _, p := range atk.Pumps {
		in.infix = append(in.infix, toInput(p.Infix, unicodeMode))
		in.pump = append(in.pump, toInput(p.Pump, unicodeMode))
	}
}

// buffers are the large scratch slices of a confirmer, passed on from one
// analysis to the next: attack inputs reach 50,000 characters.
type buffers struct {
	input []rune
	saved []int
}

var bufferPool sync.Pool // of *buffers

func getBuffers() (input []rune, saved []int) {
	if b, ok := bufferPool.Get().(*buffers); ok {
		return b.input[:0], b.saved[:0]
	}
	return nil, nil
}

func putBuffers(input []rune, saved []int) {
	bufferPool.Put(&buffers{input, saved})
}

// build returns the input for n pumps, as toInput(atk.String(n)) would: the
// parts are made from runes, so valid UTF-8, and converting them one by one
// is the same.
func (in *attackInput) build(n int) []rune {
	size := len(in.prefix) + len(in.suffix)
	for i, p := range in.pump {
		size += len(in.infix[i]) + n*len(p)
	}
	if cap(in.buf) < size {
		// confirm doubles n: leave room for the next run
		in.buf = make([]rune, 0, 2*size)
	}
	b := append(in.buf[:0], in.prefix...)
	for i, p := range in.pump {
		b = append(b, in.infix[i]...)
		for range n {
			b = append(b, p...)
		}
	}
	b = append(b, in.suffix...)
	in.buf = b
	return b
}

// confirm decides from step counts whether attack grows exponentially or
// polynomially with the number of pumps.
//
// n doubles until the work is large enough. A polynomial shows in the second
// differences D(n) = s(2n) - 2s(n), which cancel the linear part of the work
// (constant per start index, scanning the prefix): D grows as n^k for degree
// k and stays flat or negative for linear matching. An exponential makes the
// doubling series hit the step limit early; it is then refined pump by pump,
// where exponential growth multiplies the steps by a constant factor per
// pump, well above the 1+k/n of a polynomial.
func (c *confirmer) confirm(atk *Attack) verdict {
	pumpLen := 0
	for _, p := range atk.Pumps {
		pumpLen += len([]rune(p.Pump))
	}
	if pumpLen == 0 {
		return verdict{}
	}
	var samples []Sample
	lastN, aborted := 0, false
	poly := func() (int, bool) {
		if len(samples) < 3 {
			return 0, false
		}
		a, b, x := samples[len(samples)-3], samples[len(samples)-2], samples[len(samples)-1]
		if x.N*pumpLen <= 2*c.maxBound {
			return 0, false
		}
		d1 := float64(b.Steps - 2*a.Steps)
		d2 := float64(x.Steps - 2*b.Steps)
		if d1 <= 0 || d2 < 500 || d2 < 0.02*float64(x.Steps) {
			return 0, false
		}
		slope := math.Log2(d2 / d1)
		if slope < 1.5 {
			return 0, false
		}
		return max(2, int(math.Round(slope))), d2 >= 0.1*float64(x.Steps)
	}
	for n := 1; n <= 4096 && n*pumpLen <= 50000; n *= 2 {
		if c.exhausted() {
			return verdict{complexity: Unknown}
		}
		if k := len(samples); k >= 2 {
			// Growth of 16x or more per doubling may be exponential: when
			// the next run would blow the limit anyway, skip it.
			r := float64(samples[k-1].Steps) / float64(max(1, samples[k-2].Steps))
			if r >= 16 && float64(samples[k-1].Steps)*r*r > runLimit {
				aborted = true
				break
			}
		}
		s, ab := c.measure(atk, n)
		if c.exhausted() {
			return verdict{complexity: Unknown}
		}
		if ab {
			aborted = true
			break
		}
		samples = append(samples, Sample{n, s})
		lastN = n
		if _, strong := poly(); strong && n >= 16 {
			break
		}
		if linear(samples) && n*pumpLen > 2*c.maxBound {
			break
		}
	}
	if aborted && lastN > 0 {
		// Refine pump by pump from the last cheap sample; the run that hits
		// the limit counts with the limit as a lower bound.
		base := samples[0]
		for _, s := range samples {
			if s.Steps <= runLimit/200 {
				base = s
			}
		}
		fine := []Sample{base}
		const fineLimit = runLimit / 3
		for n := base.N + 1; n <= base.N+8; n++ {
			if c.exhausted() {
				return verdict{complexity: Unknown}
			}
			s, ab := c.measureLimit(atk, n, fineLimit)
			if c.exhausted() {
				return verdict{complexity: Unknown}
			}
			if ab {
				// The limit says something only if it is well above the
				// previous run.
				if fine[len(fine)-1].Steps < fineLimit/4 {
					fine = append(fine, Sample{n, fineLimit})
				}
				break
			}
			fine = append(fine, Sample{n, s})
		}
		if isExponential(fine) {
			return verdict{complexity: Exponential, samples: fine}
		}
	}
	if deg, ok := poly(); deg > 0 || ok {
		return verdict{complexity: Polynomial, degree: deg, samples: samples}
	}
	return verdict{}
}

// linear reports a series whose last two second differences show no
// super-linear part once the work is substantial.
func linear(s []Sample) bool {
	if len(s) < 4 || s[len(s)-1].Steps < 20000 {
		return false
	}
	for i := len(s) - 2; i < len(s); i++ {
		d := s[i].Steps - 2*s[i-1].Steps
		if d > s[i].Steps/50 {
			return false
		}
	}
	return true
}

// isExponential checks for a constant growth factor per pump over the last
// three steps of a pump-by-pump series.
func isExponential(s []Sample) bool {
	if len(s) < 3 {
		return false
	}
	s = s[len(s)-min(len(s), 4):]
	for i := 1; i < len(s); i++ {
		r := float64(s[i].Steps) / float64(s[i-1].Steps)
		n := float64(s[i].N)
		if r < 1.25 || r < 1+6/n {
			return false
		}
	}
	return true
}

// screen runs each attack at two small sizes and returns up to two whose
// work grows fastest: the ones forcing the deepest backtracking.
func (c *confirmer) screen(atks []*Attack) []*Attack {
	type scored struct {
		a     *Attack
		score float64
	}
	var all []scored
	for _, a := range atks {
		if c.exhausted() {
			break
		}
		// About 8 pumped characters (fewer with several pumps): enough to
		// rank growth rates, small enough that exponential attacks stay cheap.
		pumped := 0
		for _, p := range a.Pumps {
			pumped += len([]rune(p.Pump))
		}
		avg := max(1, pumped/len(a.Pumps))
		n1 := max(1, (8>>(len(a.Pumps)-1))/avg)
		s1, ab1 := c.measureLimit(a, n1, screenLimit)
		if c.exhausted() {
			break
		}
		if ab1 {
			return []*Attack{a}
		}
		s2, ab2 := c.measureLimit(a, 2*n1, screenLimit)
		if c.exhausted() {
			break
		}
		if ab2 {
			return []*Attack{a}
		}
		all = append(all, scored{a, float64(s2-2*s1) + float64(s2)/1000})
	}
	slices.SortStableFunc(all, func(x, y scored) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return 0
	})
	var out []*Attack
	for i := 0; i < len(all) && i < 2; i++ {
		out = append(out, all[i].a)
	}
	return out
}

// lookbehindContext returns a shortest string satisfying a positive
// lookbehind that starts the pattern (as in (?<=\s)\d+\d+), which the
// automaton ignores: attacks must be preceded by it to get past it.
func lookbehindContext(re *jsregex.Regexp, prog *program) string {
	n := re.Root
	for {
		switch x := n.(type) {
		case *jsregex.Concat:
			if len(x.Items) == 0 {
				return ""
			}
			n = x.Items[0]
			continue
		case *jsregex.Group:
			n = x.Body
			continue
		case *jsregex.Lookaround:
			if !x.Behind || x.Negated {
				return ""
			}
			sub := &jsregex.Regexp{Root: x.Body, Flags: re.Flags}
			sub.Flags.Sticky = true // no search loop
			a := buildNFA(sub, prog, 200)
			if a == nil {
				return ""
			}
			return shortestAccepted(a)
		}
		return ""
	}
}

// shortestAccepted returns a shortest string a accepts, avoiding the
// end-of-input symbol.
func shortestAccepted(a *nfa) string {
	prev := map[int]int{0: -1}
	queue := []int{0}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if a.accept[x] {
			var rs []rune
			for z := x; z != 0; z = prev[z] {
				rs = append(rs, pickPref(a.set[z], preferences[0]))
			}
			slices.Reverse(rs)
			return string(rs)
		}
		for _, e := range a.succ[x] {
			y := int(e.to)
			if _, seen := prev[y]; seen || a.set[y].Contains(eofRune) {
				continue
			}
			prev[y] = x
			queue = append(queue, y)
		}
	}
	return ""
}
