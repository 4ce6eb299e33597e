package cpuloop

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Analyzer reports CPU-heavy loops and calls on the hot path.
var Analyzer = &analysis.Analyzer{
	Name:     "cpu_loop",
	Doc:      "report loops and calls on the hot path whose estimated cost (constant bounds × the timing model) exceeds a threshold",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/cpu-loop.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, hotpath.Analyzer},
	Run:      run,
}

// threshold is the shortest block reported: a loop is reported when the
// lower bound of its estimate reaches it.
var threshold = 10 * time.Millisecond

func init() {
	Analyzer.Flags.DurationVar(&threshold, "threshold", threshold, "report loops and calls estimated to block the event loop at least this long")
}

// Timing is the timing model the estimates come from.
var Timing = cost.Default()

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	b := pass.ResultOf[bindings.Analyzer].(*bindings.Info)
	h := pass.ResultOf[hotpath.Analyzer].(*hotpath.Info)
	nodes := m.Nodes()
	if !hasCandidate(nodes) {
		return nil, nil // most modules: skip building the estimator's tables
	}
	e := newEstimator(m, b)
	for i := 0; i < len(nodes); i++ {
		est, ok := e.estimate(i)
		if !ok || est.cost.Min < threshold {
			continue
		}
		category := "cpu-loop"
		switch h.At(i).Context {
		case hotpath.Exempt, hotpath.Worker:
			continue
		case hotpath.Startup:
			category += ":startup"
		}
		m.Report(pass, firstLine(m, nodes[i].Span), category, "%s: blocks the event loop for ≈ %s; move it to a worker thread or split it into chunks with setImmediate", est.what, Range(est.cost))
		if isLoop(nodes[i].N) {
			i = int(nodes[i].End) - 1 // inner loops are part of this estimate
		}
	}
	return nil, nil
}

// Estimate is what a loop or call costs.
type Estimate struct {
	what string
	cost cost.Interval
}

func isLoop(n js.INode) bool {
	switch n.(type) {
	case *js.ForStmt, *js.WhileStmt, *js.DoWhileStmt:
		return true
	}
	return false
}

// firstLine trims a span to its first line.
func firstLine(m *jsmodule.Module, s jsast.Span) jsast.Span {
	if k := strings.IndexAny(m.Text(s), "\r\n"); k >= 0 {
		s.End = s.Start + k
	}
	return s
}

// Range renders an estimate as "0.8–3 s" or "12–40 ms".
func Range(iv cost.Interval) string {
	unit, div := "ms", float64(time.Millisecond)
	if iv.Max >= time.Second {
		unit, div = "s", float64(time.Second)
	}
	lo, hi := float64(iv.Min)/div, float64(iv.Max)/div
	f := func(x float64) string {
		if x >= 100 {
			return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', 2, 64)
	}
	if f(lo) == f(hi) {
		return f(lo) + " " + unit
	}
	return f(lo) + "–" + f(hi) + " " + unit
}

// estimator knows a module's constants and prices its code.
type estimator struct {
	m      *jsmodule.Module
	b      *bindings.Info
	nodes  []jsast.Node
	values map[*js.Var]js.IExpr // the only value of never-reassigned variables
	writes map[*js.Var][]int    // assignments and updates, by node index
}

func newEstimator(m *jsmodule.Module, b *bindings.Info) *estimator {
	e := &estimator{m: m, b: b, nodes: m.Nodes(), values: map[*js.Var]js.IExpr{}, writes: map[*js.Var][]int{}}
	for i, n := range e.nodes {
		switch x := n.N.(type) {
		case *js.VarDecl:
			for _, el := range x.List {
				if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					e.values[jsast.Resolve(v)] = el.Default
				}
			}
		case *js.BinaryExpr:
			if v, ok := x.X.(*js.Var); ok && assigns(x.Op) {
				e.writes[jsast.Resolve(v)] = append(e.writes[jsast.Resolve(v)], i)
			}
		case *js.UnaryExpr:
			if v, ok := x.X.(*js.Var); ok && step(x.Op) != 0 {
				e.writes[jsast.Resolve(v)] = append(e.writes[jsast.Resolve(v)], i)
			}
		}
	}
	return e
}

func assigns(op js.TokenType) bool {
	switch op {
	case js.EqToken, js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken, js.ExpEqToken,
		js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken, js.BitOrEqToken, js.BitXorEqToken,
		js.AndEqToken, js.OrEqToken, js.NullishEqToken:
		return true
	}
	return false
}

