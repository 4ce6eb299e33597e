package starvation

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/looprt"
)

// Analyzer reports work that re-queues itself on the nextTick or microtask
// queue without bound.
var Analyzer = &analysis.Analyzer{
	Name:     "starvation",
	Doc:      "report callbacks that re-queue themselves through process.nextTick, queueMicrotask or resolved promises without bound, starving I/O",
	URL:      "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/starvation.md",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, hotpath.Analyzer},
	Run:      run,
}

// hop is one step of a cycle: the queue a callback goes through.
type hop struct {
	queue looprt.Queue
	via   string // as written: process.nextTick, Promise.resolve().then...
}

// queues are the APIs that queue a callback, by binding; .then/.catch/
// .finally on a resolved promise are recognised separately.
var queues = map[bindings.Ref]hop{
	{Module: bindings.Global, Member: "process.nextTick"}: {looprt.QueueNextTick, "process.nextTick"},
	{Module: "process", Member: "nextTick"}:               {looprt.QueueNextTick, "process.nextTick"},
	{Module: bindings.Global, Member: "queueMicrotask"}:   {looprt.QueueMicrotask, "queueMicrotask"},
	{Module: bindings.Global, Member: "setImmediate"}:     {looprt.QueueImmediate, "setImmediate"},
	{Module: "timers", Member: "setImmediate"}:            {looprt.QueueImmediate, "setImmediate"},
	{Module: bindings.Global, Member: "setTimeout"}:       {looprt.QueueTimer, "setTimeout"},
	{Module: "timers", Member: "setTimeout"}:              {looprt.QueueTimer, "setTimeout"},
	{Module: bindings.Global, Member: "setInterval"}:      {looprt.QueueTimer, "setInterval"},
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{m: pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module), b: pass.ResultOf[bindings.Analyzer].(*bindings.Info)}
	h := pass.ResultOf[hotpath.Analyzer].(*hotpath.Info)
	c.nodes = c.m.Nodes()
	c.named = map[*js.Var]int{}
	for i, n := range c.nodes {
		switch x := n.N.(type) {
		case *js.FuncDecl:
			if x.Name != nil {
				c.named[jsast.Resolve(x.Name)] = i
			}
		case *js.VarDecl:
			for _, el := range x.List {
				if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					if f, ok := c.funcIndex(i, el.Default); ok {
						c.named[jsast.Resolve(v)] = f
					}
				}
			}
		}
	}
	report := func(i int, span jsast.Span, format string, args ...any) {
		if h.At(i).Context == hotpath.Exempt {
			return
		}
		c.m.Report(pass, span, "starvation", format, args...)
	}
	for i, n := range c.nodes {
		switch x := n.N.(type) {
		case *js.CallExpr:
			if f, cycle, ok := c.requeue(i, x); ok {
				if s := starves(cycle); s != nil {
					report(i, c.callSpan(i, x), "%s re-queues itself without yielding (%s): the %s never drains, so I/O, timers and immediates never run; batch with setImmediate instead",
						c.name(f), describe(c.name(f), cycle), queueName(s.Queue))
				}
			}
			if ok := c.asyncRecursion(i, x); ok {
				f := c.m.Enclosing(i)
				cycle := []hop{{looprt.QueueMicrotask, "await"}}
				if s := starves(cycle); s != nil {
					report(i, c.callSpan(i, x), "async %s calls itself after awaiting only resolved values (%s): the microtask queue never drains, so I/O never runs; await real I/O or setImmediate between rounds",
						c.name(f), describe(c.name(f), cycle))
				}
			}
		case *js.WhileStmt, *js.DoWhileStmt, *js.ForStmt:
			if c.awaitLoop(i) {
				if s := starves([]hop{{looprt.QueueMicrotask, "await"}}); s != nil {
					span := c.nodes[i].Span
					if k := strings.IndexAny(c.m.Text(span), "\r\n"); k >= 0 {
						span.End = span.Start + k
					}
					report(i, span, "this loop only awaits already-resolved values: each await is a microtask, the queue never drains and I/O, timers and immediates never run; await real I/O or setImmediate (timers/promises) inside it")
				}
			}
		}
	}
	return nil, nil
}

type checker struct {
	m     *jsmodule.Module
	b     *bindings.Info
	nodes []jsast.Node
	named map[*js.Var]int // function name → function node
}

// funcIndex finds the node of a function expression that is a child
// (or the value) of declaration node d.
func (c *checker) funcIndex(d int, e js.IExpr) (int, bool) {
	for j := d + 1; j < int(c.nodes[d].End); j++ {
		if c.nodes[j].N == e {
			switch e.(type) {
			case *js.FuncDecl, *js.ArrowFunc:
				return j, true
			}
			return 0, false
		}
	}
	return 0, false
}

func (c *checker) name(f int) string {
	switch x := c.nodes[f].N.(type) {
	case *js.FuncDecl:
		if x.Name != nil {
			return string(x.Name.Data)
		}
	}
	for v, g := range c.named {
		if g == f {
			return string(v.Data)
		}
	}
	return "this function"
}

