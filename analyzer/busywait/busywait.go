package busywait

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
)

// Analyzer reports loops that spin on a clock or on a flag.
var Analyzer = &analysis.Analyzer{
	Name:     "busy_wait",
	Doc:      "report loops that spin on a clock or a flag, blocking the event loop for the whole wait (or forever)",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/busy-wait.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, hotpath.Analyzer},
	Run:      run,
}

// clock is a source of time (or of another thread's writes) a loop can
// spin on.
type clock struct {
	name   string  // as shown in messages: Date.now()
	unit   float64 // milliseconds per unit of the reading
	shared bool    // Atomics.load: another thread, not time, ends the wait
}

// clocks are the APIs whose result is a reading of the clock, by binding.
var clocks = map[bindings.Ref]clock{
	{Module: bindings.Global, Member: "Date.now"}:              {name: "Date.now()", unit: 1},
	{Module: bindings.Global, Member: "performance.now"}:       {name: "performance.now()", unit: 1},
	{Module: "perf_hooks", Member: "performance.now"}:          {name: "performance.now()", unit: 1},
	{Module: bindings.Global, Member: "process.hrtime.bigint"}: {name: "process.hrtime.bigint()", unit: 1e-6},
	{Module: "process", Member: "hrtime.bigint"}:               {name: "process.hrtime.bigint()", unit: 1e-6},
	{Module: bindings.Global, Member: "Atomics.load"}:          {name: "Atomics.load()", shared: true},
}

// hrtimes return [seconds, nanoseconds]: a reading is an element of the
// result.
var hrtimes = map[bindings.Ref]bool{
	{Module: bindings.Global, Member: "process.hrtime"}: true,
	{Module: "process", Member: "hrtime"}:               true,
}

// harmless are calls a spinning loop may make without doing real work.
var harmless = map[string]bool{"Math": true, "Number": true, "BigInt": true, "Date": true}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	if !hasLoop(m.Nodes()) {
		return nil, nil // most modules: skip building the checker's tables
	}
	c := newChecker(m, pass.ResultOf[bindings.Analyzer].(*bindings.Info))
	h := pass.ResultOf[hotpath.Analyzer].(*hotpath.Info)
	for i := range c.nodes {
		exits, ok := c.exits(i)
		if !ok || !c.idle(i) {
			continue
		}
		msg, ok := c.spin(i, exits)
		if !ok {
			continue
		}
		// Where the loop runs is asked only of a real spin: it is the
		// costly question.
		category := "busy-wait"
		switch h.At(i).Context {
		case hotpath.Exempt, hotpath.Worker:
			continue
		case hotpath.Startup:
			category += ":startup"
		}
		c.m.Report(pass, c.header(i), category, "%s", msg)
	}
	return nil, nil
}

// checker holds what the rule knows about one module.
type checker struct {
	m       *jsmodule.Module
	b       *bindings.Info
	nodes   []jsast.Node
	assigns map[*js.Var][]int    // assignments (=, op=, ++, --), by node index
	inits   map[*js.Var]js.IExpr // declaration initialisers
	params  map[*js.Var]param
	calls   map[int][]*js.CallExpr // calls of a named function, by its node index
	named   map[*js.Var]int        // function name → function node
}

// param is a function's parameter: the function's node and the position.
type param struct{ fn, pos int }

func newChecker(m *jsmodule.Module, b *bindings.Info) *checker {
	c := &checker{m: m, b: b, nodes: m.Nodes(), assigns: map[*js.Var][]int{},
		inits: map[*js.Var]js.IExpr{}, params: map[*js.Var]param{}, calls: map[int][]*js.CallExpr{}, named: map[*js.Var]int{}}
	for i, n := range c.nodes {
		switch x := n.N.(type) {
		case *js.BinaryExpr:
			if v, ok := x.X.(*js.Var); ok && isAssign(x.Op) {
				c.assigns[jsast.Resolve(v)] = append(c.assigns[jsast.Resolve(v)], i)
			}
		case *js.UnaryExpr:
			if v, ok := x.X.(*js.Var); ok && (x.Op == js.PreIncrToken || x.Op == js.PostIncrToken || x.Op == js.PreDecrToken || x.Op == js.PostDecrToken) {
				c.assigns[jsast.Resolve(v)] = append(c.assigns[jsast.Resolve(v)], i)
			}
		case *js.VarDecl:
			for _, el := range x.List {
				if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					c.inits[jsast.Resolve(v)] = el.Default
					if isFunc(el.Default) {
						if k, ok := c.m.Find(i, el.Default); ok {
							c.named[jsast.Resolve(v)] = k
						}
					}
				}
			}
		case *js.FuncDecl:
			if x.Name != nil {
				c.named[jsast.Resolve(x.Name)] = i
			}
			c.addParams(i, x.Params)
		case *js.ArrowFunc:
			c.addParams(i, x.Params)
		case *js.MethodDecl:
			c.addParams(i, x.Params)
		}
	}
	for _, n := range c.nodes {
		if call, ok := n.N.(*js.CallExpr); ok {
			if v, ok := call.X.(*js.Var); ok {
				if f, ok := c.named[jsast.Resolve(v)]; ok {
					c.calls[f] = append(c.calls[f], call)
				}
			}
		}
	}
	return c
}

