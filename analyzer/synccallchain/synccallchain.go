package synccallchain

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/blocking"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
)

// Analyzer reports calls on the hot path to functions that block.
var Analyzer = &analysis.Analyzer{
	Name:      "sync_call_chain",
	Doc:       "report calls on the hot path to helpers that block the event loop, directly or through other helpers, across modules",
	URL:       "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/sync-call-chain.md",
	Requires:  []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, hotpath.Analyzer, blocking.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(ChainFact)},
}

// anonymous starts the name of a function that has none.
const anonymous = "the function at line "

// maxHops bounds the chains kept: longer ones add nothing a reader needs.
const maxHops = 12

// Hop is one step of a chain: Caller calls Callee at [Pos, End).
type Hop struct {
	Pos, End token.Pos
	Caller   string
	Callee   string
}

// Chain is how a function blocks: its hops, the last of which calls the
// blocking API.
type Chain struct {
	Hops     []Hop
	Rule     string // the blocking API's rule: sync-io...
	Sink     string // the blocking API: fs.readFileSync
	Duration string // from the timing model
	Instead  string // the non-blocking alternative
}

// ChainFact records, for a module, its exports that block: export name
// ("" for the module itself, module.exports = function) → chain.
type ChainFact struct {
	Exports map[string]*Chain
}

func (*ChainFact) AFact() {}

func (f *ChainFact) String() string {
	var names []string
	for n := range f.Exports {
		names = append(names, n)
	}
	return "blocking exports: " + strings.Join(names, ", ")
}

type state struct {
	pass   *analysis.Pass
	m      *jsmodule.Module
	b      *bindings.Info
	h      *hotpath.Info
	chains map[int]*Chain // function node → how it blocks
	facts  map[string]*ChainFact
}

