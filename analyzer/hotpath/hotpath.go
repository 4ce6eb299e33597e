// Package hotpath defines an analyzer that decides, for every function of a
// module, whether it runs on the event loop's hot path (after start-up:
// callbacks, handlers, timers, promise reactions, async functions, methods,
// and functions called from those) or only while the module loads (the
// module body, immediately invoked functions, and functions called only
// from start-up code), and describes where it runs for messages.
package hotpath

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
)

// Context is where code runs.
type Context uint8

const (
	// Unknown: a function nothing in the module calls (exported helpers):
	// its callers decide.
	Unknown Context = iota
	// Startup: runs while the module loads.
	Startup
	// Hot: runs after start-up, on the event loop.
	Hot
	// Exempt: runs where blocking is expected: process 'exit' listeners,
	// crash handlers that exit the process, build-time hooks.
	Exempt
	// Worker: runs in a worker_threads worker, off the main loop.
	Worker
)

func (c Context) String() string {
	return [...]string{"unknown", "start-up", "hot path", "exempt", "worker"}[c]
}

// Where is the context of a piece of code and a phrase saying where it is,
// such as "in the callback passed to app.get".
type Where struct {
	Context
	Desc string
	Func int // node index of the innermost function, -1 at top level
	// Inherited is set when the function's context comes from its call
	// sites (a helper called from a handler) rather than from its own
	// syntax and position (the handler itself).
	Inherited bool
}

// Info is the analyzer's result. It is computed on first use: a module
// with nothing to report never asks where its code runs.
type Info struct {
	once    sync.Once
	b       *bindings.Info
	mod     *jsmodule.Module
	funcs   []Where      // by function, in source order
	order   []int        // node index of each function
	workers []jsast.Span // code that runs in a worker thread
	handles map[*js.Var]handle
	// By node index: for a function 1 + its place in funcs, for a call
	// of a local function -(1 + that function's node index), 0 for other
	// nodes. No node is both, and one table costs half the memory of two.
	slot []int32
}

// Analyzer classifies the functions of a module.
var Analyzer = &analysis.Analyzer{
	Name:       "hotpath",
	Doc:        "decide which functions run on the hot path and which only at start-up",
	Requires:   []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	b := pass.ResultOf[bindings.Analyzer].(*bindings.Info)
	return Compute(m, b), nil
}

// At returns the context of the code at node index i.
func (in *Info) At(i int) Where {
	in.once.Do(in.compute)
	return in.within(i, in.mod.Enclosing(i))
}

// within returns the context of the code at node index i, whose enclosing
// function is f.
func (in *Info) within(i, f int) Where {
	if in.inWorker(i) {
		return Where{Context: Worker, Desc: "in a worker thread", Func: f}
	}
	if f < 0 {
		return Where{Context: Startup, Desc: "at module top level", Func: -1}
	}
	return in.funcs[in.slot[f]-1]
}

// Func returns the context of the function at node index f.
func (in *Info) Func(f int) Where {
	in.once.Do(in.compute)
	if f < 0 || f >= len(in.slot) {
		return Where{} // not a node
	}
	if in.inWorker(f) {
		return Where{Context: Worker, Desc: "in a worker thread", Func: f}
	}
	if in.slot[f] <= 0 {
		return Where{} // not a function
	}
	return in.funcs[in.slot[f]-1]
}

func (in *Info) inWorker(i int) bool {
	if len(in.workers) == 0 {
		return false // most modules: no need to load the node
	}
	s := in.mod.Nodes()[i].Span
	for _, w := range in.workers {
		if w.Contains(s) {
			return true
		}
	}
	return false
}

// syncCallbacks are methods that call their callback before returning, so
// the callback runs in its caller's context.
var syncCallbacks = map[string]bool{
	"forEach": true, "map": true, "filter": true, "reduce": true, "reduceRight": true,
	"some": true, "every": true, "find": true, "findIndex": true, "findLast": true,
	"findLastIndex": true, "flatMap": true, "sort": true, "toSorted": true, "replace": true,
	"replaceAll": true, "from": true, "call": true, "apply": true,
}