func (c *checker) addParams(fn int, ps js.Params) {
	for pos, el := range ps.List {
		if v, ok := el.Binding.(*js.Var); ok {
			c.params[jsast.Resolve(v)] = param{fn, pos}
		}
	}
}

func isFunc(e js.IExpr) bool {
	switch e.(type) {
	case *js.FuncDecl, *js.ArrowFunc:
		return true
	}
	return false
}

func isAssign(op js.TokenType) bool {
	switch op {
	case js.EqToken, js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken, js.ExpEqToken,
		js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken, js.BitOrEqToken, js.BitXorEqToken,
		js.AndEqToken, js.OrEqToken, js.NullishEqToken:
		return true
	}
	return false
}

// exit is a condition that ends a loop: the loop's own test (the loop
// goes on while it holds) or an `if (cond) break` in its body.
type exit struct {
	cond   js.IExpr
	breaks bool // the loop ends when cond holds
}

// exits returns the exit conditions of loop node i; ok is false when i is
// not a loop.
func (c *checker) exits(i int) ([]exit, bool) {
	var out []exit
	var body js.IStmt
	switch l := c.nodes[i].N.(type) {
	case *js.WhileStmt:
		out, body = append(out, exit{cond: l.Cond}), l.Body
	case *js.DoWhileStmt:
		out, body = append(out, exit{cond: l.Cond}), l.Body
	case *js.ForStmt:
		if l.Cond != nil {
			out = append(out, exit{cond: l.Cond})
		}
		if l.Body != nil {
			body = l.Body
		}
	default:
		return nil, false
	}
	stmts := []js.IStmt{body}
	if b, ok := body.(*js.BlockStmt); ok {
		stmts = b.List
	}
	for _, s := range stmts {
		if s, ok := s.(*js.IfStmt); ok && s.Else == nil && leaves(s.Body) {
			out = append(out, exit{cond: s.Cond, breaks: true})
		}
	}
	return out, true
}

// leaves reports whether a statement is break or return (possibly in a
// block of its own).
func leaves(s js.IStmt) bool {
	if b, ok := s.(*js.BlockStmt); ok && len(b.List) == 1 {
		s = b.List[0]
	}
	switch s := s.(type) {
	case *js.BranchStmt:
		return s.Type == js.BreakToken && s.Label == nil
	case *js.ReturnStmt:
		return true
	}
	return false
}

// idle reports whether loop i does nothing but read clocks, compare and
// count: no calls of other functions, no await or yield, no functions.
func (c *checker) idle(i int) bool {
	for j := i + 1; j < int(c.nodes[i].End); j++ {
		switch x := c.nodes[j].N.(type) {
		case *js.CallExpr:
			if _, ok := c.clock(x); ok {
				continue
			}
			if r, ok := c.b.Of(x.X); ok && hrtimes[r] {
				continue
			}
			if r, ok := c.b.Of(x.X); ok && r.Module == bindings.Global && harmless[strings.SplitN(r.Member, ".", 2)[0]] {
				continue
			}
			if d, ok := x.X.(*js.DotExpr); ok && isDate(c, d.X) {
				continue // new Date().getTime()
			}
			return false
		case *js.NewExpr:
			if !isDate(c, x) {
				return false
			}
		case *js.UnaryExpr:
			if x.Op == js.AwaitToken {
				return false
			}
		case *js.YieldExpr, *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
			return false
		}
	}
	return true
}

// isDate reports whether e is new Date() (or Date.now-like via bindings).
func isDate(c *checker, e js.IExpr) bool {
	e = ungroup(e)
	if n, ok := e.(*js.NewExpr); ok {
		r, ok := c.b.Of(n.X)
		return ok && r == bindings.Ref{Module: bindings.Global, Member: "Date"} && (n.Args == nil || len(n.Args.List) == 0)
	}
	return false
}

