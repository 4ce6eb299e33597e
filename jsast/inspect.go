package jsast

import (
	"sync"

	"github.com/tdewolff/parse/v2/js"
)

// index builds the node list with spans from the lexed tokens. The lexer
// guessed which slashes start regular expressions; the walk checks every
// guess against the AST and, on a mismatch, lexes again with the AST's
// answer (and so does it when Parse changed the source). It returns the
// span of an array literal missing a comma (see walker.uncommaed), or nil.
func (m *Module) index(l *Lexed) *Span {
	var exact map[int]bool
	for attempt := 0; attempt < 2; attempt++ {
		if attempt > 0 || !l.lexed {
			l.lex(exact)
		}
		w := m.walk(l.buf, &l.ts)
		if w.regexps == l.ts.regexps && w.regexMiss == 0 || attempt == 1 {
			m.nodes = w.nodes
			m.Comments = make([]Comment, len(l.comments))
			for i, c := range l.comments {
				m.Comments[i] = Comment{c, string(m.Src[c.Start:c.End])}
			}
			return w.uncommaed
		}
		exact = make(map[int]bool, len(w.regexAt)) // not nil, even when empty: every slash is then a division
		for _, off := range w.regexAt {
			exact[off] = true
		}
		putNodes(w.nodes)
	}
	return nil
}

// nodePool keeps node lists (as *[]Node) for the next module: a check
// frees each module's tree once its findings are out (Release), and a new
// list would otherwise be fresh memory, faulted in and cleared, for every
// parsed module.
var nodePool sync.Pool

// getNodes returns an empty node list with room for about n nodes.
func getNodes(n int) []Node {
	if p, ok := nodePool.Get().(*[]Node); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]Node, 0, n)
}

func putNodes(nodes []Node) {
	clear(nodes) // the entries point into a syntax tree that is to be freed
	nodes = nodes[:0]
	nodePool.Put(&nodes)
}

// Release hands the module's node list back for reuse by modules parsed
// later. The module must not be used afterwards; a caller that has what
// it needs from a module (a command-line check, once its findings are
// converted) calls it.
func (m *Module) Release() {
	if m.nodes != nil {
		putNodes(m.nodes)
		m.nodes = nil
	}
}

func (m *Module) walk(buf []byte, ts *tokens) *walker {
	w := &walker{
		buf:    buf,
		ts:     ts,
		parent: -1,
		nodes:  getNodes(len(ts.list)*5/8 + 16), // about 0.6 nodes a token in real code
		scope:  &m.AST.BlockStmt.Scope,
	}
	w.stmts(m.AST.BlockStmt.List)
	return w
}

// Nodes returns the module's nodes in pre-order (source order). Entry i's
// descendants are entries i+1 up to Nodes()[i].End.
func (m *Module) Nodes() []Node { return m.nodes }

// Span returns the span of a pointer AST node (a call, a function, a
// statement...). For a *js.Var it returns the span of its first occurrence;
// use the node list for each occurrence. Unknown nodes get an empty span at
// offset 0.
func (m *Module) Span(n js.INode) Span {
	if i, ok := m.lookup(n); ok {
		return m.nodes[i].Span
	}
	return Span{}
}

// IndexOf returns the index in Nodes() of a pointer AST node. A *js.Var
// has one entry per occurrence, so it has no index: use the node list. The
// index is built once per module and shared by every analyzer.
func (m *Module) IndexOf(n js.INode) (int, bool) {
	if _, ok := n.(*js.Var); ok {
		return 0, false
	}
	return m.lookup(n)
}

func (m *Module) lookup(n js.INode) (int, bool) {
	m.spanOnce.Do(func() {
		m.nodeIndex = make(map[js.INode]int32, len(m.nodes))
		for i, e := range m.nodes {
			if _, ok := m.nodeIndex[e.N]; !ok && comparable(e.N) {
				m.nodeIndex[e.N] = int32(i)
			}
		}
	})
	if !comparable(n) {
		return 0, false
	}
	i, ok := m.nodeIndex[n]
	return int(i), ok
}

