package hotpath

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
)

// fnUses are the uses of a function that has a handle: a name, a class
// (its constructor), or a property of a local object.
type fnUses struct {
	node     int
	name     string
	async    bool
	object   bool       // a property of a local object
	calls    []callSite // call (or new) expressions that call it
	escape   string     // where it is passed or stored, if anywhere
	exported bool
	// Descriptions, made once while the contexts settle.
	escaped, asyncDesc, afterStart, plain, called *desc
}

// callSite is a call of a function with a handle.
type callSite struct {
	node int32 // the call (or new) expression
	fn   int32 // the place in funcs of the function around it, -1 at top level
}

// handle is what a variable names: a function, a local object whose
// properties are functions, or both.
type handle struct {
	fn    *fnUses
	props map[string]*fnUses
}

// uses collects the functions with handles, by variable (resolved) and in
// the order they are declared, which is the order they settle in.
type uses struct {
	handles map[*js.Var]handle
	filter  varFilter // the handles
	fns     []*fnUses
}

// add declares v as the handle of f unless it already names a function.
func (u *uses) add(v *js.Var, f *fnUses) {
	if v = jsast.Resolve(v); v != nil {
		if h := u.handles[v]; h.fn == nil {
			h.fn = f
			u.set(v, h)
			u.fns = append(u.fns, f)
		}
	}
}

// set records what v names.
func (u *uses) set(v *js.Var, h handle) {
	u.handles[v] = h
	u.filter.add(v)
}

// class declares the name of class node i as the handle of its constructor.
func (u *uses) class(m *jsmodule.Module, i int, n *js.ClassDecl) {
	if n.Name == nil {
		return
	}
	nodes := m.Nodes()
	for _, k := range m.Children(i) {
		if md, ok := nodes[k].N.(*js.MethodDecl); ok && m.Text(nodeSpanOfName(m, k)) == "constructor" {
			u.add(n.Name, &fnUses{node: k, name: string(n.Name.Data) + " constructor", exported: exportedName(m, i, int(nodes[i].Parent)) != "", async: md.Async})
		}
	}
}

// objects declares the variables of declaration node i initialised with
// an object literal as handles of the functions among its properties.
func (u *uses) objects(m *jsmodule.Module, i int, n *js.VarDecl) {
	nodes := m.Nodes()
	// An initialiser is a child of its declaration: the node list, read
	// in order anyway, tells the many declarations without an object
	// literal, whose syntax tree is not then fetched.
	k := i + 1
	for ; k < int(nodes[i].End); k = int(nodes[k].End) {
		if _, ok := nodes[k].N.(*js.ObjectExpr); ok {
			break
		}
	}
	if k >= int(nodes[i].End) {
		return
	}
	for _, el := range n.List {
		v, ok := el.Binding.(*js.Var)
		obj, ok2 := el.Default.(*js.ObjectExpr)
		if !ok || !ok2 {
			continue
		}
		props := map[string]*fnUses{}
		// The values are children of the object, in order: look
		// each up from the last one found, not from the declaration.
		next, end := 0, 0
		if o, ok := m.Find(i, obj); ok {
			next, end = o+1, int(nodes[o].End)
		}
		for _, p := range obj.List {
			if !isFunc(p.Value) {
				continue
			}
			k, ok := -1, false
			for c := next; c < end; c = int(nodes[c].End) {
				if nodes[c].N == p.Value {
					k, ok, next = c, true, int(nodes[c].End)
					break
				}
			}
			if !ok {
				if k, ok = m.Find(i, p.Value); !ok {
					continue
				}
			}
			if name, ok := propertyName(m, k, p); ok {
				f := &fnUses{node: k, name: string(v.Data) + "." + name, async: IsAsync(p.Value), object: true}
				props[name] = f
				u.fns = append(u.fns, f)
			}
		}
		if len(props) > 0 {
			rv := jsast.Resolve(v)
			h := u.handles[rv]
			h.props = props
			u.set(rv, h)
		}
	}
}