// bootCallbacks are methods whose callback runs once while the program
// starts, not per request or event: listen(port, cb), Fastify plugins and
// ready hooks, command-line actions.
var bootCallbacks = map[string]string{
	"listen":   "in the callback passed to %s (runs once, when the server starts listening)",
	"register": "in the plugin passed to %s (runs once, while the server boots)",
	"ready":    "in the callback passed to %s (runs once, while the server boots)",
	"after":    "in the callback passed to %s (runs once, while the server boots)",
	"action":   "in the command-line action passed to %s",
}

// buildHooks are exported functions that frameworks call at build time,
// not per request: Next.js, Astro and Gatsby conventions.
var buildHooks = map[string]bool{
	"getStaticProps": true, "getStaticPaths": true, "generateStaticParams": true,
	"createPages": true, "onCreateNode": true, "sourceNodes": true, "onPreBuild": true,
	"onPostBuild": true, "createSchemaCustomization": true, "onCreateWebpackConfig": true,
}

// Relevant reports whether Compute, or the bindings it reads, follows a
// name (str: a string's value) wherever it is: the worker_threads module
// and the names that tell a worker's code, and createRequire, whose
// functions load any module. The rules built on hotpath add it to their
// jstokens.Filter.Relevant.
func Relevant(name string, str bool) bool {
	if str {
		return name == "worker_threads"
	}
	switch name {
	case "isMainThread", "parentPort", "workerData", "createRequire":
		return true
	}
	return false
}

// Compute classifies m's functions.
func Compute(m *jsmodule.Module, b *bindings.Info) *Info {
	return &Info{mod: m, b: b}
}

func (in *Info) compute() {
	m, b := in.mod, in.b
	in.workers = workerRegions(m, b)
	nodes := m.Nodes()
	in.slot = make([]int32, len(nodes))
	// One pass over the nodes classifies the functions from their syntax
	// and finds the handles whose uses byUses follows: on a large bundle
	// the passes themselves, not the few nodes they stop at, are the cost.
	u := &uses{handles: map[*js.Var]handle{}}
	var open openFuncs
	for i := range nodes {
		switch n := nodes[i].N.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
			// In pre-order the enclosing function, which direct may
			// read, is already classified.
			outer := -1
			if k := open.innermost(nodes, i, in.order); k >= 0 {
				outer = in.order[k]
			}
			in.function(i, outer, u)
		case *js.ClassDecl:
			u.class(m, i, n)
		case *js.VarDecl:
			u.objects(m, i, n)
		case *js.ExportStmt:
			u.export(m, n)
		}
	}
	in.byUses(b, u)
}

// function classifies function node i, whose enclosing function is outer
// (-1 if none), and declares its handle, if it has one.
func (in *Info) function(i, outer int, u *uses) {
	m := in.mod
	n := m.Nodes()[i]
	parent := int(n.Parent)
	v, own := handleOf(m, i, parent)
	var name string
	if v != nil {
		name = string(v.Data)
	}
	exported := exportedName(m, i, parent)
	in.funcs = append(in.funcs, in.direct(i, outer, v, name, exported))
	in.order = append(in.order, i)
	in.slot[i] = int32(len(in.funcs))
	if v != nil {
		// Only its own name (export function f) marks a function
		// exported here, not the variable it is assigned to.
		u.add(v, &fnUses{node: i, name: name, async: IsAsync(n.N), exported: own && exported != ""})
	}
}

// openFuncs finds the function around nodes asked about in source order:
// a pass that visits the nodes in order keeps the functions open at the
// current node on a stack rather than look each node up in jsast's table
// of every node's enclosing function, a cache miss apiece.
type openFuncs struct {
	stack []int // places in funcs of the open functions, innermost last
	met   int   // how many functions the stack has seen
}

