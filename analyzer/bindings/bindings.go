// Package bindings defines an analyzer that tracks which variables hold a
// module or a member of one, so rules match the binding, not the name:
// fs.readFileSync is found whatever the import form (require, node:
// prefix, import default/namespace/named with rename, destructuring with
// rename and defaults, require inside functions, module.createRequire),
// and through re-assignment to other variables; a local function that
// happens to be called readFileSync is not.
package bindings

import (
	"reflect"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
)

// Global is the Module of references to global objects (Atomics, JSON,
// process, Date...).
const Global = "globalThis"

// Ref is what an expression denotes: a member path of a module ("" for the
// module itself), e.g. {"fs", "promises.readFile"}. Module is the
// specifier without a node: prefix, or the resolved file path for an
// in-tree module, or Global.
type Ref struct {
	Module string
	Member string
}

// Dot returns the ref of a property of r.
func (r Ref) Dot(name string) Ref {
	if r.Member == "" {
		return Ref{r.Module, name}
	}
	return Ref{r.Module, r.Member + "." + name}
}

// Last returns the last component of the member path.
func (r Ref) Last() string {
	return r.Member[strings.LastIndexByte(r.Member, '.')+1:]
}

func (r Ref) String() string {
	name := r.Module
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 && strings.ContainsAny(name, "/\\") && !strings.HasPrefix(name, "@") {
		name = name[i+1:]
	}
	if r.Module == Global {
		return r.Member
	}
	if r.Member == "" {
		return name
	}
	return name + "." + r.Member
}

// Info is the analyzer's result.
type Info struct {
	mod  *jsmodule.Module
	vars map[*js.Var]Ref
	bad  map[*js.Var]bool // assigned values of different kinds: unknown
	// imported marks import bindings (the parser leaves them undeclared).
	imported map[*js.Var]bool
	// missed holds, while collecting, the local variables looked up before
	// they had a binding: one bound further down needs another round.
	missed map[*js.Var]bool
	// Requires maps require calls to their import.
	requires map[js.INode]resolve.Import
}

