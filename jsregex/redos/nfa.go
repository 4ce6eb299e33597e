package redos

import (
	"sync"

	"github.com/blockcheck/blockcheck/jsregex"
)

// The analysis automaton. A Thompson ε-NFA is built from the syntax tree
// (ε-edges kept in priority order: greedy bodies before exits, lazy exits
// first), then ε-edges are eliminated into an NFA whose states are the
// character-consuming positions. Distinct ε-paths between two positions are
// kept as an edge multiplicity (capped at 2): backtracking explores each path
// separately, which is what makes (a*)* ambiguous although its language is
// that of a*.
//
// Approximations, all over-approximating the language: lookarounds,
// backreferences and word boundaries are ε; bounded repetitions are unrolled
// to at most two mandatory and two optional copies (they never pump without
// bound); '$' without the m flag consumes a virtual end-of-input symbol so
// that "cannot end here" is visible to suffix selection.

const eofRune = jsregex.MaxRune + 1

type estate struct {
	char bool
	set  jsregex.CharSet
	out  int   // successor of a char state
	eps  []int // ε-successors, in priority order
	// For unbounded loops: entering the body (enter) and finishing an
	// iteration (back) carry the loop number + 1, so that ε-closure can
	// reject iterations that consumed nothing, as the spec's empty check does.
	enter, back int
}

type builder struct {
	st        []estate
	flags     jsregex.Flags
	prog      *program
	loops     int
	approx    bool
	maxStates int
	overflow  bool
}

func (b *builder) add(s estate) int {
	if len(b.st) >= b.maxStates {
		b.overflow = true
		return 0
	}
	if n := len(b.st); n < cap(b.st) {
		s.eps = b.st[:n+1][n].eps[:0] // a pooled state's ε-list
	}
	b.st = append(b.st, s)
	return len(b.st) - 1
}

// statePool passes the builders' state lists from one automaton to the
// next: a pattern with large classes or counted repetitions builds
// thousands of states.
var statePool sync.Pool // of *[]estate

func (b *builder) epsTo(from, to int) {
	if b.overflow {
		return
	}
	b.st[from].eps = append(b.st[from].eps, to)
}

func (b *builder) charState(from int, set jsregex.CharSet) int {
	c := b.add(estate{char: true, set: set})
	t := b.add(estate{})
	if b.overflow {
		return 0
	}
	b.st[c].out = t
	b.epsTo(from, c)
	return t
}

// build adds the fragment for n starting at ε-state from and returns its exit.
func (b *builder) build(n jsregex.Node, from int) int {
	if b.overflow {
		return 0
	}
	switch n := n.(type) {
	case *jsregex.Char, *jsregex.Dot:
		return b.charState(from, b.prog.charSet(n))
	case *jsregex.Class:
		set := b.prog.charSet(n)
		if len(n.Strings) == 0 || n.Negated {
			return b.charState(from, set)
		}
		to := b.add(estate{})
		for _, s := range n.Strings {
			cur := from
			for _, r := range s {
				cs := jsregex.Single(r)
				if b.flags.IgnoreCase {
					cs = jsregex.CaseClosure(cs, true)
				}
				cur = b.charState(cur, cs)
			}
			b.epsTo(cur, to)
		}
		if !set.Empty() {
			b.epsTo(b.charState(from, set), to)
		}
		return to
	case *jsregex.Concat:
		for _, it := range n.Items {
			from = b.build(it, from)
		}
		return from
	case *jsregex.Alternation:
		to := b.add(estate{})
		for _, a := range n.Alts {
			s := b.add(estate{})
			b.epsTo(from, s)
			b.epsTo(b.build(a, s), to)
		}
		return to
	case *jsregex.Group:
		return b.build(n.Body, from)
	case *jsregex.Lookaround, *jsregex.Backref:
		b.approx = true
		return from
	case *jsregex.Assertion:
		if n.Kind == jsregex.AssertEnd && !b.flags.Multiline {
			return b.charState(from, jsregex.Single(eofRune))
		}
		return from
	case *jsregex.Repeat:
		return b.repeat(n, from)
	}
	return from
}

func (b *builder) repeat(n *jsregex.Repeat, from int) int {
	for i := 0; i < min(n.Min, 2); i++ {
		from = b.build(n.Body, from)
	}
	if n.Max < 0 {
		b.loops++
		id := b.loops
		loop := b.add(estate{})
		exit := b.add(estate{})
		b.epsTo(from, loop)
		body := b.add(estate{enter: id})
		back := b.add(estate{back: id})
		if n.Greedy {
			b.epsTo(loop, body)
			b.epsTo(loop, exit)
		} else {
			b.epsTo(loop, exit)
			b.epsTo(loop, body)
		}
		b.epsTo(b.build(n.Body, body), back)
		b.epsTo(back, loop)
		return exit
	}
	for i := 0; i < min(n.Max-n.Min, 2); i++ {
		exit := b.add(estate{})
		body := b.add(estate{})
		if n.Greedy {
			b.epsTo(from, body)
			b.epsTo(from, exit)
		} else {
			b.epsTo(from, exit)
			b.epsTo(from, body)
		}
		b.epsTo(b.build(n.Body, body), exit)
		from = exit
	}
	return from
}