// innermost returns the place in order (the functions in source order, up
// to at least node i) of the function around node i, -1 if none. i must
// not decrease from one call to the next.
func (o *openFuncs) innermost(nodes []jsast.Node, i int, order []int) int {
	for ; o.met < len(order) && order[o.met] < i; o.met++ {
		o.close(nodes, order, order[o.met])
		o.stack = append(o.stack, o.met)
	}
	o.close(nodes, order, i)
	if len(o.stack) == 0 {
		return -1
	}
	return o.stack[len(o.stack)-1]
}

// close pops the functions that end before node i.
func (o *openFuncs) close(nodes []jsast.Node, order []int, i int) {
	for len(o.stack) > 0 && int(nodes[order[o.stack[len(o.stack)-1]]].End) <= i {
		o.stack = o.stack[:len(o.stack)-1]
	}
}

func isFunc(n js.INode) bool {
	switch n.(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
		return true
	}
	return false
}

// direct classifies function node i from its own syntax and position:
// outer is its enclosing function, handle the variable that names it (see
// handleOf) and exported its exported name. Functions whose uses decide
// (named functions, constructors, functions stored in a local object) are
// refined by byUses.
func (in *Info) direct(i, outer int, handle *js.Var, name, exported string) Where {
	m, b := in.mod, in.b
	nodes := m.Nodes()
	n := nodes[i]
	w := Where{Func: i}
	parent := int(n.Parent)
	enclosing := func() Where {
		e := in.within(i, outer)
		e.Func = i
		return e
	}
	if parent >= 0 {
		switch p := nodes[parent].N.(type) {
		case *js.CallExpr:
			if p.X == n.N { // immediately invoked
				return enclosing()
			}
			callee := calleeName(m, b, parent, p.X)
			last := lastName(p.X)
			if syncCallbacks[last] {
				return enclosing()
			}
			if isExitListener(m, b, p) {
				return Where{Context: Exempt, Desc: "in a process 'exit' listener (which must be synchronous)", Func: i}
			}
			if isCrashHandler(m, b, p, i) {
				return Where{Context: Exempt, Desc: "in a handler that exits the process", Func: i}
			}
			if desc, ok := bootCallbacks[last]; ok && (last != "listen" || p.Args.List[len(p.Args.List)-1].Value == n.N) {
				if _, isDot := p.X.(*js.DotExpr); isDot {
					e := enclosing()
					if e.Context == Startup {
						return Where{Context: Startup, Desc: fmt.Sprintf(desc, callee), Func: i}
					}
				}
			}
			w.Context, w.Desc = Hot, "in the callback passed to "+callee
			return w
		case *js.NewExpr:
			if r, ok := b.Of(p.X); ok && r.Module == bindings.Global && r.Member == "Promise" {
				return enclosing() // the executor runs synchronously
			}
			w.Context, w.Desc = Hot, "in the callback passed to new "+calleeName(m, b, parent, p.X)
			return w
		case *js.GroupExpr:
			if gp := nodes[parent].Parent; gp >= 0 {
				if c, ok := nodes[gp].N.(*js.CallExpr); ok && c.X == nodes[parent].N {
					return enclosing() // (function () { ... })()
				}
			}
		}
	}
	if exported != "" && buildHooks[exported] {
		return Where{Context: Exempt, Desc: "in " + exported + ", which runs at build time", Func: i}
	}
	async := IsAsync(n.N)
	if _, ok := n.N.(*js.MethodDecl); ok {
		name := m.Text(nodeSpanOfName(m, i))
		if _, inClass := nodes[parent].N.(*js.ClassDecl); inClass && name == "constructor" {
			return Where{Context: Unknown, Desc: "in a constructor", Func: i}
		}
		if async {
			return Where{Context: Hot, Desc: "in async method " + name, Func: i}
		}
		return Where{Context: Hot, Desc: "in method " + name, Func: i}
	}
	if handle != nil {
		return named(name, async, i)
	}
	if async {
		return Where{Context: Hot, Desc: "in an async function", Func: i}
	}
	// A function stored in an object, exported or assigned to a property:
	// whoever calls it does so after start-up.
	return Where{Context: Hot, Desc: "in a function called after start-up", Func: i}
}