// step is the change an update operator makes: +1, -1, or 0.
func step(op js.TokenType) float64 {
	switch op {
	case js.PreIncrToken, js.PostIncrToken:
		return 1
	case js.PreDecrToken, js.PostDecrToken:
		return -1
	}
	return 0
}

// value evaluates a constant number: literals, variables with one value
// (const, or let/var never reassigned), arithmetic.
func (e *estimator) value(x js.IExpr) (float64, bool) {
	return jsast.Number(x, func(v *js.Var) js.IExpr {
		if init, ok := e.values[v]; ok && len(e.writes[v]) == 0 {
			return init
		}
		return nil
	})
}

// estimate prices node i: a loop with a constant iteration count, or a
// call with a known large cost.
func (e *estimator) estimate(i int) (Estimate, bool) {
	switch e.nodes[i].N.(type) {
	case *js.ForStmt, *js.WhileStmt, *js.DoWhileStmt:
		n, ok := e.iterations(i)
		if !ok {
			return Estimate{}, false
		}
		total := e.loopCost(i, n)
		return Estimate{what: "loop of " + count(n) + e.nested(i) + " iterations", cost: total}, true
	case *js.CallExpr:
		return e.call(i)
	}
	return Estimate{}, false
}

// nested renders the constant counts of inner loops, which multiply the
// outer count: " × 4,000".
func (e *estimator) nested(i int) string {
	var inner []string
	for j := i + 1; j < int(e.nodes[i].End); j++ {
		if isLoop(e.nodes[j].N) {
			if n, ok := e.iterations(j); ok {
				inner = append(inner, count(n))
			}
		}
	}
	if len(inner) == 0 {
		return ""
	}
	return " × " + strings.Join(inner, " × ")
}

// count renders an iteration count: 100,000,000 or 1e+12.
func count(n float64) string {
	if n >= 1e15 {
		return strconv.FormatFloat(n, 'g', 3, 64)
	}
	s := strconv.FormatFloat(math.Round(n), 'f', 0, 64)
	for k := len(s) - 3; k > 0; k -= 3 {
		s = s[:k] + "," + s[k:]
	}
	return s
}

// iterations returns the constant iteration count of loop i.
func (e *estimator) iterations(i int) (float64, bool) {
	var counter *js.Var
	var cond js.IExpr
	var from float64
	var by float64
	switch l := e.nodes[i].N.(type) {
	case *js.ForStmt:
		if l.Cond == nil || l.Init == nil || l.Post == nil {
			return 0, false
		}
		v, start, ok := e.init(l.Init)
		if !ok {
			return 0, false
		}
		s, ok := e.update(l.Post, v)
		if !ok {
			return 0, false
		}
		counter, from, by, cond = v, start, s, l.Cond
		// The body must leave the counter alone.
		for _, w := range e.writes[v] {
			if j, ok := e.m.Find(i, l.Body); ok && w >= j && w < int(e.nodes[j].End) {
				return 0, false
			}
		}
	case *js.WhileStmt, *js.DoWhileStmt:
		var body js.IStmt
		if w, ok := l.(*js.WhileStmt); ok {
			cond, body = w.Cond, w.Body
		} else {
			d := l.(*js.DoWhileStmt)
			cond, body = d.Cond, d.Body
		}
		v, ok := e.compared(cond)
		if !ok {
			return 0, false
		}
		start, ok := e.value(e.values[v])
		if !ok {
			return 0, false
		}
		// One update of the counter inside the loop, nothing else writes it
		// after its declaration except that update.
		j, ok := e.m.Find(i, body)
		if !ok {
			return 0, false
		}
		var s float64
		for _, w := range e.writes[v] {
			if w < i || w >= int(e.nodes[i].End) || s != 0 {
				return 0, false
			}
			if s, ok = e.update(e.nodes[w].N.(js.IExpr), v); !ok || w < j {
				return 0, false
			}
		}
		if s == 0 {
			return 0, false
		}
		counter, from, by = v, start, s
	default:
		return 0, false
	}
	if e.leavesEarly(i) {
		return 0, false
	}
	to, incl, up, ok := e.bound(cond, counter)
	if !ok || (by > 0) != up {
		return 0, false
	}
	n := (to - from) / by
	if incl {
		n++
	}
	n = math.Ceil(n)
	if n <= 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n, true
}

// init returns the counter a for-loop's init declares or assigns and its
// constant start.
func (e *estimator) init(x js.IExpr) (*js.Var, float64, bool) {
	switch x := x.(type) {
	case *js.VarDecl:
		if len(x.List) >= 1 {
			if v, ok := x.List[0].Binding.(*js.Var); ok {
				n, ok := e.value(x.List[0].Default)
				return jsast.Resolve(v), n, ok
			}
		}
	case *js.BinaryExpr:
		if v, ok := x.X.(*js.Var); ok && x.Op == js.EqToken {
			n, ok := e.value(x.Y)
			return jsast.Resolve(v), n, ok
		}
	}
	return nil, 0, false
}

