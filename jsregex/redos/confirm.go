package redos

import (
	"math"
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
}

func (c *confirmer) exhausted() bool {
	return c.budget <= 0 || time.Now().After(c.deadline)
}

// path returns a string leading from state from to state to (to's own
// character included), avoiding the end-of-input symbol and the search loop.
func (c *confirmer) path(from, to int) (string, bool) {
	if from == to {
		return "", true
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
				var rs []rune
				for z := y; z != from; z = prev[z] {
					rs = append(rs, pick(a.set[z]))
				}
				for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
					rs[i], rs[j] = rs[j], rs[i]
				}
				return string(rs), true
			}
			queue = append(queue, y)
		}
	}
	return "", false
}

// attacks builds the candidate attacks for a finding, one per suffix.
func (c *confirmer) attacks(f finding) []*Attack {
	var base Attack
	var end []int // states the pumps leave the automaton in
	if f.exponential {
		pre, ok := c.path(0, f.eda.state)
		if !ok {
			return nil
		}
		base.Prefix = pre
		base.Pumps = []Pump{{Pump: string(f.eda.pump)}}
		end = []int{f.eda.state}
	} else {
		first := f.links[0].from
		if first != c.a.sigma {
			pre, ok := c.path(0, first)
			if !ok {
				return nil
			}
			base.Prefix = pre
		}
		at := first
		for _, l := range f.links {
			infix, ok := c.path(at, l.from)
			if !ok {
				return nil
			}
			base.Pumps = append(base.Pumps, Pump{Infix: infix, Pump: string(l.pump)})
			at = l.to
		}
		end = []int{at}
	}
	var out []*Attack
	for _, s := range c.suffixes(base.String(2), end) {
		atk := base
		atk.Suffix = s
		out = append(out, &atk)
	}
	return out
}

// suffixes proposes endings that make the match fail: a character no live
// state can consume (found by simulating the automaton on the pumped
// string), the end of input, and a few common rejecters.
func (c *confirmer) suffixes(pumped string, _ []int) []string {
	a := c.a
	live := map[int]bool{0: true}
	for _, r := range toInput(pumped, c.prog.flags.UnicodeMode()) {
		next := map[int]bool{}
		for s := range live {
			for _, e := range a.succ[s] {
				if int(e.to) != a.sigma && a.set[e.to].Contains(r) {
					next[int(e.to)] = true
				}
			}
		}
		live = next
	}
	var reach jsregex.CharSet
	for s := range live {
		for _, e := range a.succ[s] {
			if int(e.to) != a.sigma {
				reach = reach.Union(a.set[e.to])
			}
		}
	}
	var out []string
	add := func(s string) {
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, r := range []rune{'!', 0, '\n', ' ', '#', '~', '\t', 'a', '0', 'Z'} {
		if !reach.Contains(r) {
			add(string(r))
			break
		}
	}
	if free := reach.Complement(c.prog.flags.MaxRune()); !free.Empty() {
		if r, ok := free.Pick(); ok {
			add(string(r))
		}
	}
	add("")
	add("\x00")
	add("\n")
	add("!")
	return out
}

type verdict struct {
	complexity Complexity
	degree     int
	samples    []Sample
}

const runLimit = 600_000

// measure runs the matcher on attack(n) and charges the budget.
func (c *confirmer) measure(atk *Attack, n int) (int64, bool) {
	limit := min(int64(runLimit), c.budget)
	if limit <= 0 {
		return 0, true
	}
	steps, aborted := c.prog.run(atk.String(n), limit)
	c.budget -= steps
	return steps, aborted
}

// confirm decides from step counts whether attack grows exponentially or
// polynomially with the number of pumps.
//
// Doubling n shows a polynomial as a constant log-log slope k and an
// exponential as a slope that keeps growing; a run that hits the step limit
// is then refined pump by pump: exponential growth multiplies the steps by a
// constant factor per pump, well above the 1+k/n of a polynomial.
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
	for n := 1; n <= 4096 && n*pumpLen <= 40000; n *= 2 {
		if c.exhausted() {
			return verdict{}
		}
		s, ab := c.measure(atk, n)
		if ab {
			aborted = true
			break
		}
		samples = append(samples, Sample{n, s})
		lastN = n
		if s > 150_000 && n >= 16 && n*pumpLen > 2*c.maxBound {
			break
		}
	}
	if aborted && lastN > 0 {
		// Refine pump by pump after lastN; the run that hits the limit
		// counts with the limit as a lower bound.
		fine := []Sample{samples[len(samples)-1]}
		for n := lastN + 1; n < 2*lastN && n <= lastN+8 && !c.exhausted(); n++ {
			s, ab := c.measure(atk, n)
			if ab {
				fine = append(fine, Sample{n, runLimit})
				break
			}
			fine = append(fine, Sample{n, s})
		}
		if isExponential(fine) {
			return verdict{complexity: Exponential, samples: fine}
		}
	}
	if aborted && lastN == 0 {
		return verdict{} // even one pump exceeds the limit: no growth shown
	}
	// Polynomial: slope between the last two samples with enough work.
	if len(samples) < 3 {
		return verdict{}
	}
	x, y := samples[len(samples)-2], samples[len(samples)-1]
	if y.Steps < 2000 || y.N*pumpLen <= 2*c.maxBound && !aborted {
		return verdict{}
	}
	slope := math.Log(float64(y.Steps)/float64(x.Steps)) / math.Log(float64(y.N)/float64(x.N))
	if slope < 1.5 {
		return verdict{}
	}
	return verdict{complexity: Polynomial, degree: max(2, int(math.Round(slope))), samples: samples}
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