func ungroup(e js.IExpr) js.IExpr {
	for {
		g, ok := e.(*js.GroupExpr)
		if !ok {
			return e
		}
		e = g.X
	}
}

// clock returns the clock an expression reads: a clock call, new Date(),
// +new Date(), new Date().getTime(), hrtime()[i], or a call of a local
// function that returns one of these.
func (c *checker) clock(e js.IExpr) (clock, bool) {
	return c.clockDepth(e, 0)
}

func (c *checker) clockDepth(e js.IExpr, depth int) (clock, bool) {
	if depth > 4 {
		return clock{}, false
	}
	switch x := ungroup(e).(type) {
	case *js.CallExpr:
		if r, ok := c.b.Of(x.X); ok {
			if k, ok := clocks[r]; ok {
				return k, true
			}
		}
		if d, ok := x.X.(*js.DotExpr); ok && isDate(c, d.X) {
			return clock{name: "new Date()", unit: 1}, true
		}
		if v, ok := x.X.(*js.Var); ok {
			if f, ok := c.named[jsast.Resolve(v)]; ok {
				if ret := returned(c.nodes[f].N); ret != nil {
					return c.clockDepth(ret, depth+1)
				}
			}
		}
	case *js.NewExpr:
		if isDate(c, x) {
			return clock{name: "new Date()", unit: 1}, true
		}
	case *js.UnaryExpr:
		if x.Op == js.PosToken {
			return c.clockDepth(x.X, depth+1)
		}
	case *js.IndexExpr:
		if call, ok := ungroup(x.X).(*js.CallExpr); ok {
			if r, ok := c.b.Of(call.X); ok && hrtimes[r] {
				if n, ok := number(x.Y); ok && n == 0 {
					return clock{name: "process.hrtime()", unit: 1000}, true
				}
				return clock{name: "process.hrtime()", unit: 1e-6}, true
			}
		}
	}
	return clock{}, false
}

// returned is the expression a function of one return statement returns.
func returned(f js.INode) js.IExpr {
	var body js.BlockStmt
	switch f := f.(type) {
	case *js.FuncDecl:
		body = f.Body
	case *js.ArrowFunc:
		body = f.Body
	default:
		return nil
	}
	if len(body.List) != 1 {
		return nil
	}
	switch s := body.List[0].(type) {
	case *js.ReturnStmt:
		return s.Value
	case *js.ExprStmt: // concise arrow body
		return s.Value
	}
	return nil
}

// within reports whether node j is a descendant of node i.
func (c *checker) within(j, i int) bool { return j > i && j < int(c.nodes[i].End) }

// readIn returns the clock an expression reads directly or through a
// variable assigned a clock reading inside loop i.
func (c *checker) readIn(e js.IExpr, loop int) (clock, bool) {
	if k, ok := c.clock(e); ok {
		return k, true
	}
	if v, ok := ungroup(e).(*js.Var); ok {
		for _, a := range c.assigns[jsast.Resolve(v)] {
			if bin, ok := c.nodes[a].N.(*js.BinaryExpr); ok && bin.Op == js.EqToken && c.within(a, loop) {
				if k, ok := c.clock(bin.Y); ok {
					return k, true
				}
			}
		}
	}
	return clock{}, false
}

// spin decides whether loop i spins and returns the message.
func (c *checker) spin(i int, exits []exit) (string, bool) {
	for _, ex := range exits {
		k, dur, ok := c.clockExit(i, ex.cond)
		if !ok {
			continue
		}
		if k.shared {
			return fmt.Sprintf("spins on %s until another thread writes the shared memory, blocking the event loop meanwhile; use Atomics.waitAsync, or wait in a worker thread", k.name), true
		}
		if dur != "" {
			return fmt.Sprintf("busy-waits on %s: blocks the event loop for %s; wait with setTimeout (or await setTimeout from timers/promises) instead", k.name, dur), true
		}
		return fmt.Sprintf("busy-waits on %s: blocks the event loop until the deadline passes; wait with setTimeout (or await setTimeout from timers/promises) instead", k.name), true
	}
	return c.flagSpin(i, exits)
}