func run(pass *analysis.Pass) (any, error) {
	s := &state{
		pass:   pass,
		m:      pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module),
		b:      pass.ResultOf[bindings.Analyzer].(*bindings.Info),
		h:      pass.ResultOf[hotpath.Analyzer].(*hotpath.Info),
		chains: map[int]*Chain{},
		facts:  map[string]*ChainFact{},
	}
	nodes := s.m.Nodes()
	// Direct sinks.
	direct := map[int]bool{}
	for _, c := range pass.ResultOf[blocking.Analyzer].(*blocking.Result).Calls {
		direct[c.Node] = true
		if !c.Entry.Chain {
			continue
		}
		f := s.owner(c.Node)
		if f < 0 {
			continue
		}
		span := nodes[c.Node].Span
		ch := &Chain{
			Hops:     []Hop{{Pos: s.m.Pos(c.Callee.Start), End: s.m.Pos(span.End), Caller: s.name(f), Callee: c.Ref.String()}},
			Rule:     c.Entry.Rule,
			Sink:     c.Ref.String(),
			Duration: c.Duration(),
			Instead:  c.Entry.Instead(c.Ref),
		}
		if old := s.chains[f]; old == nil || len(ch.Hops) < len(old.Hops) {
			s.chains[f] = ch
		}
	}
	if len(s.chains) == 0 && !s.importsBlock() {
		return nil, nil // nothing here blocks and nothing imported does
	}
	// Calls of helpers, local or imported, until nothing changes: a chain
	// only replaces a longer one, so recursion terminates. Only calls that
	// may reach a chain take part: those of local functions, and of
	// imported functions that block.
	imported := s.importsBlock()
	var sites []site
	for i := range nodes {
		switch nodes[i].N.(type) {
		case *js.CallExpr, *js.NewExpr:
			if direct[i] {
				continue
			}
			if f, ok := s.h.Callee(i); ok {
				sites = append(sites, site{call: i, owner: s.owner(i), callee: f})
			} else if imported {
				if ch, name := s.importedTarget(i); ch != nil {
					sites = append(sites, site{call: i, owner: s.owner(i), callee: -1, chain: ch, name: name})
				}
			}
		}
	}
	for round := 0; round < maxHops+2; round++ {
		changed := false
		for k := range sites {
			c := &sites[k]
			f := c.owner
			if f < 0 {
				continue
			}
			target, name := s.target(c)
			if target == nil || len(target.Hops) >= maxHops {
				continue
			}
			if old := s.chains[f]; old == nil || len(target.Hops)+1 < len(old.Hops) {
				s.chains[f] = s.extend(c.call, s.name(f), name, target)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	s.exportFact()
	// Report calls made where blocking matters, from the function whose
	// own position makes it hot: helpers that are hot only because a
	// handler calls them are covered by the report at the handler's call.
	for k := range sites {
		i := sites[k].call
		target, name := s.target(&sites[k])
		if target == nil {
			continue
		}
		w := s.h.At(i)
		category := "sync-call-chain"
		switch {
		case w.Context == hotpath.Hot && !w.Inherited:
		case w.Context == hotpath.Startup && !w.Inherited:
			category += blocking.StartupSuffix
		default:
			continue
		}
		s.report(i, name, w, target, category)
	}
	return nil, nil
}

// owner returns the function a call at node i runs as part of: its
// enclosing function, looking through callbacks that run at once
// (forEach, immediately invoked functions, Promise executors); -1 at top
// level.
func (s *state) owner(i int) int {
	f := s.m.Enclosing(i)
	for f >= 0 {
		w := s.h.Func(f)
		p := s.m.Enclosing(f)
		if p < 0 || w != s.withFunc(s.h.At(f), f) {
			return f
		}
		f = p
	}
	return f
}

// withFunc returns w as the context of function f.
func (s *state) withFunc(w hotpath.Where, f int) hotpath.Where {
	w.Func = f
	return w
}

// name renders a function for chains.
func (s *state) name(f int) string {
	desc := s.h.Func(f).Desc
	switch n := s.m.Nodes()[f].N.(type) {
	case *js.FuncDecl:
		if n.Name != nil {
			return string(n.Name.Data)
		}
	}
	for _, prefix := range []string{"in function ", "in async function ", "in method ", "in async method "} {
		if rest, ok := strings.CutPrefix(desc, prefix); ok {
			if k := strings.IndexAny(rest, ", ("); k > 0 {
				rest = rest[:k]
			}
			return rest
		}
	}
	return anonymous + fmt.Sprint(s.m.Position(s.m.Nodes()[f].Span.Start).Line)
}

// site is a call that may reach a blocking function: a call of the local
// function callee, or of an imported function whose chain is known.
type site struct {
	call   int
	owner  int // s.owner(call)
	callee int // local function, or -1
	chain  *Chain
	name   string
}

// target returns how the call c blocks, if it calls a function that does,
// and that function's name.
func (s *state) target(c *site) (*Chain, string) {
	if c.callee < 0 {
		return c.chain, c.name
	}
	if ch := s.chains[c.callee]; ch != nil {
		if c.name == "" {
			c.name = s.name(c.callee)
		}
		return ch, c.name
	}
	return nil, ""
}

// importedTarget returns how the call at node i blocks if it calls an
// imported function that does, and that function's name.
func (s *state) importedTarget(i int) (*Chain, string) {
	var callee js.IExpr
	switch n := s.m.Nodes()[i].N.(type) {
	case *js.CallExpr:
		callee = n.X
	case *js.NewExpr:
		callee = n.X
	}
	r, ok := s.b.Of(callee)
	if !ok || r.Module == bindings.Global {
		return nil, ""
	}
	fact := s.factOf(r.Module)
	if fact == nil {
		return nil, ""
	}
	if ch := fact.Exports[r.Member]; ch != nil {
		name := r.String()
		if text := s.m.Text(s.m.Span(callee)); text != "" && len(text) <= 40 && !strings.ContainsAny(text, "\n(") {
			name = text
		}
		return ch, name
	}
	return nil, ""
}

// importsBlock reports whether any imported in-tree module exports a
// function that blocks.
func (s *state) importsBlock() bool {
	for _, p := range s.pass.Pkg.Imports() {
		if f := s.factOf(p.Path()); f != nil && len(f.Exports) > 0 {
			return true
		}
	}
	return false
}

// factOf returns the chain fact of an imported in-tree module.
func (s *state) factOf(path string) *ChainFact {
	if f, ok := s.facts[path]; ok {
		return f
	}
	var out *ChainFact
	for _, p := range s.pass.Pkg.Imports() {
		if p.Path() == path {
			f := new(ChainFact)
			if s.pass.ImportPackageFact(p, f) {
				out = f
			}
		}
	}
	s.facts[path] = out
	return out
}

// extend prepends the hop "caller calls callee at node i" to target.
func (s *state) extend(i int, caller, callee string, target *Chain) *Chain {
	span := s.m.Nodes()[i].Span
	start := span.Start
	if kids := s.m.Children(i); len(kids) > 0 {
		start = s.m.Nodes()[kids[0]].Span.Start
	}
	ch := *target
	ch.Hops = append([]Hop{{Pos: s.m.Pos(start), End: s.m.Pos(span.End), Caller: caller, Callee: callee}}, target.Hops...)
	return &ch
}

func (s *state) report(i int, name string, w hotpath.Where, target *Chain, category string) {
	nodes := s.m.Nodes()
	callee := nodes[i].Span
	if kids := s.m.Children(i); len(kids) > 0 {
		callee = nodes[kids[0]].Span
	}
	path := []string{name}
	for _, h := range target.Hops {
		path = append(path, h.Callee)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s blocks the event loop %s: it calls %s (%s)", name, w.Desc, strings.Join(path, " → "), target.Rule)
	if target.Duration != "" {
		fmt.Fprintf(&b, ", %s", target.Duration)
	}
	fmt.Fprintf(&b, "; every other request waits meanwhile: in %s, use %s", target.Hops[len(target.Hops)-1].Caller, target.Instead)
	d := analysis.Diagnostic{Pos: s.m.Pos(callee.Start), End: s.m.Pos(callee.End), Category: category, Message: b.String()}
	for k, h := range target.Hops {
		msg := fmt.Sprintf("%s calls %s", h.Caller, h.Callee)
		if k == len(target.Hops)-1 {
			msg += ", which blocks (" + target.Rule + ")"
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: h.Pos, End: h.End, Message: msg})
	}
	s.pass.Report(d)
}

// exportFact records which exports block.
func (s *state) exportFact() {
	if len(s.chains) == 0 {
		return // nothing here blocks: no export can
	}
	fact := &ChainFact{Exports: map[string]*Chain{}}
	nodes := s.m.Nodes()
	var objects map[*js.Var]*js.ObjectExpr // local objects, exported by name
	objectOf := func(v *js.Var) *js.ObjectExpr {
		if objects == nil { // built on first use: an exported object literal with a variable as a value
			objects = map[*js.Var]*js.ObjectExpr{}
			for i := range nodes {
				if d, ok := nodes[i].N.(*js.VarDecl); ok {
					for _, el := range d.List {
						if v, ok := el.Binding.(*js.Var); ok {
							if obj, ok := el.Default.(*js.ObjectExpr); ok {
								objects[jsast.Resolve(v)] = obj
							}
						}
					}
				}
			}
		}
		return objects[jsast.Resolve(v)]
	}
	// Only functions that block can be exported as blocking: look function
	// expressions up among them rather than in the whole module.
	chained := make(map[js.INode]int, len(s.chains))
	for f := range s.chains {
		chained[nodes[f].N] = f
	}
	funcOf := func(e js.IExpr) int {
		if v, ok := e.(*js.Var); ok {
			return s.funcOf(v)
		}
		if f, ok := chained[e]; ok {
			return f
		}
		return -1
	}
	var setObject func(prefix string, obj *js.ObjectExpr, depth int)
	set := func(name string, e js.IExpr) {
		if f := funcOf(e); f >= 0 && s.chains[f] != nil {
			if _, ok := fact.Exports[name]; !ok {
				ch := *s.chains[f]
				if strings.HasPrefix(ch.Hops[0].Caller, anonymous) && name != "" {
					// An anonymous function is known to importers by its export name.
					ch.Hops = append([]Hop(nil), ch.Hops...)
					ch.Hops[0].Caller = name
				}
				fact.Exports[name] = &ch
			}
		}
	}
	setObject = func(prefix string, obj *js.ObjectExpr, depth int) {
		for _, p := range obj.List {
			name, ok := propertyName(p)
			if !ok {
				continue
			}
			set(prefix+name, p.Value)
			if v, ok := p.Value.(*js.Var); ok && objectOf(v) != nil && depth < 4 {
				setObject(prefix+name+".", objectOf(v), depth+1)
			}
		}
	}
	for i := range nodes {
		switch n := nodes[i].N.(type) {
		case *js.BinaryExpr:
			if n.Op != js.EqToken {
				continue
			}
			name, ok := exportsName(n.X)
			if !ok {
				continue
			}
			prefix := ""
			if name != "" {
				prefix = name + "."
			}
			if obj, ok := n.Y.(*js.ObjectExpr); ok {
				setObject(prefix, obj, 0)
			} else {
				set(name, n.Y)
			}
		case *js.ExportStmt:
			switch d := n.Decl.(type) {
			case *js.FuncDecl:
				name := "default"
				if !n.Default && d.Name != nil {
					name = string(d.Name.Data)
				}
				set(name, d)
				if n.Default {
					set("", d)
				}
			case *js.VarDecl:
				for _, el := range d.List {
					if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
						set(string(v.Data), el.Default)
					}
				}
			case *js.ObjectExpr:
				setObject("", d, 0)
			case nil:
			default:
				if n.Default {
					set("", d)
					set("default", d)
				}
			}
			for _, a := range n.List {
				local, exported := a.Name, a.Binding
				if local == nil {
					local = a.Binding
				}
				for _, v := range s.m.AST.BlockStmt.Scope.Declared {
					if string(v.Data) == string(local) {
						set(string(exported), v)
						if string(exported) == "default" {
							set("", v)
						}
					}
				}
			}
		}
	}
	if len(fact.Exports) > 0 {
		s.pass.ExportPackageFact(fact)
	}
}

// propertyName returns the name of an object literal's property: its key,
// a shorthand's variable, or a method's name.
func propertyName(p js.Property) (string, bool) {
	switch {
	case p.Value == nil || p.Spread:
	case p.Name != nil && p.Name.Computed == nil:
		return string(p.Name.Literal.Data), true
	case p.Name == nil:
		switch v := p.Value.(type) {
		case *js.Var:
			return string(v.Data), true
		case *js.MethodDecl:
			if v.Name.Computed == nil && v.Name.Private == nil {
				return string(v.Name.Literal.Data), true
			}
		}
	}
	return "", false
}

// funcOf returns the function node an exported expression denotes.
func (s *state) funcOf(e js.IExpr) int {
	switch x := e.(type) {
	case *js.Var:
		if f, ok := s.h.FuncOf(x); ok {
			return f
		}
	case *js.ArrowFunc, *js.FuncDecl, *js.MethodDecl:
		if i, ok := s.m.IndexOf(x); ok {
			return i
		}
	}
	return -1
}

// exportsName recognises module.exports ("") and exports.x /
// module.exports.x ("x").
func exportsName(x js.IExpr) (string, bool) {
	d, ok := x.(*js.DotExpr)
	if !ok {
		return "", false
	}
	name := ""
	if l, ok := d.Y.(js.LiteralExpr); ok {
		name = string(l.Data)
	}
	switch v := d.X.(type) {
	case *js.Var:
		switch string(v.Data) {
		case "module":
			return "", name == "exports"
		case "exports":
			return name, true
		}
	case *js.DotExpr:
		if inner, ok := exportsName(v); ok && inner == "" {
			return name, true
		}
	}
	return "", false
}