// export marks the functions an export list names, among those declared
// so far, as exported.
func (u *uses) export(m *jsmodule.Module, n *js.ExportStmt) {
	for _, a := range n.List {
		name := a.Name // export { local as exported }
		if name == nil {
			name = a.Binding
		}
		for _, v := range m.AST.BlockStmt.Scope.Declared {
			if string(v.Data) == string(name) {
				if f := u.handles[jsast.Resolve(v)].fn; f != nil {
					f.exported = true
				}
			}
		}
	}
}

// byUses refines the context of functions with handles from how they are
// used: passed as a callback or stored → hot; exported → its importers
// decide (unknown, hot if async); called → the most demanding context of
// its callers. It iterates to a fixed point, bounded.
func (in *Info) byUses(b *bindings.Info, u *uses) {
	m := in.mod
	nodes := m.Nodes()
	in.handles = u.handles
	// Record every use.
	var open openFuncs
	for i := range nodes {
		v, ok := nodes[i].N.(*js.Var)
		if !ok || nodes[i].Binding {
			continue
		}
		v = jsast.Resolve(v)
		if !u.filter.may(v) {
			continue
		}
		h, ok := u.handles[v]
		if !ok {
			continue
		}
		fn := open.innermost(nodes, i, in.order)
		if h.fn != nil {
			in.use(b, h.fn, i, fn)
		}
		if props := h.props; props != nil {
			p := int(nodes[i].Parent)
			if p >= 0 {
				if dot, ok := nodes[p].N.(*js.DotExpr); ok && dot.X == nodes[i].N {
					if f := props[lastName(dot)]; f != nil {
						in.use(b, f, p, fn)
					}
					continue
				}
			}
			exported := exportContext(m, i)
			for _, f := range props {
				if exported {
					f.exported = true
				} else if f.escape == "" {
					f.escape = "stored in " + string(v.Data)
				}
			}
		}
	}
	in.settle(u.fns)
	// Hot and unknown functions that look like request handlers are hot.
	for k, w := range in.funcs {
		if i := in.order[k]; w.Context == Unknown && handlerSignature(nodes[i].N) {
			in.funcs[k] = Where{Context: Hot, Desc: w.Desc + " (a request handler by its parameters)", Func: i}
		}
	}
}

// varFilter rules out most variables that are not handles without a map
// lookup (most variables name no function): it holds the declaration kinds
// and name lengths of the handles, a bit for each length by kind.
type varFilter [8]uint64

func (f *varFilter) add(v *js.Var) {
	k, bit := f.key(v)
	f[k] |= bit
}

// may reports whether v may be a handle.
func (f *varFilter) may(v *js.Var) bool {
	k, bit := f.key(v)
	return f[k]&bit != 0
}

func (f *varFilter) key(v *js.Var) (int, uint64) {
	return int(v.Decl) % len(f), 1 << min(len(v.Data), 63) // longer names share the last bit
}

// propertyName returns the name of an object literal's property: its key,
// or a method's own name; k is the node index of its value.
func propertyName(m *jsmodule.Module, k int, p js.Property) (string, bool) {
	if p.Value == nil || p.Spread {
		return "", false
	}
	if p.Name != nil {
		if p.Name.Computed != nil {
			return "", false
		}
		return string(p.Name.Literal.Data), true
	}
	if _, ok := p.Value.(*js.MethodDecl); ok {
		return m.Text(nodeSpanOfName(m, k)), true
	}
	return "", false
}

// Callee returns the local function (its node index) that the call or new
// expression at node index call calls, or that it passes to a method such
// as forEach which calls it at once.
func (in *Info) Callee(call int) (int, bool) {
	in.once.Do(in.compute)
	if call >= 0 && call < len(in.slot) && in.slot[call] < 0 {
		return int(-in.slot[call]) - 1, true
	}
	return 0, false
}

// FuncOf returns the function (node index) a variable names: a function
// declaration or a variable initialised with a function, or for a class
// its constructor.
func (in *Info) FuncOf(v *js.Var) (int, bool) {
	in.once.Do(in.compute)
	if f := in.handles[jsast.Resolve(v)].fn; f != nil {
		return f.node, true
	}
	return 0, false
}