// clockExit finds a clock reading in an exit condition and, when the
// deadline is a constant distance from another reading, the duration.
func (c *checker) clockExit(loop int, cond js.IExpr) (clock, string, bool) {
	cond = ungroup(cond)
	if u, ok := cond.(*js.UnaryExpr); ok && u.Op == js.NotToken {
		cond = ungroup(u.X)
	}
	if bin, ok := cond.(*js.BinaryExpr); ok && (bin.Op == js.AndToken || bin.Op == js.OrToken) {
		if k, d, ok := c.clockExit(loop, bin.X); ok {
			return k, d, ok
		}
		return c.clockExit(loop, bin.Y)
	}
	bin, ok := cond.(*js.BinaryExpr)
	if !ok || !isCompare(bin.Op) {
		if k, ok := c.readIn(cond, loop); ok && k.shared {
			return k, "", true
		}
		return clock{}, "", false
	}
	for _, side := range [2][2]js.IExpr{{bin.X, bin.Y}, {bin.Y, bin.X}} {
		now, other := side[0], side[1]
		if k, ok := c.readIn(now, loop); ok {
			if k.shared {
				return k, "", true
			}
			lo, hi, ok := c.deadline(other, 0)
			return k, duration(lo*k.unit, hi*k.unit, ok), true
		}
		// clock - start < ms
		if sub, ok := ungroup(now).(*js.BinaryExpr); ok && sub.Op == js.SubToken {
			if k, ok := c.readIn(sub.X, loop); ok {
				_, _, started := c.deadlineOf(sub.Y, 0, true)
				lo, hi, ok := c.number(other, 0)
				return k, duration(lo*k.unit, hi*k.unit, ok && started), true
			}
		}
	}
	return clock{}, "", false
}

func isCompare(op js.TokenType) bool {
	switch op {
	case js.LtToken, js.LtEqToken, js.GtToken, js.GtEqToken, js.EqEqToken, js.EqEqEqToken, js.NotEqToken, js.NotEqEqToken:
		return true
	}
	return false
}

// duration renders a wait of [lo, hi] ms, or "" when unknown.
func duration(lo, hi float64, ok bool) string {
	if !ok || lo < 0 || math.IsNaN(lo) || math.IsInf(hi, 0) {
		return ""
	}
	one := func(ms float64) string {
		if ms >= 1000 {
			return strconv.FormatFloat(ms/1000, 'g', 3, 64) + " s"
		}
		return strconv.FormatFloat(ms, 'g', 3, 64) + " ms"
	}
	switch {
	case lo == hi:
		return one(lo)
	case hi < 1000:
		return strconv.FormatFloat(lo, 'g', 3, 64) + "–" + one(hi)
	}
	return one(lo) + " to " + one(hi)
}

// deadline returns how far a deadline lies past a clock reading (in the
// clock's unit): Date.now() + 50, start + 50 where start is a reading, a
// variable holding one of these, or a parameter every caller passes one
// of these for.
func (c *checker) deadline(e js.IExpr, depth int) (lo, hi float64, ok bool) {
	lo, hi, ok = c.deadlineOf(e, depth, false)
	return
}

// deadlineOf is deadline; with start set it accepts a bare clock reading
// (distance 0), which is what "now - start" subtracts.
func (c *checker) deadlineOf(e js.IExpr, depth int, start bool) (lo, hi float64, ok bool) {
	if depth > 6 {
		return 0, 0, false
	}
	e = ungroup(e)
	if start {
		if _, ok := c.clock(e); ok {
			return 0, 0, true
		}
	}
	switch x := e.(type) {
	case *js.BinaryExpr:
		if x.Op != js.AddToken {
			return 0, 0, false
		}
		for _, s := range [2][2]js.IExpr{{x.X, x.Y}, {x.Y, x.X}} {
			if _, _, ok := c.deadlineOf(s[0], depth+1, true); ok {
				return c.number(s[1], depth+1)
			}
		}
	case *js.Var:
		return c.through(x, depth, func(e js.IExpr, d int) (float64, float64, bool) { return c.deadlineOf(e, d, start) })
	}
	return 0, 0, false
}