// update returns the constant step an update expression adds to v.
func (e *estimator) update(x js.IExpr, v *js.Var) (float64, bool) {
	is := func(y js.IExpr) bool { w, ok := y.(*js.Var); return ok && jsast.Resolve(w) == v }
	switch x := x.(type) {
	case *js.UnaryExpr:
		if is(x.X) && step(x.Op) != 0 {
			return step(x.Op), true
		}
	case *js.BinaryExpr:
		if !is(x.X) {
			return 0, false
		}
		switch x.Op {
		case js.AddEqToken:
			n, ok := e.value(x.Y)
			return n, ok && n != 0
		case js.SubEqToken:
			n, ok := e.value(x.Y)
			return -n, ok && n != 0
		case js.EqToken:
			if sum, ok := x.Y.(*js.BinaryExpr); ok && sum.Op == js.AddToken && is(sum.X) {
				n, ok := e.value(sum.Y)
				return n, ok && n != 0
			}
		}
	}
	return 0, false
}

// compared returns the variable a while condition compares.
func (e *estimator) compared(cond js.IExpr) (*js.Var, bool) {
	if b, ok := ungroup(cond).(*js.BinaryExpr); ok {
		for _, s := range []js.IExpr{b.X, b.Y} {
			if v, ok := ungroup(s).(*js.Var); ok && !jsast.IsGlobal(v) {
				if _, isConst := e.value(v); !isConst {
					return jsast.Resolve(v), true
				}
			}
		}
	}
	return nil, false
}

// bound reads `v < N`, `v <= N`, `N > v`, `v > N`...: the bound, whether it
// is inclusive, and whether the counter must go up to reach it.
func (e *estimator) bound(cond js.IExpr, v *js.Var) (to float64, incl, up, ok bool) {
	b, isBin := ungroup(cond).(*js.BinaryExpr)
	if !isBin {
		return 0, false, false, false
	}
	op, other := b.Op, b.Y
	if w, isVar := ungroup(b.Y).(*js.Var); isVar && jsast.Resolve(w) == v {
		other, op = b.X, flip(op) // N > v is v < N
	} else if w, isVar := ungroup(b.X).(*js.Var); !isVar || jsast.Resolve(w) != v {
		return 0, false, false, false
	}
	to, ok = e.value(other)
	switch op {
	case js.LtToken, js.NotEqToken, js.NotEqEqToken:
		return to, false, true, ok
	case js.LtEqToken:
		return to, true, true, ok
	case js.GtToken:
		return to, false, false, ok
	case js.GtEqToken:
		return to, true, false, ok
	}
	return 0, false, false, false
}

func ungroup(x js.IExpr) js.IExpr {
	for {
		g, ok := x.(*js.GroupExpr)
		if !ok {
			return x
		}
		x = g.X
	}
}

// leavesEarly reports whether loop i may stop before its count: a break
// out of it, a return or a throw in its body (outside nested functions).
func (e *estimator) leavesEarly(i int) bool {
	for j := i + 1; j < int(e.nodes[i].End); j++ {
		switch x := e.nodes[j].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			j = int(e.nodes[j].End) - 1
		case *js.ReturnStmt, *js.ThrowStmt:
			return true
		case *js.BranchStmt:
			if x.Type == js.BreakToken && (x.Label != nil || !e.innerBreakable(i, j)) {
				return true
			}
		case *js.UnaryExpr:
			if x.Op == js.AwaitToken {
				return true // an await yields: not one block
			}
		case *js.YieldExpr:
			return true
		}
	}
	return false
}

// innerBreakable reports whether a break at node j belongs to a loop or
// switch nested inside loop i.
func (e *estimator) innerBreakable(i, j int) bool {
	for p := int(e.nodes[j].Parent); p > i; p = int(e.nodes[p].Parent) {
		switch e.nodes[p].N.(type) {
		case *js.ForStmt, *js.WhileStmt, *js.DoWhileStmt, *js.ForInStmt, *js.ForOfStmt, *js.SwitchStmt:
			return true
		}
	}
	return false
}

// row returns a timing-table row's cost for n units.
func row(key string, n float64) cost.Interval {
	iv, _ := Timing.Cost(key, n)
	return iv
}