// use records the use of f by the expression at node i, in the function at
// place fn in funcs (-1 at top level).
func (in *Info) use(b *bindings.Info, f *fnUses, i, fn int) {
	m := in.mod
	nodes := m.Nodes()
	p := int(nodes[i].Parent)
	if p < 0 {
		return
	}
	switch pn := nodes[p].N.(type) {
	case *js.CallExpr:
		if pn.X == nodes[i].N {
			in.call(f, p, fn)
			return
		}
		if last := lastName(pn.X); syncCallbacks[last] {
			in.call(f, p, fn)
			return
		}
		if f.escape == "" {
			f.escape = "passed to " + calleeName(m, b, p, pn.X)
		}
		return
	case *js.NewExpr:
		if pn.X == nodes[i].N {
			in.call(f, p, fn)
			return
		}
	case *js.ExprStmt:
		return // a bare reference does nothing
	}
	if exportContext(m, i) {
		f.exported = true
		return
	}
	if f.escape == "" {
		f.escape = "used as a value"
	}
}

// call records that the call (or new) expression at node index c, in the
// function at place fn in funcs, calls f.
func (in *Info) call(f *fnUses, c, fn int) {
	f.calls = append(f.calls, callSite{int32(c), int32(fn)})
	in.slot[c] = -(int32(f.node) + 1)
}

