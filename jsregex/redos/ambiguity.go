package redos

import (
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

// Ambiguity detection on the ε-free NFA, after Weideman et al. (2016):
//
//   - EDA (exponential): a state q with two distinct cycles over the same
//     string. In the product automaton A×A this is a strongly connected
//     component holding a diagonal node (q,q) and an edge leaving the
//     diagonal (to (p,p'), p≠p', or along an edge of multiplicity 2).
//   - IDA (polynomial): states p≠q and a string w with p→p, p→q and q→q all
//     reading w, i.e. (p,p,q) reaches (p,q,q) in A×A×A. Chains of IDA-related
//     loops give the degree.
//
// Both searches consume a shared node budget; when it runs out the analysis
// is reported as incomplete.

type finding struct {
	exponential bool
	// chain of loops: for exponential a single loop at states[0]; for
	// polynomial, IDA links (from, to, pump) between consecutive loops.
	links []idaLink
	eda   edaWitness
}

type edaWitness struct {
	state int
	pump  []jsregex.CharSet // the characters allowed at each position of the pump
}

type idaLink struct {
	from, to int // p (in the earlier loop) and q (in the later one)
	pump     []jsregex.CharSet
}

type analysis struct {
	a           *nfa
	comp        []int
	cyclic      []bool
	member      [][]int
	reach       [][]uint64 // reach[c]: bitset of components reachable from c
	budget      int
	deadline    time.Time
	outOfBudget bool
}

func newAnalysis(a *nfa, budget int, deadline time.Time) *analysis {
	an := &analysis{a: a, budget: budget, deadline: deadline}
	an.comp, an.cyclic = a.sccs()
	nc := len(an.cyclic)
	an.member = make([][]int, nc)
	for s, c := range an.comp {
		an.member[c] = append(an.member[c], s)
	}
	words := (nc + 63) / 64
	an.reach = make([][]uint64, nc)
	// Tarjan numbers components in reverse topological order: successors
	// of c have smaller numbers.
	for c := 0; c < nc; c++ {
		r := make([]uint64, words)
		r[c/64] |= 1 << (c % 64)
		for _, s := range an.member[c] {
			for _, e := range a.succ[s] {
				d := an.comp[e.to]
				if d != c {
					for i, w := range an.reach[d] {
						r[i] |= w
					}
				}
			}
		}
		an.reach[c] = r
	}
	return an
}

func (an *analysis) reaches(s, c int) bool {
	return an.reach[an.comp[s]][c/64]&(1<<(c%64)) != 0
}

func (an *analysis) spend() bool {
	an.budget--
	if an.budget&1023 == 0 && time.Now().After(an.deadline) {
		an.budget = -1
	}
	if an.budget < 0 {
		an.outOfBudget = true
		return false
	}
	return true
}

// eda looks for exponential ambiguity inside cyclic component c.
func (an *analysis) eda(c int) (edaWitness, bool) {
	a := an.a
	mem := an.member[c]
	type pair struct{ p, q int32 }
	ids := map[pair]int{}
	var nodes []pair
	var adj [][]int
	type pedge struct {
		from, to int
		split    bool
	}
	var splits []pedge
	get := func(x pair) int {
		if id, ok := ids[x]; ok {
			return id
		}
		ids[x] = len(nodes)
		nodes = append(nodes, x)
		adj = append(adj, nil)
		return len(nodes) - 1
	}
	for _, q := range mem {
		get(pair{int32(q), int32(q)})
	}
	for i := 0; i < len(nodes); i++ {
		if !an.spend() {
			return edaWitness{}, false
		}
		x := nodes[i]
		for _, e1 := range a.succ[x.p] {
			if an.comp[e1.to] != c {
				continue
			}
			for _, e2 := range a.succ[x.q] {
				if an.comp[e2.to] != c || !a.set[e1.to].Overlaps(a.set[e2.to]) {
					continue
				}
				if x.p == x.q && e1.to > e2.to {
					continue // symmetric: (p',q') and (q',p') behave alike
				}
				j := get(pair{e1.to, e2.to})
				adj[i] = append(adj[i], j)
				if x.p == x.q && (e1.to != e2.to || e1.mult > 1) {
					splits = append(splits, pedge{i, j, true})
				}
			}
		}
	}
	if len(splits) == 0 {
		return edaWitness{}, false
	}
	// A split edge lies on a cycle iff its target reaches its source.
	for _, sp := range splits {
		path := bfsPath(adj, sp.to, sp.from, func() bool { return an.spend() })
		if path == nil {
			continue
		}
		start := nodes[sp.from]
		var pump []jsregex.CharSet
		for _, id := range path {
			x := nodes[id]
			pump = append(pump, a.set[x.p].Intersect(a.set[x.q]))
		}
		return edaWitness{state: int(start.p), pump: pump}, true
	}
	return edaWitness{}, false
}

// bfsPath returns the nodes after from... through to (from excluded, to
// included) along adj, or nil. from == to means a path of length >= 0:
// the empty path is returned as a non-nil empty slice.
func bfsPath(adj [][]int, from, to int, spend func() bool) []int {
	if from == to {
		return []int{from}
	}
	prev := map[int]int{from: -1}
	queue := []int{from}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if !spend() {
			return nil
		}
		for _, y := range adj[x] {
			if _, seen := prev[y]; seen {
				continue
			}
			prev[y] = x
			if y == to {
				var path []int
				for z := y; z != from; z = prev[z] {
					path = append(path, z)
				}
				path = append(path, from)
				// reverse; drop "from" but keep it as first for the split edge
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return path
			}
			queue = append(queue, y)
		}
	}
	return nil
}