// named is the initial context of a named function: async functions are
// hot unless their uses say otherwise, others are decided by their uses.
func named(name string, async bool, i int) Where {
	if async {
		return Where{Context: Hot, Desc: "in async function " + name, Func: i}
	}
	return Where{Context: Unknown, Desc: "in function " + name, Func: i}
}

// IsAsync reports whether n is an async function, arrow or method.
func IsAsync(n js.INode) bool {
	switch f := n.(type) {
	case *js.FuncDecl:
		return f.Async
	case *js.ArrowFunc:
		return f.Async
	case *js.MethodDecl:
		return f.Async
	}
	return false
}

// handleOf returns the variable that names function node i, if any: its
// own name (own is then set), or the variable it initialises or is
// assigned to. Methods have none.
func handleOf(m *jsmodule.Module, i, parent int) (v *js.Var, own bool) {
	switch f := m.Nodes()[i].N.(type) {
	case *js.FuncDecl:
		if f.Name != nil {
			return f.Name, true
		}
	case *js.ArrowFunc:
	default:
		return nil, false
	}
	return assignedTo(m, i, parent), false
}

// assignedTo returns the variable a function expression initialises
// (const f = function () {}) or is assigned to (f = () => {}), if any.
func assignedTo(m *jsmodule.Module, i, parent int) *js.Var {
	if parent < 0 || i == 0 {
		return nil
	}
	nodes := m.Nodes()
	switch p := nodes[parent].N.(type) {
	case *js.VarDecl:
		// The node list holds the declared name right before its initialiser.
		if v, ok := nodes[i-1].N.(*js.Var); ok && nodes[i-1].Binding && int(nodes[i-1].Parent) == parent {
			return v
		}
	case *js.BinaryExpr:
		if v, ok := p.X.(*js.Var); ok && p.Op == js.EqToken && p.Y == nodes[i].N {
			return v
		}
	}
	return nil
}

func nodeSpanOfName(m *jsmodule.Module, i int) jsast.Span {
	s := m.Nodes()[i].Span
	src := m.Src[s.Start:s.End]
	for k, c := range src {
		if c == '(' {
			return jsast.Span{Start: s.Start, End: s.Start + k}
		}
	}
	return s
}

func lastName(x js.IExpr) string {
	switch x := x.(type) {
	case *js.DotExpr:
		if l, ok := x.Y.(js.LiteralExpr); ok {
			return string(l.Data)
		}
	case *js.Var:
		return string(x.Data)
	}
	return ""
}

// calleeName renders the callee of the call or new expression at node
// index call for messages: app.get, setTimeout...
func calleeName(m *jsmodule.Module, b *bindings.Info, call int, x js.IExpr) string {
	var text string
	// In pre-order the callee is the first child, right after the call.
	if nodes := m.Nodes(); call+1 < len(nodes) && int(nodes[call+1].Parent) == call {
		text = m.Text(nodes[call+1].Span)
	}
	if len(text) > 40 || text == "" {
		if r, ok := b.Of(x); ok {
			return r.String()
		}
		if last := lastName(x); last != "" {
			return last
		}
		return "a function"
	}
	return text
}

// isExitListener recognises process.on('exit', fn) and once.
func isExitListener(m *jsmodule.Module, b *bindings.Info, call *js.CallExpr) bool {
	r, ok := b.Of(call.X)
	if !ok || len(call.Args.List) < 2 {
		return false
	}
	if !(r.Module == bindings.Global && (r.Member == "process.on" || r.Member == "process.once" || r.Member == "process.addListener")) &&
		!(r.Module == "process" && (r.Member == "on" || r.Member == "once")) {
		return false
	}
	l, ok := call.Args.List[0].Value.(*js.LiteralExpr)
	return ok && (string(l.Data) == "'exit'" || string(l.Data) == `"exit"`)
}