// through evaluates a variable by its only value (its initialiser when it
// is never assigned) or, for a parameter, by every call site's argument.
func (c *checker) through(v *js.Var, depth int, eval func(js.IExpr, int) (float64, float64, bool)) (lo, hi float64, ok bool) {
	v = jsast.Resolve(v)
	if len(c.assigns[v]) == 0 {
		if init, ok := c.inits[v]; ok {
			return eval(init, depth+1)
		}
	}
	p, ok := c.params[v]
	if !ok || len(c.assigns[v]) > 0 || len(c.calls[p.fn]) == 0 {
		return 0, 0, false
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, call := range c.calls[p.fn] {
		if p.pos >= len(call.Args.List) {
			return 0, 0, false
		}
		l, h, ok := eval(call.Args.List[p.pos].Value, depth+1)
		if !ok {
			return 0, 0, false
		}
		lo, hi = math.Min(lo, l), math.Max(hi, h)
	}
	return lo, hi, true
}

// number evaluates a numeric constant: literals (BigInt too), constants
// and never-assigned variables, parameters (over call sites), arithmetic.
func (c *checker) number(e js.IExpr, depth int) (lo, hi float64, ok bool) {
	if depth > 8 {
		return 0, 0, false
	}
	e = ungroup(e)
	if n, ok := number(e); ok {
		return n, n, true
	}
	switch x := e.(type) {
	case *js.Var:
		return c.through(x, depth, c.number)
	case *js.UnaryExpr:
		if x.Op == js.NegToken {
			l, h, ok := c.number(x.X, depth+1)
			return -h, -l, ok
		}
	case *js.BinaryExpr:
		l1, h1, ok1 := c.number(x.X, depth+1)
		l2, h2, ok2 := c.number(x.Y, depth+1)
		if !ok1 || !ok2 {
			return 0, 0, false
		}
		switch x.Op {
		case js.AddToken:
			return l1 + l2, h1 + h2, true
		case js.SubToken:
			return l1 - h2, h1 - l2, true
		case js.MulToken:
			if l1 >= 0 && l2 >= 0 {
				return l1 * l2, h1 * h2, true
			}
		}
	}
	return 0, 0, false
}

// number parses a numeric literal.
func number(e js.IExpr) (float64, bool) {
	l, ok := ungroup(e).(*js.LiteralExpr)
	if !ok || l.TokenType != js.DecimalToken && l.TokenType != js.IntegerToken &&
		l.TokenType != js.HexadecimalToken && l.TokenType != js.OctalToken && l.TokenType != js.BinaryToken {
		return 0, false
	}
	return jsast.NumberLiteral(l.Data)
}

// flagSpin reports a loop waiting for a variable that nothing in the loop
// changes and that only callbacks (other functions) assign: once entered,
// it never ends.
func (c *checker) flagSpin(i int, exits []exit) (string, bool) {
	fn := c.m.Enclosing(i)
	for _, ex := range exits {
		j, ok := c.m.Find(i, ex.cond)
		if !ok {
			if v, isVar := ungroup(ex.cond).(*js.Var); isVar {
				return c.flag(i, fn, []*js.Var{v})
			}
			continue
		}
		var vars []*js.Var
		clean := true
		for k := j; k < int(c.nodes[j].End) && clean; k++ {
			switch x := c.nodes[k].N.(type) {
			case *js.Var:
				vars = append(vars, x)
			case *js.CallExpr, *js.DotExpr, *js.IndexExpr, *js.NewExpr:
				clean = false
			}
		}
		if clean {
			if msg, ok := c.flag(i, fn, vars); ok {
				return msg, true
			}
		}
	}
	return "", false
}

func (c *checker) flag(loop, fn int, vars []*js.Var) (string, bool) {
	var waited *js.Var
	for _, v := range vars {
		v = jsast.Resolve(v)
		if jsast.IsGlobal(v) {
			continue
		}
		as := c.assigns[v]
		for _, a := range as {
			if c.within(a, loop) || c.m.Enclosing(a) == fn {
				return "", false // the loop (or the code around it) changes it
			}
		}
		if len(as) > 0 && waited == nil {
			waited = v
		}
	}
	if waited == nil {
		return "", false
	}
	return fmt.Sprintf("spins until %s changes, but only callbacks assign %s and none can run while this loop holds the thread: it never ends; await a promise or use an event instead", waited.Data, waited.Data), true
}

// header is the span reported for loop i: the loop up to its body for
// while and for, the whole statement for do-while.
func (c *checker) header(i int) jsast.Span {
	s := c.nodes[i].Span
	var body js.IStmt
	switch l := c.nodes[i].N.(type) {
	case *js.WhileStmt:
		body = l.Body
	case *js.ForStmt:
		if l.Body != nil {
			body = l.Body
		}
	}
	if body != nil {
		if j, ok := c.m.Find(i, body); ok && c.nodes[j].Span.Start > s.Start {
			s.End = c.nodes[j].Span.Start
		}
	}
	text := c.m.Text(s)
	return jsast.Span{Start: s.Start, End: s.Start + len(strings.TrimRight(text, " \t\r\n"))}
}

// hasLoop reports whether a module has a while, do-while or for loop (the
// only statements that can spin).
func hasLoop(nodes []jsast.Node) bool {
	for _, n := range nodes {
		switch n.N.(type) {
		case *js.WhileStmt, *js.DoWhileStmt, *js.ForStmt:
			return true
		}
	}
	return false
}