// ida looks for p in component c1 and q in component c2 with a common pump.
func (an *analysis) ida(c1, c2 int) (idaLink, bool) {
	a := an.a
	n := int64(len(a.set))
	key := func(x, y, z int) int64 { return (int64(x)*n+int64(y))*n + int64(z) }
	for _, p := range an.member[c1] {
		for _, q := range an.member[c2] {
			if an.outOfBudget {
				return idaLink{}, false
			}
			type node struct{ x, y, z int }
			startKey := key(p, p, q)
			prev := map[int64]int64{startKey: -1}
			queue := []node{{p, p, q}}
			goal := key(p, q, q)
			found := false
			for len(queue) > 0 && !found {
				cur := queue[0]
				queue = queue[1:]
				if !an.spend() {
					return idaLink{}, false
				}
				ck := key(cur.x, cur.y, cur.z)
				for _, e1 := range a.succ[cur.x] {
					if an.comp[e1.to] != c1 {
						continue
					}
					for _, e3 := range a.succ[cur.z] {
						if an.comp[e3.to] != c2 {
							continue
						}
						if !a.set[e1.to].Overlaps(a.set[e3.to]) {
							continue
						}
						s13 := a.set[e1.to].Intersect(a.set[e3.to])
						for _, e2 := range a.succ[cur.y] {
							if !an.reaches(int(e2.to), c2) || !s13.Overlaps(a.set[e2.to]) {
								continue
							}
							k := key(int(e1.to), int(e2.to), int(e3.to))
							if _, seen := prev[k]; seen {
								continue
							}
							prev[k] = ck
							if k == goal {
								found = true
								break
							}
							queue = append(queue, node{int(e1.to), int(e2.to), int(e3.to)})
						}
						if found {
							break
						}
					}
					if found {
						break
					}
				}
			}
			if found {
				// The label of node (x, y, z): the characters all three
				// states read.
				var pump []jsregex.CharSet
				for k := goal; k != startKey; k = prev[k] {
					x, y, z := k/(n*n), k/n%n, k%n
					pump = append(pump, a.set[x].Intersect(a.set[z]).Intersect(a.set[y]))
				}
				for i, j := 0, len(pump)-1; i < j; i, j = i+1, j-1 {
					pump[i], pump[j] = pump[j], pump[i]
				}
				return idaLink{from: p, to: q, pump: pump}, true
			}
		}
	}
	return idaLink{}, false
}

// findings returns candidate ambiguities, most severe first: exponential
// loops, then IDA chains from longest to shortest.
func (an *analysis) findings() []finding {
	var out []finding
	nc := len(an.cyclic)
	for c := 0; c < nc; c++ {
		if !an.cyclic[c] || an.member[c][0] == an.a.sigma {
			continue
		}
		if w, ok := an.eda(c); ok {
			out = append(out, finding{exponential: true, eda: w})
		}
	}
	// IDA links between cyclic components, c1 before c2 (c2 < c1 in
	// Tarjan numbering).
	links := make([][]struct {
		to   int
		link idaLink
	}, nc)
	for c1 := nc - 1; c1 >= 0; c1-- {
		if !an.cyclic[c1] {
			continue
		}
		for c2 := c1 - 1; c2 >= 0; c2-- {
			if !an.cyclic[c2] || an.reach[c1][c2/64]&(1<<(c2%64)) == 0 {
				continue
			}
			if l, ok := an.ida(c1, c2); ok {
				links[c1] = append(links[c1], struct {
					to   int
					link idaLink
				}{c2, l})
			}
			if an.outOfBudget {
				break
			}
		}
	}
	// Longest chains: best[c] = loops in the longest chain starting at c.
	best := make([]int, nc)
	next := make([]int, nc)
	for c := 0; c < nc; c++ {
		best[c], next[c] = 1, -1
		for i, l := range links[c] {
			if best[l.to]+1 > best[c] {
				best[c], next[c] = best[l.to]+1, i
			}
		}
	}
	var chains []finding
	for c := nc - 1; c >= 0; c-- {
		if best[c] < 2 {
			continue
		}
		// Each link also yields its own degree-2 candidate so that a
		// failing chain still leaves simpler attacks to confirm.
		var f finding
		for x := c; next[x] >= 0; x = links[x][next[x]].to {
			f.links = append(f.links, links[x][next[x]].link)
		}
		chains = append(chains, f)
		for _, l := range links[c] {
			if len(f.links) > 1 || l.link.from != f.links[0].from || l.link.to != f.links[0].to {
				chains = append(chains, finding{links: []idaLink{l.link}})
			}
		}
	}
	// stable order: longer chains first
	for i := 1; i < len(chains); i++ {
		for j := i; j > 0 && len(chains[j].links) > len(chains[j-1].links); j-- {
			chains[j], chains[j-1] = chains[j-1], chains[j]
		}
	}
	return append(out, chains...)
}
