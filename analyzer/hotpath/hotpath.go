// Package hotpath defines an analyzer that decides, for every function of a
// module, whether it runs on the event loop's hot path (after start-up:
// callbacks, handlers, timers, promise reactions, async functions, methods,
// and functions called from those) or only while the module loads (the
// module body, immediately invoked functions, and functions called only
// from start-up code), and describes where it runs for messages.
package hotpath

import (
	"reflect"

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
	// Exempt: runs where blocking is expected (process 'exit' listeners).
	Exempt
)

func (c Context) String() string {
	return [...]string{"unknown", "start-up", "hot path", "exempt"}[c]
}

// Where is the context of a piece of code and a phrase saying where it is,
// such as "in the callback passed to app.get".
type Where struct {
	Context
	Desc string
	Func int // node index of the innermost function, -1 at top level
}

// Info is the analyzer's result.
type Info struct {
	mod   *jsmodule.Module
	funcs map[int]Where // by node index of the function
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
	f := in.mod.Enclosing(i)
	if f < 0 {
		return Where{Context: Startup, Desc: "at module top level", Func: -1}
	}
	return in.funcs[f]
}

// Func returns the context of the function at node index f.
func (in *Info) Func(f int) Where { return in.funcs[f] }

// syncCallbacks are methods that call their callback before returning, so
// the callback runs in its caller's context.
var syncCallbacks = map[string]bool{
	"forEach": true, "map": true, "filter": true, "reduce": true, "reduceRight": true,
	"some": true, "every": true, "find": true, "findIndex": true, "findLast": true,
	"findLastIndex": true, "flatMap": true, "sort": true, "toSorted": true, "replace": true,
	"replaceAll": true, "from": true,
}

// Compute classifies m's functions.
func Compute(m *jsmodule.Module, b *bindings.Info) *Info {
	in := &Info{mod: m, funcs: map[int]Where{}}
	nodes := m.Nodes()
	// Named functions are classified by their call sites.
	named := map[*js.Var]int{}  // variable → function node
	pending := map[int]*js.Var{} // function node → its name, when its call sites decide
	for i := range nodes {
		if !isFunc(nodes[i].N) {
			continue
		}
		w, name := in.direct(i, b)
		in.funcs[i] = w
		if name != nil {
			named[jsast.Resolve(name)] = i
			pending[i] = name
		}
	}
	// Propagate along calls to named functions until nothing changes.
	for round := 0; round < 16; round++ {
		changed := false
		for i := range nodes {
			call, ok := nodes[i].N.(*js.CallExpr)
			if !ok {
				continue
			}
			v, ok := call.X.(*js.Var)
			if !ok {
				continue
			}
			f, ok := named[jsast.Resolve(v)]
			if !ok || pending[f] == nil {
				continue
			}
			caller := in.At(i)
			cur := in.funcs[f]
			if rank(caller.Context) > rank(cur.Context) {
				desc := "in function " + string(v.Data) + ", called " + caller.Desc
				in.funcs[f] = Where{Context: caller.Context, Desc: desc, Func: f}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Functions nested in a function inherit start-up/exempt context only
	// through calls; otherwise a nested function keeps its own.
	return in
}

func rank(c Context) int {
	switch c {
	case Hot:
		return 3
	case Exempt:
		return 2
	case Startup:
		return 1
	}
	return 0
}

func isFunc(n js.INode) bool {
	switch n.(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
		return true
	}
	return false
}

// direct classifies function node i from its own syntax and position; it
// returns the function's name when call sites must decide.
func (in *Info) direct(i int, b *bindings.Info) (Where, *js.Var) {
	m := in.mod
	nodes := m.Nodes()
	n := nodes[i]
	w := Where{Func: i}
	parent := -1
	if n.Parent >= 0 {
		parent = int(n.Parent)
	}
	enclosing := func() Where {
		e := in.At(i)
		e.Func = i
		return e
	}
	if parent >= 0 {
		switch p := nodes[parent].N.(type) {
		case *js.CallExpr:
			if p.X == n.N { // immediately invoked
				return enclosing(), nil
			}
			callee := calleeName(m, b, p.X)
			if last := lastName(p.X); syncCallbacks[last] {
				return enclosing(), nil
			}
			if isExitListener(m, b, p) {
				return Where{Context: Exempt, Desc: "in a process 'exit' listener (which must be synchronous)", Func: i}, nil
			}
			w.Context, w.Desc = Hot, "in the callback passed to "+callee
			return w, nil
		case *js.NewExpr:
			if r, ok := b.Of(p.X); ok && r.Module == bindings.Global && r.Member == "Promise" {
				return enclosing(), nil // the executor runs synchronously
			}
			w.Context, w.Desc = Hot, "in the callback passed to new "+calleeName(m, b, p.X)
			return w, nil
		case *js.GroupExpr:
			if gp := nodes[parent].Parent; gp >= 0 {
				if c, ok := nodes[gp].N.(*js.CallExpr); ok && c.X == nodes[parent].N {
					return enclosing(), nil // (function () { ... })()
				}
			}
		}
	}
	switch f := n.N.(type) {
	case *js.MethodDecl:
		name := m.Text(nodeSpanOfName(m, i))
		if f.Async {
			return Where{Context: Hot, Desc: "in async method " + name, Func: i}, nil
		}
		return Where{Context: Hot, Desc: "in method " + name, Func: i}, nil
	case *js.FuncDecl:
		if f.Name != nil {
			if f.Async {
				return Where{Context: Hot, Desc: "in async function " + string(f.Name.Data), Func: i}, nil
			}
			return Where{Context: Unknown, Desc: "in function " + string(f.Name.Data), Func: i}, f.Name
		}
		if v := assignedTo(m, i, parent); v != nil {
			if f.Async {
				return Where{Context: Hot, Desc: "in async function " + string(v.Data), Func: i}, nil
			}
			return Where{Context: Unknown, Desc: "in function " + string(v.Data), Func: i}, v
		}
		if f.Async {
			return Where{Context: Hot, Desc: "in an async function", Func: i}, nil
		}
	case *js.ArrowFunc:
		if v := assignedTo(m, i, parent); v != nil {
			if f.Async {
				return Where{Context: Hot, Desc: "in async function " + string(v.Data), Func: i}, nil
			}
			return Where{Context: Unknown, Desc: "in function " + string(v.Data), Func: i}, v
		}
		if f.Async {
			return Where{Context: Hot, Desc: "in an async function", Func: i}, nil
		}
	}
	// A function stored in an object, exported or assigned to a property:
	// whoever calls it does so after start-up.
	return Where{Context: Hot, Desc: "in a function called after start-up", Func: i}, nil
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

// calleeName renders a callee for messages: app.get, setTimeout...
func calleeName(m *jsmodule.Module, b *bindings.Info, x js.IExpr) string {
	s := m.Span(x)
	text := m.Text(s)
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
