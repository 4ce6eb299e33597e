package looprt

import (
	"fmt"
	"io"
	"strings"
)

// Program builds and runs one program against a fresh Runtime and returns
// rt.Run's trace. Explore calls it once per combination of timing choices,
// so it must not share mutable state between calls.
type Program func(rt *Runtime) *Trace

// Budget bounds an exploration. Zero fields take the defaults.
type Budget struct {
	MaxRuns int // runs of the program (default 4096)
}

// Result is the set of distinct traces a program can produce.
type Result struct {
	// Traces are the distinct behaviours (by Trace.Key), in the order
	// found; the first is the one a plain Run produces. Each carries the
	// assumptions of the first run that produced it.
	Traces []*Trace
	// Runs is how many times the program was run.
	Runs int
	// Exhausted is false when the budget ran out before every combination
	// of choices was tried: more behaviours may exist.
	Exhausted bool
	Budget    Budget
}

// Deterministic reports whether exploration finished with exactly one
// behaviour.
func (r *Result) Deterministic() bool { return r.Exhausted && len(r.Traces) == 1 }

// Summary says in one sentence how the exploration went.
func (r *Result) Summary() string {
	switch {
	case !r.Exhausted:
		return fmt.Sprintf("budget exceeded: %d runs found %d distinct orders and more may exist (raise Budget.MaxRuns above %d)", r.Runs, len(r.Traces), r.Budget.MaxRuns)
	case len(r.Traces) == 1:
		return fmt.Sprintf("deterministic: 1 order (%d runs explored every timing choice)", r.Runs)
	default:
		return fmt.Sprintf("nondeterministic: %d distinct orders (%d runs explored every timing choice, within the budget of %d)", len(r.Traces), r.Runs, r.Budget.MaxRuns)
	}
}

// Format writes the summary and every trace.
func (r *Result) Format(w io.Writer) {
	fmt.Fprintln(w, r.Summary())
	for i, t := range r.Traces {
		fmt.Fprintf(w, "--- order %d of %d\n", i+1, len(r.Traces))
		t.Format(w)
	}
}

func (r *Result) String() string {
	var b strings.Builder
	r.Format(&b)
	return b.String()
}

// Explore runs prog under every sequence of timing choices (depth first,
// the likeliest option first) until all are tried or the budget is spent,
// and returns the distinct traces. cfg.Oracle is replaced by the explorer.
func Explore(cfg Config, budget Budget, prog Program) (*Result, error) {
	if budget.MaxRuns <= 0 {
		budget.MaxRuns = 4096
	}
	if _, err := ProfileFor(cfg.Node); err != nil {
		return nil, err
	}
	res := &Result{Budget: budget}
	seen := map[string]bool{}
	var prefix []int
	for {
		if res.Runs == budget.MaxRuns {
			return res, nil
		}
		o := &replay{prefix: prefix}
		c := cfg
		c.Oracle = o
		rt, err := New(c)
		if err != nil {
			return nil, err
		}
		tr := prog(rt)
		res.Runs++
		if tr == nil {
			tr = rt.Trace()
		}
		if k := tr.Key(); !seen[k] {
			seen[k] = true
			res.Traces = append(res.Traces, tr)
		}
		// Backtrack: bump the deepest choice that has options left.
		i := len(o.taken) - 1
		for i >= 0 && o.taken[i]+1 >= o.options[i] {
			i--
		}
		if i < 0 {
			res.Exhausted = true
			return res, nil
		}
		prefix = append(append(prefix[:0:0], o.taken[:i]...), o.taken[i]+1)
	}
}

// replay is the explorer's oracle: it replays a prefix of choices, then
// takes option 0, recording every choice and its number of options.
type replay struct {
	prefix         []int
	taken, options []int
}

func (o *replay) Choose(opts []string) int {
	c := 0
	if i := len(o.taken); i < len(o.prefix) {
		c = o.prefix[i]
	}
	if c >= len(opts) { // the program behaved differently on replay
		c = len(opts) - 1
	}
	o.taken = append(o.taken, c)
	o.options = append(o.options, len(opts))
	return c
}

// Script is an Oracle answering from a fixed list (then option 0): for
// reproducing one trace of an exploration or forcing an assumption in tests.
type Script []int

func (s *Script) Choose(opts []string) int {
	if len(*s) == 0 {
		return 0
	}
	c := (*s)[0]
	*s = (*s)[1:]
	if c >= len(opts) {
		c = 0
	}
	return c
}