// Analyzer computes the bindings of a module.
var Analyzer = &analysis.Analyzer{
	Name:       "bindings",
	Doc:        "track variables bound to modules and their members",
	Requires:   []*analysis.Analyzer{jsmodule.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	return Compute(m), nil
}

// Compute computes the bindings of m.
func Compute(m *jsmodule.Module) *Info {
	in := &Info{mod: m, vars: map[*js.Var]Ref{}, bad: map[*js.Var]bool{}, imported: map[*js.Var]bool{}, requires: map[js.INode]resolve.Import{}}
	for _, imp := range m.Imports {
		in.requires[m.Nodes()[imp.Node].N] = imp
	}
	// Aliases may refer to bindings declared later in the source (hoisting,
	// helper functions): iterate to a fixed point, bounded.
	for round := 0; round < 4; round++ {
		in.missed = map[*js.Var]bool{}
		if !in.collect() || !in.missedBound() {
			break // another round could only fill a lookup that missed
		}
	}
	in.missed = nil
	return in
}

func (in *Info) moduleName(imp resolve.Import) string {
	if imp.Resolved != "" {
		return imp.Resolved
	}
	return imp.Name()
}

// missedBound reports whether a variable looked up without a binding got
// one later in the same pass.
func (in *Info) missedBound() bool {
	for v := range in.missed {
		if _, ok := in.vars[v]; ok {
			return true
		}
	}
	return false
}

// collect makes one pass over the declarations and assignments; it reports
// whether anything changed.
func (in *Info) collect() bool {
	changed := false
	set := func(v *js.Var, r Ref) {
		v = jsast.Resolve(v)
		if v == nil || in.bad[v] {
			return
		}
		if old, ok := in.vars[v]; ok {
			if old != r {
				delete(in.vars, v)
				in.bad[v] = true
				changed = true
			}
			return
		}
		in.vars[v] = r
		changed = true
	}
	nodes := in.mod.Nodes()
	for i := range nodes {
		switch n := nodes[i].N.(type) {
		case *js.VarDecl:
			for _, el := range n.List {
				if el.Default != nil {
					if r, ok := in.Of(el.Default); ok {
						in.bind(el.Binding, r, set)
					}
				}
			}
		case *js.BinaryExpr:
			if n.Op != js.EqToken {
				continue
			}
			if r, ok := in.Of(n.Y); ok {
				if v, ok := n.X.(*js.Var); ok {
					set(v, r)
				}
			}
		case *js.ImportStmt:
			imp, ok := in.requires[n]
			if !ok {
				continue
			}
			mod := Ref{Module: in.moduleName(imp)}
			if n.Default != nil {
				// Default import of a CommonJS module (every core module)
				// is module.exports: the module itself.
				in.bindName(n.Default, mod, set)
			}
			for _, a := range n.List {
				switch {
				case string(a.Name) == "*":
					in.bindName(a.Binding, mod, set)
				case a.Name != nil:
					if string(a.Name) == "default" {
						in.bindName(a.Binding, mod, set)
					} else {
						in.bindName(a.Binding, mod.Dot(string(a.Name)), set)
					}
				default:
					in.bindName(a.Binding, mod.Dot(string(a.Binding)), set)
				}
			}
		}
	}
	return changed
}

// bindName binds the module-scope variable named name.
func (in *Info) bindName(name []byte, r Ref, set func(*js.Var, Ref)) {
	// The parser does not declare import bindings: they are among the
	// module scope's undeclared names.
	scope := &in.mod.AST.BlockStmt.Scope
	for _, list := range [][]*js.Var{scope.Declared, scope.Undeclared} {
		for _, v := range list {
			if string(v.Data) == string(name) {
				in.imported[jsast.Resolve(v)] = true
				set(v, r)
				return
			}
		}
	}
}

// bind binds a declaration pattern to r: a name takes r, an object pattern
// takes r's members.
func (in *Info) bind(b js.IBinding, r Ref, set func(*js.Var, Ref)) {
	switch b := b.(type) {
	case *js.Var:
		set(b, r)
	case *js.BindingObject:
		for _, item := range b.List {
			var key string
			switch {
			case item.Key == nil:
				if v, ok := item.Value.Binding.(*js.Var); ok {
					key = string(v.Data)
				}
			case item.Key.Computed == nil:
				key = propertyKey(item.Key.Literal)
			}
			if key != "" {
				in.bind(item.Value.Binding, r.Dot(key), set)
			}
		}
	}
}

func propertyKey(l js.LiteralExpr) string {
	if l.TokenType == js.StringToken {
		s, _ := resolve.StringValue(l.Data)
		return s
	}
	return string(l.Data)
}

// Of returns what e denotes, if it is a module, a member of one, or a
// global object's member.
func (in *Info) Of(e js.IExpr) (Ref, bool) {
	for i := 0; i < 64; i++ { // parenthesised and sequence expressions
		switch x := e.(type) {
		case *js.GroupExpr:
			e = x.X
			continue
		case *js.CommaExpr:
			if len(x.List) > 0 {
				e = x.List[len(x.List)-1]
				continue
			}
		}
		break
	}
	switch x := e.(type) {
	case *js.Var:
		v := jsast.Resolve(x)
		if r, ok := in.vars[v]; ok {
			return r, true
		}
		if in.missed != nil && (!jsast.IsGlobal(v) || in.imported[v]) {
			in.missed[v] = true // a local binding not known (yet)
		}
		if in.mod.ScopeOf(v) == nil && !in.bad[v] && !in.imported[v] {
			name := string(v.Data)
			if name == "globalThis" || name == "global" || name == "window" {
				return Ref{Module: Global}, true
			}
			return Ref{Module: Global, Member: name}, true
		}
	case *js.DotExpr:
		if r, ok := in.Of(x.X); ok {
			if name, ok := DotName(x.Y); ok {
				return r.Dot(name), true
			}
		}
	case *js.IndexExpr:
		if r, ok := in.Of(x.X); ok {
			if l, ok := x.Y.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
				if s, ok := resolve.StringValue(l.Data); ok {
					return r.Dot(s), true
				}
			}
		}
	case *js.CallExpr:
		if imp, ok := in.requires[x]; ok && imp.Kind == resolve.Require {
			return Ref{Module: in.moduleName(imp)}, true
		}
		// module.createRequire(url) returns a require function: calling it
		// with a constant loads that module.
		if r, ok := in.Of(x.X); ok && r.Module == "module" {
			switch r.Member {
			case "createRequire":
				return Ref{Module: "module", Member: "createRequire()"}, true
			case "createRequire()":
				if len(x.Args.List) > 0 {
					if l, ok := x.Args.List[0].Value.(*js.LiteralExpr); ok {
						if s, ok := resolve.StringValue(l.Data); ok {
							return Ref{Module: strings.TrimPrefix(s, "node:")}, true
						}
					}
				}
			}
		}
	}
	return Ref{}, false
}

// Binds reports whether a variable is bound to module or to a member of
// it.
func (in *Info) Binds(module string) bool {
	for _, r := range in.vars {
		if r.Module == module {
			return true
		}
	}
	return false
}

// Mentions reports whether Of may denote module or a member of it
// anywhere in the module: a variable is bound to it, a require loads it, or
// module.createRequire (whose functions load any module) is at hand.
func (in *Info) Mentions(module string) bool {
	if in.Binds(module) || in.Binds("module") {
		return true
	}
	for _, imp := range in.requires {
		if name := in.moduleName(imp); name == module || name == "module" {
			return true
		}
	}
	return false
}

// DotName returns the property name of a member expression's Y (the
// parser gives a name literal, by value or by pointer).
func DotName(y js.IExpr) (string, bool) {
	switch y := y.(type) {
	case js.LiteralExpr:
		return string(y.Data), true
	case *js.LiteralExpr:
		return string(y.Data), true
	}
	return "", false
}