// queueOf says whether call x queues a callback, through which queue, and
// which arguments are callbacks.
func (c *checker) queueOf(x *js.CallExpr) (hop, []js.IExpr, bool) {
	var cbs []js.IExpr
	if r, ok := c.b.Of(x.X); ok {
		if h, ok := queues[r]; ok && len(x.Args.List) > 0 {
			return h, []js.IExpr{x.Args.List[0].Value}, true
		}
	}
	d, ok := x.X.(*js.DotExpr)
	if !ok {
		return hop{}, nil, false
	}
	name, _ := d.Y.(js.LiteralExpr)
	switch string(name.Data) {
	case "then", "catch", "finally":
	default:
		return hop{}, nil, false
	}
	if !c.resolved(d.X, 0) {
		return hop{}, nil, false
	}
	for _, a := range x.Args.List {
		cbs = append(cbs, a.Value)
	}
	return hop{looprt.QueueMicrotask, "Promise.resolve()." + string(name.Data)}, cbs, true
}

// resolved reports whether a promise expression is already settled:
// Promise.resolve(...), Promise.reject(...), or a then/catch/finally chain
// on one.
func (c *checker) resolved(e js.IExpr, depth int) bool {
	if depth > 16 {
		return false
	}
	call, ok := ungroup(e).(*js.CallExpr)
	if !ok {
		return false
	}
	if r, ok := c.b.Of(call.X); ok && r.Module == bindings.Global && (r.Member == "Promise.resolve" || r.Member == "Promise.reject") {
		return true
	}
	if d, ok := call.X.(*js.DotExpr); ok {
		if name, _ := d.Y.(js.LiteralExpr); string(name.Data) == "then" || string(name.Data) == "catch" || string(name.Data) == "finally" {
			return c.resolved(d.X, depth+1)
		}
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

// target returns the named function a queued callback runs: the function
// itself, or a function literal whose body calls it directly.
func (c *checker) target(cb js.IExpr, call int) (int, bool) {
	if v, ok := ungroup(cb).(*js.Var); ok {
		f, ok := c.named[jsast.Resolve(v)]
		return f, ok
	}
	for j := call + 1; j < int(c.nodes[call].End); j++ {
		if c.nodes[j].N != cb {
			continue
		}
		switch cb.(type) {
		case *js.ArrowFunc, *js.FuncDecl:
		default:
			return 0, false
		}
		for k := j + 1; k < int(c.nodes[j].End); k++ {
			if inner, ok := c.nodes[k].N.(*js.CallExpr); ok && c.m.Enclosing(k) == j {
				if v, ok := inner.X.(*js.Var); ok {
					if f, ok := c.named[jsast.Resolve(v)]; ok {
						return f, true
					}
				}
			}
		}
		return 0, false
	}
	return 0, false
}

// requeue reports whether call i queues, unconditionally, the function it
// is in: it returns that function and the cycle's hops (the call's queue,
// then the queue of every callback between the call and the function).
func (c *checker) requeue(i int, x *js.CallExpr) (int, []hop, bool) {
	h, cbs, ok := c.queueOf(x)
	if !ok {
		return 0, nil, false
	}
	for _, cb := range cbs {
		f, ok := c.target(cb, i)
		if !ok {
			continue
		}
		cycle := []hop{h}
		// Walk up from the call to f: every function in between must be a
		// callback queued on a known queue, and nothing may guard the call.
		for j := int(c.nodes[i].Parent); j >= 0; j = int(c.nodes[j].Parent) {
			if j == f {
				return f, cycle, !c.exitsEarly(f, i)
			}
			switch p := c.nodes[j].N.(type) {
			case *js.IfStmt, *js.CondExpr, *js.SwitchStmt, *js.WhileStmt, *js.ForStmt, *js.DoWhileStmt:
				return 0, nil, false // guarded: bounded by its condition
			case *js.BinaryExpr:
				if p.Op == js.AndToken || p.Op == js.OrToken || p.Op == js.NullishToken {
					return 0, nil, false
				}
			case *js.ArrowFunc, *js.FuncDecl, *js.MethodDecl:
				par := int(c.nodes[j].Parent)
				if par < 0 {
					return 0, nil, false
				}
				outer, ok := c.nodes[par].N.(*js.CallExpr)
				if !ok {
					return 0, nil, false
				}
				oh, _, ok := c.queueOf(outer)
				if !ok {
					return 0, nil, false // an I/O or event callback: the loop turns
				}
				cycle = append(cycle, oh)
			}
		}
	}
	return 0, nil, false
}

// starves runs the cycle on the event-loop model, next to a pending I/O
// request, and returns the model's starvation report (nil if the loop
// gets to the I/O).
func starves(cycle []hop) *looprt.Starvation {
	rt := looprt.MustNew(looprt.Config{Limits: looprt.Limits{MaxDrain: 1000, MaxSteps: 5000}})
	var step func(k int) looprt.Callback
	step = func(k int) looprt.Callback {
		return looprt.Callback{Label: cycle[k%len(cycle)].via, Fn: func() {
			next := step(k + 1)
			switch cycle[k%len(cycle)].queue {
			case looprt.QueueNextTick:
				rt.NextTick(next)
			case looprt.QueueMicrotask:
				rt.QueueMicrotask(next)
			case looprt.QueueImmediate:
				rt.SetImmediate(next)
			default:
				rt.SetTimeout(next, 0)
			}
		}}
	}
	tr := rt.Run(looprt.Callback{Label: "main", Fn: func() {
		rt.StartIO("fs.stat", looprt.Callback{Label: "I/O callback"})
		step(0).Fn()
	}})
	return tr.Starvation
}

func queueName(q looprt.Queue) string {
	if q == looprt.QueueNextTick {
		return "nextTick queue"
	}
	return "microtask queue"
}

// describe renders a cycle: f → process.nextTick → Promise.resolve().catch → f.
func describe(f string, cycle []hop) string {
	parts := []string{f}
	for k := len(cycle) - 1; k >= 0; k-- {
		parts = append(parts, cycle[k].via)
	}
	return strings.Join(append(parts, f), " → ")
}

// callSpan is the span reported for a call: from the method name for
// promise chains (which may start lines earlier), else the whole call.
func (c *checker) callSpan(i int, x *js.CallExpr) jsast.Span {
	s := c.nodes[i].Span
	if d, ok := x.X.(*js.DotExpr); ok {
		if name, ok := d.Y.(js.LiteralExpr); ok {
			inner := c.m.Span(d.X)
			if k := strings.Index(c.m.Text(jsast.Span{Start: inner.End, End: s.End}), string(name.Data)); k >= 0 {
				s.Start = inner.End + k
			}
		}
	}
	return s
}

// settled reports whether an awaited value is already resolved: a
// literal, undefined, void, or Promise.resolve(...).
func (c *checker) settled(e js.IExpr) bool {
	switch x := ungroup(e).(type) {
	case *js.LiteralExpr:
		return true
	case *js.Var:
		return string(x.Data) == "undefined" && jsast.IsGlobal(x)
	case *js.UnaryExpr:
		return x.Op == js.VoidToken
	case *js.CallExpr:
		r, ok := c.b.Of(x.X)
		return ok && r == bindings.Ref{Module: bindings.Global, Member: "Promise.resolve"}
	}
	return false
}

// awaitLoop reports whether loop i awaits, and only settled values, with
// no constant bound.
func (c *checker) awaitLoop(i int) bool {
	if l, ok := c.nodes[i].N.(*js.ForStmt); ok && l.Cond != nil && l.Post != nil {
		return false // a counting loop ends
	}
	awaits := 0
	for j := i + 1; j < int(c.nodes[i].End); j++ {
		switch x := c.nodes[j].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			j = int(c.nodes[j].End) - 1
		case *js.UnaryExpr:
			if x.Op == js.AwaitToken {
				if !c.settled(x.X) {
					return false
				}
				awaits++
			}
		case *js.ForOfStmt:
			if x.Await {
				return false
			}
		}
	}
	return awaits > 0
}

// asyncRecursion reports whether call i is an async function calling
// itself, unguarded, when every await in it is of a settled value (or of
// the recursive call).
func (c *checker) asyncRecursion(i int, x *js.CallExpr) bool {
	v, ok := x.X.(*js.Var)
	if !ok {
		return false
	}
	f := c.m.Enclosing(i)
	if g, ok := c.named[jsast.Resolve(v)]; !ok || g != f {
		return false
	}
	switch fn := c.nodes[f].N.(type) {
	case *js.FuncDecl:
		if !fn.Async {
			return false
		}
	case *js.ArrowFunc:
		if !fn.Async {
			return false
		}
	default:
		return false
	}
	for j := int(c.nodes[i].Parent); j > f; j = int(c.nodes[j].Parent) {
		switch p := c.nodes[j].N.(type) {
		case *js.IfStmt, *js.CondExpr, *js.SwitchStmt, *js.WhileStmt, *js.ForStmt, *js.DoWhileStmt, *js.TryStmt:
			return false
		case *js.BinaryExpr:
			if p.Op == js.AndToken || p.Op == js.OrToken || p.Op == js.NullishToken {
				return false
			}
		}
	}
	if c.exitsEarly(f, i) {
		return false
	}
	awaits := 0
	for j := f + 1; j < int(c.nodes[f].End); j++ {
		switch y := c.nodes[j].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			j = int(c.nodes[j].End) - 1
		case *js.UnaryExpr:
			if y.Op == js.AwaitToken {
				if c.settled(y.X) {
					awaits++
				} else if ungroup(y.X) != js.IExpr(x) {
					return false
				}
			}
		}
	}
	return awaits > 0
}

// exitsEarly reports whether function f may return or throw before
// reaching call i: a return or throw statement that does not contain the
// call (a base case bounds the recursion).
func (c *checker) exitsEarly(f, i int) bool {
	for j := f + 1; j < int(c.nodes[f].End); j++ {
		switch c.nodes[j].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			j = int(c.nodes[j].End) - 1
		case *js.ReturnStmt, *js.ThrowStmt:
			if !(i > j && i < int(c.nodes[j].End)) {
				return true
			}
		}
	}
	return false
}