// loopCost is n iterations of loop i's body: the counting loop itself
// plus what one iteration does, inner loops at their own counts (at least
// once when their count is unknown).
func (e *estimator) loopCost(i int, n float64) cost.Interval {
	return row("cpu.loop.empty", n).Add(e.bodyCost(i).Scale(n))
}

// opRows price the operations of a loop body, per occurrence.
var opRows = map[js.TokenType]string{
	js.ModToken: "cpu.op.div", js.DivToken: "cpu.op.div", js.ModEqToken: "cpu.op.div", js.DivEqToken: "cpu.op.div",
	js.ExpToken: "cpu.op.div", js.ExpEqToken: "cpu.op.div",
}

// bodyCost is the cost of one iteration of loop i beyond the counting.
func (e *estimator) bodyCost(i int) cost.Interval {
	var total cost.Interval
	from, to := i+1, int(e.nodes[i].End)
	if l, ok := e.nodes[i].N.(*js.ForStmt); ok && l.Body != nil {
		if b, ok := e.m.Find(i, l.Body); ok {
			from, to = b, int(e.nodes[b].End) // the header is the counting loop itself
		}
	}
	for j := from; j < to; j++ {
		switch x := e.nodes[j].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			total = total.Add(row("cpu.op.alloc", 1)) // a closure per iteration
			j = int(e.nodes[j].End) - 1
		case *js.ForStmt, *js.WhileStmt, *js.DoWhileStmt:
			n, ok := e.iterations(j)
			if !ok {
				n = 1
			}
			total = total.Add(e.loopCost(j, n))
			j = int(e.nodes[j].End) - 1
		case *js.BinaryExpr:
			if key, ok := opRows[x.Op]; ok {
				total = total.Add(row(key, 1))
			} else if x.Op == js.AddEqToken && isString(x.Y) {
				total = total.Add(row("cpu.loop.string-concat", 1))
			} else if x.Op != js.EqToken {
				total = total.Add(row("cpu.op.arith", 1))
			}
		case *js.UnaryExpr:
			if x.Op != js.PosToken {
				total = total.Add(row("cpu.op.arith", 1))
			}
		case *js.DotExpr:
			if p := e.nodes[j].Parent; p < 0 || !isCallee(e.nodes[p].N, x) {
				total = total.Add(row("cpu.op.member", 1))
			}
		case *js.IndexExpr:
			total = total.Add(row("cpu.op.index", 1))
		case *js.ObjectExpr, *js.ArrayExpr, *js.NewExpr, *js.TemplateExpr:
			total = total.Add(row("cpu.op.alloc", 1))
		case *js.CallExpr:
			total = total.Add(e.callCost(x))
		}
	}
	return total
}

func isCallee(parent js.INode, x js.IExpr) bool {
	c, ok := parent.(*js.CallExpr)
	return ok && c.X == x
}

func isString(x js.IExpr) bool {
	switch x := x.(type) {
	case *js.LiteralExpr:
		return x.TokenType == js.StringToken
	case *js.TemplateExpr:
		return true
	}
	return false
}

// callCost prices one call in a loop body.
func (e *estimator) callCost(c *js.CallExpr) cost.Interval {
	r, ok := e.b.Of(c.X)
	switch {
	case ok && r.Module == bindings.Global && r.Member == "Date.now":
		return row("cpu.loop.date-now", 1)
	case ok && r.Module == bindings.Global && strings.HasPrefix(r.Member, "Math."):
		return row("cpu.op.math", 1)
	}
	if d, isDot := c.X.(*js.DotExpr); isDot {
		if name, ok := d.Y.(js.LiteralExpr); ok && string(name.Data) == "push" {
			return row("cpu.loop.array-push", 1)
		}
	}
	return row("cpu.op.call", 1)
}

// call prices a call with a known large cost.
func (e *estimator) call(i int) (Estimate, bool) {
	c := e.nodes[i].N.(*js.CallExpr)
	arg := func(k int) js.IExpr {
		if k < len(c.Args.List) {
			return c.Args.List[k].Value
		}
		return nil
	}
	if r, ok := e.b.Of(c.X); ok {
		switch {
		case r == bindings.Ref{Module: bindings.Global, Member: "JSON.stringify"}, r == bindings.Ref{Module: bindings.Global, Member: "JSON.parse"}:
			kb, ok := e.size(arg(0), 0)
			if !ok {
				return Estimate{}, false
			}
			key := "cpu.json.stringify"
			if r.Member == "JSON.parse" {
				key = "cpu.json.parse"
			}
			return Estimate{what: fmt.Sprintf("%s of about %s KB", r.Member, count(kb)), cost: row(key, kb)}, true
		case r.Module == "crypto" && r.Member == "createDiffieHellman":
			bits, ok := e.value(arg(0))
			if !ok {
				return Estimate{}, false // a given prime: no search
			}
			key := "cpu.crypto.dh-" + strconv.Itoa(int(bits))
			iv, known := Timing.Cost(key, 1)
			if !known {
				return Estimate{}, false
			}
			return Estimate{what: fmt.Sprintf("crypto.createDiffieHellman(%d) searches for a %d-bit safe prime", int(bits), int(bits)), cost: iv}, true
		}
	}
	// Array(n).fill(x), new Array(n).fill(x)
	if d, ok := c.X.(*js.DotExpr); ok {
		if name, ok := d.Y.(js.LiteralExpr); ok && string(name.Data) == "fill" {
			if n, ok := e.arrayLength(d.X); ok {
				return Estimate{what: fmt.Sprintf("Array(%s).fill", count(n)), cost: row("cpu.array.fill", n)}, true
			}
		}
	}
	return Estimate{}, false
}