// comparable reports whether n can be a map key: every pointer node can;
// value nodes holding slices cannot.
func comparable(n js.INode) bool {
	switch n.(type) {
	case js.LiteralExpr, js.BlockStmt, js.ArrayExpr, js.ObjectExpr, js.TemplateExpr,
		js.BindingArray, js.BindingObject, js.Comment, js.Params, js.Args,
		js.VarDecl, js.FuncDecl, js.ClassDecl, js.MethodDecl, js.ArrowFunc:
		return false
	}
	return n != nil
}

// IsGlobal reports whether v is a free variable of the module: a global
// such as require, process or setTimeout (or an import binding, which the
// parser also leaves undeclared).
func IsGlobal(v *js.Var) bool {
	v = Resolve(v)
	return v != nil && v.Decl == js.NoDecl
}

// ScopeOf returns non-nil when v is declared in the module, nil for a free
// variable. Prefer IsGlobal.
func (m *Module) ScopeOf(v *js.Var) *js.Scope {
	if IsGlobal(v) {
		return nil
	}
	return &m.AST.BlockStmt.Scope
}

// Resolve follows a variable's links to its declaration.
func Resolve(v *js.Var) *js.Var {
	for i := 0; v != nil && v.Link != nil && i < 64; i++ {
		v = v.Link
	}
	return v
}

// Cursor is the position of Inspect in the node list.
type Cursor struct {
	m *Module
	i int
}

// Node returns the current node entry.
func (c Cursor) Node() *Node { return &c.m.nodes[c.i] }

// Index returns the current entry's index in Nodes().
func (c Cursor) Index() int { return c.i }

// Parent returns the parent entry, or nil at top level.
func (c Cursor) Parent() *Node {
	if p := c.m.nodes[c.i].Parent; p >= 0 {
		return &c.m.nodes[p]
	}
	return nil
}

// Inspect calls f for every node in source order; when f returns false the
// node's descendants are skipped.
func (m *Module) Inspect(f func(Cursor) bool) {
	for i := 0; i < len(m.nodes); {
		if f(Cursor{m, i}) {
			i++
		} else {
			i = int(m.nodes[i].End)
		}
	}
}

// Enclosing returns the index of the nearest ancestor of entry i that is a
// function (declaration, expression, arrow or method), or -1.
func (m *Module) Enclosing(i int) int {
	m.encOnce.Do(func() {
		// In pre-order a parent precedes its children: one pass suffices.
		m.enclosing = make([]int32, len(m.nodes))
		for k, n := range m.nodes {
			m.enclosing[k] = -1
			if p := n.Parent; p >= 0 {
				switch m.nodes[p].N.(type) {
				case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl:
					m.enclosing[k] = p
				default:
					m.enclosing[k] = m.enclosing[p]
				}
			}
		}
	})
	return int(m.enclosing[i])
}

// Children returns the indices of the direct children of entry i, in
// source order (a call's first child is its callee).
func (m *Module) Children(i int) []int {
	var out []int
	for k := i + 1; k < int(m.nodes[i].End); k = int(m.nodes[k].End) {
		out = append(out, k)
	}
	return out
}

// Find returns the index of AST node n within the subtree of entry within:
// a direct child is found in a few steps, a deeper node by a scan of the
// subtree. It serves lookups whose ancestor is known without building the
// module-wide index.
func (m *Module) Find(within int, n js.INode) (int, bool) {
	if within < 0 || within >= len(m.nodes) || n == nil {
		return 0, false
	}
	end := int(m.nodes[within].End)
	for k := within + 1; k < end; k = int(m.nodes[k].End) {
		if m.nodes[k].N == n {
			return k, true
		}
	}
	for k := within + 1; k < end; k++ {
		if m.nodes[k].N == n {
			return k, true
		}
	}
	return 0, false
}