// nfa is the ε-free automaton. State 0 is the initial state (it consumes
// nothing); every other state consumes one character of set[s] on entry.
type nfa struct {
	set    []jsregex.CharSet
	succ   [][]edge
	accept []bool
	sigma  int // the implicit search loop of an unanchored pattern, or -1
	approx bool
}

type edge struct {
	to   int32
	mult int8 // number of distinct ε-paths, capped at 2
}

// buildNFA returns nil when the automaton exceeds maxStates.
func buildNFA(re *jsregex.Regexp, prog *program, maxStates int) *nfa {
	b := &builder{flags: re.Flags, prog: prog, maxStates: 4 * maxStates}
	if st, ok := statePool.Get().(*[]estate); ok {
		b.st = (*st)[:0]
	}
	defer func() {
		st := b.st // not &b.st, which would keep the builder
		statePool.Put(&st)
	}()
	start := b.add(estate{})
	final := b.build(re.Root, start)
	if b.overflow {
		return nil
	}
	// Number the char states 1..k.
	id := make([]int, len(b.st))
	a := &nfa{sigma: -1, approx: b.approx}
	a.set = append(a.set, jsregex.CharSet{})
	for i, s := range b.st {
		if s.char {
			id[i] = len(a.set)
			a.set = append(a.set, s.set)
		}
	}
	if len(a.set) > maxStates {
		return nil
	}
	a.succ = make([][]edge, len(a.set))
	a.accept = make([]bool, len(a.set))
	budget := 200000
	// closure follows ε-paths from an ε-state, counting distinct paths to
	// each char state. A path may leave and re-enter a loop (a new
	// iteration of an enclosing loop) but may not finish an iteration of a
	// loop whose body it entered itself: that iteration would be empty.
	entered := make([]bool, b.loops+1)
	closure := func(from int) ([]edge, bool) {
		count := map[int]int8{}
		var order []int
		acc := false
		var dfs func(s, depth int)
		dfs = func(s, depth int) {
			if budget--; budget < 0 || depth > 2*len(b.st) {
				return
			}
			if s == final {
				acc = true
			}
			st := &b.st[s]
			if st.char {
				if count[s] == 0 {
					order = append(order, s)
				}
				if count[s] < 2 {
					count[s]++
				}
				return
			}
			if st.back > 0 && entered[st.back] {
				return
			}
			if st.enter > 0 {
				if entered[st.enter] {
					return
				}
				entered[st.enter] = true
				defer func() { entered[st.enter] = false }()
			}
			for _, t := range st.eps {
				dfs(t, depth+1)
			}
		}
		dfs(from, 0)
		es := make([]edge, 0, len(order))
		for _, s := range order {
			es = append(es, edge{int32(id[s]), count[s]})
		}
		return es, acc
	}
	a.succ[0], a.accept[0] = closure(start)
	for i, s := range b.st {
		if s.char {
			a.succ[id[i]], a.accept[id[i]] = closure(s.out)
		}
	}
	if budget < 0 {
		a.approx = true
	}
	if !prog.anchored && !re.Flags.Sticky {
		// An unanchored search retries from every index: model it as a
		// leading loop over any character (V8 behaves as if the pattern were
		// prefixed with [^]*?).
		sg := len(a.set)
		a.set = append(a.set, jsregex.NewCharSet(jsregex.Range{Lo: 0, Hi: re.Flags.MaxRune()}))
		a.succ = append(a.succ, append([]edge{{int32(sg), 1}}, a.succ[0]...))
		a.accept = append(a.accept, a.accept[0])
		a.succ[0] = append([]edge{{int32(sg), 1}}, a.succ[0]...)
		a.sigma = sg
	}
	return a
}

// sccs computes strongly connected components (Tarjan, iterative) and
// returns comp[state] plus, per component, whether it has a cycle.
func (a *nfa) sccs() (comp []int, cyclic []bool) {
	n := len(a.set)
	comp = make([]int, n)
	index := make([]int, n)
	low := make([]int, n)
	on := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	idx := 0
	type frame struct{ v, i int }
	for root := 0; root < n; root++ {
		if index[root] >= 0 {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = idx, idx
		idx++
		stack = append(stack, root)
		on[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.i < len(a.succ[f.v]) {
				w := int(a.succ[f.v][f.i].to)
				f.i++
				if index[w] < 0 {
					index[w], low[w] = idx, idx
					idx++
					stack = append(stack, w)
					on[w] = true
					call = append(call, frame{w, 0})
				} else if on[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				c := len(cyclic)
				size := 0
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					on[w] = false
					comp[w] = c
					size++
					if w == v {
						break
					}
				}
				self := false
				for _, e := range a.succ[v] {
					if int(e.to) == v {
						self = true
					}
				}
				cyclic = append(cyclic, size > 1 || self)
			}
		}
	}
	return comp, cyclic
}