// arrayLength reads Array(n) or new Array(n) with a constant n.
func (e *estimator) arrayLength(x js.IExpr) (float64, bool) {
	var callee js.IExpr
	var args []js.Arg
	switch x := ungroup(x).(type) {
	case *js.CallExpr:
		callee, args = x.X, x.Args.List
	case *js.NewExpr:
		if x.Args != nil {
			callee, args = x.X, x.Args.List
		}
	}
	if callee == nil || len(args) != 1 {
		return 0, false
	}
	if r, ok := e.b.Of(callee); !ok || r != (bindings.Ref{Module: bindings.Global, Member: "Array"}) {
		return 0, false
	}
	return e.value(args[0].Value)
}

// size estimates the JSON size, in KB, of a value whose construction fixes
// it: Array(n).fill(x) and Array.from({length: n}) (n elements of x's
// source length), 'x'.repeat(n), JSON.stringify of such a value, or a
// variable holding one.
func (e *estimator) size(x js.IExpr, depth int) (float64, bool) {
	if depth > 6 || x == nil {
		return 0, false
	}
	switch x := ungroup(x).(type) {
	case *js.Var:
		v := jsast.Resolve(x)
		if init, ok := e.values[v]; ok && len(e.writes[v]) == 0 {
			return e.size(init, depth+1)
		}
	case *js.CallExpr:
		d, isDot := x.X.(*js.DotExpr)
		if r, ok := e.b.Of(x.X); ok && r == (bindings.Ref{Module: bindings.Global, Member: "JSON.stringify"}) && len(x.Args.List) > 0 {
			return e.size(x.Args.List[0].Value, depth+1)
		}
		if r, ok := e.b.Of(x.X); ok && r == (bindings.Ref{Module: bindings.Global, Member: "Array.from"}) && len(x.Args.List) > 0 {
			if obj, ok := x.Args.List[0].Value.(*js.ObjectExpr); ok {
				for _, p := range obj.List {
					if p.Name != nil && string(p.Name.Literal.Data) == "length" {
						if n, ok := e.value(p.Value); ok {
							return n * 16 / 1024, true // an element of a mapped array: assumed ~16 bytes
						}
					}
				}
			}
		}
		if !isDot || len(x.Args.List) == 0 {
			return 0, false
		}
		name, _ := d.Y.(js.LiteralExpr)
		switch string(name.Data) {
		case "fill":
			if n, ok := e.arrayLength(d.X); ok {
				return n * float64(len(e.m.Text(e.m.Span(x.Args.List[0].Value)))+1) / 1024, true
			}
		case "repeat":
			if s, ok := d.X.(*js.LiteralExpr); ok && s.TokenType == js.StringToken {
				if n, ok := e.value(x.Args.List[0].Value); ok {
					return n * float64(len(s.Data)-2) / 1024, true
				}
			}
		}
	}
	return 0, false
}

// costlyCalls are the member names of the known-cost calls the rule prices.
var costlyCalls = map[string]bool{"parse": true, "stringify": true, "createDiffieHellman": true, "fill": true}

// hasCandidate reports whether a module has a loop or a call the rule can
// price, before any table is built.
func hasCandidate(nodes []jsast.Node) bool {
	for _, n := range nodes {
		switch x := n.N.(type) {
		case *js.WhileStmt, *js.DoWhileStmt, *js.ForStmt:
			return true
		case *js.DotExpr:
			if l, ok := x.Y.(js.LiteralExpr); ok && costlyCalls[string(l.Data)] {
				return true
			}
		case *js.Var:
			if costlyCalls[string(x.Data)] { // const { createDiffieHellman } = require('crypto')
				return true
			}
		}
	}
	return false
}