// settle computes the contexts of fns from their uses and the contexts of
// their callers, round by round until no context changes (at most 16
// rounds). Each function's new context is seen by the functions after it
// in the same round. Descriptions are chains of phrases ("in function f,
// called " + the caller's description) joined once the rounds are over: a
// description that changes alone does not need another round, so a
// function may keep a caller's description of an earlier round.
func (in *Info) settle(fns []*fnUses) {
	// The state of every function a round reads or writes, by slot: the
	// functions with uses, their callers, and the two contexts of call
	// sites outside any function.
	var states []state
	slots := make([]int32, len(in.funcs)) // by function: 1 + its slot, 0 if none
	// slot returns the slot of the function at place o in funcs.
	slot := func(o int32) int32 {
		if slots[o] == 0 {
			w := in.funcs[o]
			states = append(states, state{w.Context, w.Inherited, &desc{head: w.Desc}})
			slots[o] = int32(len(states))
		}
		return slots[o] - 1
	}
	states = append(states,
		state{Startup, false, &desc{head: "at module top level"}},
		state{Worker, false, &desc{head: "in a worker thread"}})
	const topLevel, worker = 0, 1
	own := make([]int32, len(fns))
	// The callers of fns[j] are callers[from[j]:from[j+1]].
	var callers []int32
	from := make([]int32, len(fns)+1)
	for j, f := range fns {
		o := in.slot[f.node] - 1
		own[j] = slot(o)
		for _, c := range f.calls {
			switch {
			case c.fn == o:
				continue // recursion
			case in.inWorker(int(c.node)):
				callers = append(callers, worker)
			case c.fn < 0:
				callers = append(callers, topLevel)
			default:
				callers = append(callers, slot(c.fn))
			}
		}
		from[j+1] = int32(len(callers))
	}
	for round := 0; round < 16; round++ {
		changed := false
		for j, f := range fns {
			old := states[own[j]]
			w := f.contextOf(old, callers[from[j]:from[j+1]], states)
			states[own[j]] = w
			if w.Context != old.Context || w.Inherited != old.Inherited {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for j, f := range fns {
		w := states[own[j]]
		in.funcs[in.slot[f.node]-1] = Where{Context: w.Context, Desc: w.desc.String(), Func: f.node, Inherited: w.Inherited}
	}
}

// state is a function's context while the contexts settle.
type state struct {
	Context
	Inherited bool
	desc      *desc
}

// desc is a description: head followed by tail's description, if any.
type desc struct {
	head string
	tail *desc
}

func (d *desc) String() string {
	if d.tail == nil {
		return d.head
	}
	n := 0
	for e := d; e != nil; e = e.tail {
		n += len(e.head)
	}
	var b strings.Builder
	b.Grow(n)
	for e := d; e != nil; e = e.tail {
		b.WriteString(e.head)
	}
	return b.String()
}

// contextOf computes f's context from its current one, its uses and the
// states of its callers (slots, recursive calls left out).
func (f *fnUses) contextOf(cur state, callers []int32, states []state) state {
	if cur.Context == Exempt || cur.Context == Worker {
		return cur
	}
	if f.escape != "" {
		return state{Hot, false, leaf(&f.escaped, "in function ", f.name, ", ", f.escape)}
	}
	var best state
	found := false
	for _, k := range callers {
		if w := states[k]; !found || rank(w.Context) > rank(best.Context) {
			best, found = w, true
		}
	}
	if found && best.Context != Unknown {
		if f.called == nil || f.called.tail != best.desc {
			f.called = &desc{head: "in function " + f.name + ", called ", tail: best.desc}
		}
		return state{best.Context, true, f.called}
	}
	if f.async && (len(f.calls) == 0 || f.exported) {
		return state{Hot, false, leaf(&f.asyncDesc, "in async function ", f.name)}
	}
	if f.object && len(f.calls) == 0 && !f.exported {
		return state{Hot, false, leaf(&f.afterStart, "in function ", f.name, ", called after start-up")}
	}
	return state{Unknown, false, leaf(&f.plain, "in function ", f.name)}
}

// leaf returns *d, made on first use from the parts of its text.
func leaf(d **desc, parts ...string) *desc {
	if *d == nil {
		*d = &desc{head: strings.Join(parts, "")}
	}
	return *d
}

// handlerSignature recognises request-handler parameter lists: (req, res),
// (request, reply), (ctx, next)...
func handlerSignature(n js.INode) bool {
	var params js.Params
	switch f := n.(type) {
	case *js.FuncDecl:
		params = f.Params
	case *js.ArrowFunc:
		params = f.Params
	case *js.MethodDecl:
		params = f.Params
	default:
		return false
	}
	name := func(k int) string {
		if k < len(params.List) {
			if v, ok := params.List[k].Binding.(*js.Var); ok {
				return string(v.Data)
			}
		}
		return ""
	}
	switch name(0) + "," + name(1) {
	case "req,res", "request,response", "request,reply", "req,reply", "ctx,next", "req,resp":
		return true
	}
	return false
}

func rank(c Context) int {
	switch c {
	case Hot:
		return 4
	case Exempt:
		return 3
	case Worker:
		return 2
	case Startup:
		return 1
	}
	return 0
}

// exportContext reports whether the expression at node i is exported:
// the value (or inside an object literal that is the value) of
// module.exports, exports.x, or an export statement.
func exportContext(m *jsmodule.Module, i int) bool {
	nodes := m.Nodes()
	for p := nodes[i].Parent; p >= 0; p = nodes[p].Parent {
		switch pn := nodes[p].N.(type) {
		case *js.ObjectExpr, *js.GroupExpr:
			continue
		case *js.ExportStmt:
			return true
		case *js.BinaryExpr:
			return pn.Op == js.EqToken && isExportsTarget(pn.X)
		}
		return false
	}
	return false
}

// exportedName returns the exported name of function node i, if it is
// exported directly (export function f, exports.f = function, module.exports.f = ...).
func exportedName(m *jsmodule.Module, i, parent int) string {
	nodes := m.Nodes()
	if parent < 0 {
		return ""
	}
	switch p := nodes[parent].N.(type) {
	case *js.ExportStmt:
		if f, ok := nodes[i].N.(*js.FuncDecl); ok && f.Name != nil {
			return string(f.Name.Data)
		}
		return "default"
	case *js.BinaryExpr:
		if p.Op == js.EqToken && isExportsTarget(p.X) {
			if d, ok := p.X.(*js.DotExpr); ok {
				return lastName(d)
			}
		}
	case *js.VarDecl:
		if gp := nodes[parent].Parent; gp >= 0 {
			if _, ok := nodes[gp].N.(*js.ExportStmt); ok {
				if v := assignedTo(m, i, parent); v != nil {
					return string(v.Data)
				}
			}
		}
	}
	return ""
}

// isExportsTarget recognises module.exports, exports.x and module.exports.x.
func isExportsTarget(x js.IExpr) bool {
	d, ok := x.(*js.DotExpr)
	if !ok {
		return false
	}
	if v, ok := d.X.(*js.Var); ok {
		return string(v.Data) == "exports" || string(v.Data) == "module" && lastName(d) == "exports"
	}
	return isExportsTarget(d.X)
}

// isCrashHandler recognises process.on('uncaughtException' | signal, fn)
// where fn itself calls process.exit: writing synchronously right before
// exiting is what such handlers must do.
func isCrashHandler(m *jsmodule.Module, b *bindings.Info, call *js.CallExpr, fn int) bool {
	r, ok := b.Of(call.X)
	if !ok || len(call.Args.List) < 2 || r.Module != bindings.Global ||
		r.Member != "process.on" && r.Member != "process.once" && r.Member != "process.addListener" {
		return false
	}
	l, ok := call.Args.List[0].Value.(*js.LiteralExpr)
	if !ok {
		return false
	}
	switch ev, _ := resolve.StringValue(l.Data); ev {
	case "uncaughtException", "unhandledRejection", "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR2", "beforeExit":
	default:
		return false
	}
	nodes := m.Nodes()
	for k := fn + 1; k < int(nodes[fn].End); k++ {
		c, ok := nodes[k].N.(*js.CallExpr)
		if !ok {
			continue
		}
		if r, ok := b.Of(c.X); ok && r.Module == bindings.Global && (r.Member == "process.exit" || r.Member == "process.abort") {
			// Only exits made by the handler itself, not by a callback in it.
			if enclosingFunc(nodes, k) == fn {
				return true
			}
		}
	}
	return false
}

func enclosingFunc(nodes []jsast.Node, i int) int {
	for p := nodes[i].Parent; p >= 0; p = nodes[p].Parent {
		if isFunc(nodes[p].N) {
			return int(p)
		}
	}
	return -1
}

// workerRegions finds the code that runs in a worker thread: the branch of
// an isMainThread test that is not the main thread's, or the whole module
// when it uses parentPort or workerData without testing isMainThread.
func workerRegions(m *jsmodule.Module, b *bindings.Info) []jsast.Span {
	if !b.Mentions("worker_threads") {
		return nil // neither test nor worker API can name it: no pass over the nodes
	}
	nodes := m.Nodes()
	var regions []jsast.Span
	tests, workerAPI := false, false
	isMain := func(e js.IExpr) bool {
		r, ok := b.Of(e)
		return ok && r.Module == "worker_threads" && r.Member == "isMainThread"
	}
	bound := b.Binds("worker_threads")
	var whole jsast.Span
	for i := range nodes {
		if i == 0 || nodes[i].Span.End > whole.End {
			whole.End = nodes[i].Span.End
		}
		switch n := nodes[i].N.(type) {
		case *js.Var:
			// Only a variable bound to the module can hold one of its members.
			if nodes[i].Binding || !bound {
				continue
			}
			if r, ok := b.Of(n); ok && r.Module == "worker_threads" && (r.Member == "parentPort" || r.Member == "workerData") {
				workerAPI = true
			}
		case *js.DotExpr:
			if !workerMember(n.Y) {
				continue // resolving the object cannot make it parentPort
			}
			if r, ok := b.Of(n); ok && r.Module == "worker_threads" && (r.Member == "parentPort" || r.Member == "workerData") {
				workerAPI = true
			}
		case *js.IfStmt:
			cond := n.Cond
			negated := false
			if u, ok := cond.(*js.UnaryExpr); ok && u.Op == js.NotToken {
				cond, negated = u.X, true
			}
			if !isMain(cond) {
				continue
			}
			tests = true
			var branch js.IStmt = n.Else
			if negated {
				branch = n.Body
			}
			for _, k := range m.Children(i) {
				if nodes[k].N == branch {
					regions = append(regions, nodes[k].Span)
				}
			}
		}
	}
	if !tests && workerAPI {
		regions = append(regions, whole)
	}
	return regions
}

// workerMember reports whether a property name is parentPort or workerData.
func workerMember(y js.IExpr) bool {
	name, _ := bindings.DotName(y)
	return name == "parentPort" || name == "workerData"
}
