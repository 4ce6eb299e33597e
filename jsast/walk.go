package jsast

import (
	"unsafe"

	"github.com/tdewolff/parse/v2/js"
)

// Node is one entry of a module's pre-order node list: an AST node and its
// span. Identifier occurrences are entries too: N is the (shared) *js.Var
// and Span is that occurrence's own position.
type Node struct {
	N       js.INode
	Span    Span
	Parent  int32 // index of the parent entry, -1 for top-level statements
	End     int32 // index one past this entry's last descendant
	Binding bool  // for *js.Var entries: this occurrence declares or binds the variable
}

// walker builds the node list. It visits the AST strictly in source order,
// keeping pos, a lower bound for the start of whatever comes next; nodes
// that start with a keyword or bracket find it as the first such token at
// or after pos, and identifier occurrences claim the first token of their
// name at or after pos.
type walker struct {
	buf    []byte
	ts     *tokens
	pos    int
	nodes  []Node
	parent int32
	scope  *js.Scope          // the module scope
	module map[string]*js.Var // its declarations, for import/export names; built on first use
	depth  int

	regexAt   []int // offsets of the AST's regular-expression literals
	regexps   int   // how many the AST has
	regexMiss int   // how many the lexer did not lex as regular expressions

	// uncommaed is the first array literal with fewer commas than its
	// elements need, which the parser accepts ([1 2]) and Node does not;
	// nil if none.
	uncommaed *Span
}

// maxWalkDepth bounds recursion; the parser's own nesting limits keep real
// ASTs far below it.
const maxWalkDepth = 5000

func (w *walker) open(n js.INode) int32 {
	i := int32(len(w.nodes))
	w.nodes = append(w.nodes, Node{N: n, Parent: w.parent, Span: Span{w.pos, w.pos}})
	w.parent = i
	w.depth++
	return i
}

func (w *walker) close(i int32, s Span) Span {
	s = w.settle(s)
	e := &w.nodes[i]
	e.Span = s
	e.End = int32(len(w.nodes))
	w.parent = e.Parent
	w.depth--
	return s
}

// settle completes a node's span (a missing start or end is the current
// position) and moves the position past it.
func (w *walker) settle(s Span) Span {
	if s.Start < 0 {
		s.Start = w.pos
	}
	if s.End < s.Start {
		s.End = max(s.Start, w.pos)
	}
	if s.End > w.pos {
		w.pos = s.End
	}
	return s
}

// leaf adds a childless entry: open and close in one append.
func (w *walker) leaf(n js.INode, s Span, binding bool) Span {
	s = w.settle(s)
	end := int32(len(w.nodes)) + 1
	w.nodes = append(w.nodes, Node{N: n, Span: s, Parent: w.parent, End: end, Binding: binding})
	return s
}

// alias returns the offset of data in the parser's buffer, or -1 when the
// parser made a copy.
func (w *walker) alias(data []byte) int {
	if len(data) == 0 || len(w.buf) == 0 {
		return -1
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(w.buf[:1])))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	if p < base || p+uintptr(len(data)) > base+uintptr(len(w.buf)) {
		return -1
	}
	return int(p - base)
}

func (w *walker) tokSpan(i int) Span {
	if i < 0 || i >= len(w.ts.list) {
		return Span{w.pos, w.pos}
	}
	t := w.ts.list[i]
	return Span{int(t.Start), int(t.End)}
}

// kw returns the index of the first token of type tt at or after pos.
func (w *walker) kw(tt js.TokenType) int { return w.ts.find(w.pos, tt) }

// bracket returns the span from the first open bracket tt at or after pos
// to its match.
func (w *walker) bracket(tt js.TokenType) (Span, int) {
	i := w.kw(tt)
	if i < 0 {
		return Span{w.pos, w.pos}, -1
	}
	s := w.tokSpan(i)
	if m := w.ts.list[i].Match; m >= 0 {
		s.End = int(w.ts.list[m].End)
	}
	return s, i
}

func (w *walker) ident(v *js.Var, binding bool) Span {
	i := w.ts.claim(v.Data, w.pos)
	s := Span{w.pos, w.pos}
	if i >= 0 {
		s = w.tokSpan(i)
	}
	return w.leaf(v, s, binding)
}

// moduleName records the occurrence of a name in an import or export
// list: an occurrence of the module-scope variable when local is set and
// one exists, else just a position to move past.
func (w *walker) moduleName(name []byte, local bool) {
	k := w.ts.claim(name, w.pos)
	if k < 0 {
		return
	}
	if v := w.moduleVar(name); local && v != nil {
		w.leaf(v, w.tokSpan(k), true)
		return
	}
	w.pos = max(w.pos, w.tokSpan(k).End)
}

// moduleVar returns the module-scope variable named name, or nil. Only
// import and export statements ask, so the map is built on the first
// question.
func (w *walker) moduleVar(name []byte) *js.Var {
	if w.module == nil {
		w.module = make(map[string]*js.Var, len(w.scope.Undeclared)+len(w.scope.Declared))
		for _, v := range w.scope.Undeclared { // import bindings are left undeclared
			w.module[string(v.Data)] = v
		}
		for _, v := range w.scope.Declared {
			w.module[string(v.Data)] = v
		}
	}
	return w.module[string(name)]
}

// moduleSpecifier returns the end of the module string of an import or
// export (the first string token at or after pos), or end.
func (w *walker) moduleSpecifier(end int) int {
	if k := w.kw(js.StringToken); k >= 0 {
		return max(end, w.tokSpan(k).End)
	}
	return end
}

func (w *walker) stmts(list []js.IStmt) {
	for _, s := range list {
		w.stmt(s)
	}
}

// body visits a statement list that may or may not be wrapped in braces in
// the source (the parser wraps single-statement loop bodies in a block).
func (w *walker) body(b *js.BlockStmt) Span {
	if b == nil {
		return Span{w.pos, w.pos}
	}
	if w.ts.typ(w.ts.at(w.pos)) == js.OpenBraceToken {
		return w.stmt(b)
	}
	start := w.pos
	w.stmts(b.List)
	return Span{start, w.pos}
}

func (w *walker) stmt(n js.IStmt) Span {
	if n == nil {
		return Span{w.pos, w.pos}
	}
	if w.depth > maxWalkDepth {
		return Span{w.pos, w.pos}
	}
	switch n := n.(type) {
	case *js.BlockStmt:
		i := w.open(n)
		s, _ := w.bracket(js.OpenBraceToken)
		w.pos = s.Start + 1
		w.stmts(n.List)
		return w.close(i, s)
	case *js.ExprStmt:
		i := w.open(n)
		s := w.expr(n.Value)
		return w.close(i, s)
	case *js.VarDecl:
		return w.varDecl(n)
	case *js.FuncDecl:
		return w.funcDecl(n)
	case *js.ClassDecl:
		return w.classDecl(n)
	case *js.IfStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.IfToken))
		w.pos = s.End
		w.parenthesised(n.Cond)
		s.End = w.stmt(n.Body).End
		if n.Else != nil {
			w.pos = w.tokSpan(w.kw(js.ElseToken)).End
			s.End = w.stmt(n.Else).End
		}
		return w.close(i, s)
	case *js.WhileStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.WhileToken))
		w.pos = s.End
		w.parenthesised(n.Cond)
		s.End = w.stmt(n.Body).End
		return w.close(i, s)
	case *js.DoWhileStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.DoToken))
		w.pos = s.End
		w.stmt(n.Body)
		w.pos = w.tokSpan(w.kw(js.WhileToken)).End
		s.End = w.parenthesised(n.Cond).End
		return w.close(i, s)
	case *js.ForStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.ForToken))
		w.pos = s.End
		paren, _ := w.bracket(js.OpenParenToken)
		w.pos = paren.Start + 1
		w.expr(n.Init)
		w.expr(n.Cond)
		w.expr(n.Post)
		w.pos = max(w.pos, paren.End)
		s.End = w.body(n.Body).End
		return w.close(i, s)
	case *js.ForInStmt:
		return w.forInOf(n, n.Init, n.Value, n.Body)
	case *js.ForOfStmt:
		return w.forInOf(n, n.Init, n.Value, n.Body)
	case *js.SwitchStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.SwitchToken))
		w.pos = s.End
		w.parenthesised(n.Init)
		block, _ := w.bracket(js.OpenBraceToken)
		w.pos = block.Start + 1
		for k := range n.List {
			c := &n.List[k]
			w.pos = w.tokSpan(w.kw(c.TokenType)).End
			w.expr(c.Cond)
			w.stmts(c.List)
		}
		s.End = block.End
		return w.close(i, s)
	case *js.BranchStmt:
		s := w.tokSpan(w.kw(n.Type))
		if off := w.alias(n.Label); off >= 0 {
			s.End = off + len(n.Label)
		}
		return w.leaf(n, s, false)
	case *js.ReturnStmt:
		return w.keywordExpr(n, js.ReturnToken, n.Value)
	case *js.ThrowStmt:
		return w.keywordExpr(n, js.ThrowToken, n.Value)
	case *js.TryStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.TryToken))
		w.pos = s.End
		s.End = w.stmt(n.Body).End
		if n.Catch != nil {
			w.pos = w.tokSpan(w.kw(js.CatchToken)).End
			if n.Binding != nil {
				w.binding(n.Binding)
			}
			s.End = w.stmt(n.Catch).End
		}
		if n.Finally != nil {
			w.pos = w.tokSpan(w.kw(js.FinallyToken)).End
			s.End = w.stmt(n.Finally).End
		}
		return w.close(i, s)
	case *js.LabelledStmt:
		i := w.open(n)
		s := Span{w.pos, w.pos}
		if off := w.alias(n.Label); off >= 0 {
			s = Span{off, off + len(n.Label)}
			w.pos = s.End
		}
		s.End = w.stmt(n.Value).End
		return w.close(i, s)
	case *js.WithStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.WithToken))
		w.pos = s.End
		w.parenthesised(n.Cond)
		s.End = w.stmt(n.Body).End
		return w.close(i, s)
	case *js.EmptyStmt:
		return w.leaf(n, w.tokSpan(w.kw(js.SemicolonToken)), false)
	case *js.DebuggerStmt:
		return w.leaf(n, w.tokSpan(w.kw(js.DebuggerToken)), false)
	case *js.DirectivePrologueStmt:
		return w.leaf(n, w.dataSpan(n.Value), false)
	case *js.Comment:
		// The parser keeps /*! comments as statements, not always where they
		// stand in the source; Module.Comments has them all.
		return Span{w.pos, w.pos}
	case *js.ImportStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.ImportToken))
		w.pos = s.End
		if n.Default != nil {
			w.moduleName(n.Default, true)
		}
		for _, a := range n.List {
			if a.Name != nil && string(a.Name) != "*" {
				w.moduleName(a.Name, false) // the imported name: not a local variable
			}
			w.moduleName(a.Binding, true)
		}
		s.End = w.moduleSpecifier(s.End)
		return w.close(i, s)
	case *js.ExportStmt:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.ExportToken))
		w.pos = s.End
		if n.Decl != nil {
			s.End = w.expr(n.Decl).End
		}
		if len(n.List) > 0 && n.Decl == nil && w.ts.typ(w.ts.at(w.pos)) == js.OpenBraceToken {
			list, _ := w.bracket(js.OpenBraceToken)
			for _, a := range n.List {
				local, exported := a.Name, a.Binding
				if local == nil {
					local, exported = a.Binding, nil
				}
				if string(local) != "*" {
					w.moduleName(local, n.Module == nil)
				}
				if exported != nil {
					w.pos = max(w.pos, w.tokSpan(w.ts.claim(exported, w.pos)).End)
				}
			}
			s.End = max(s.End, list.End)
		}
		if n.Module != nil {
			s.End = w.moduleSpecifier(s.End)
		}
		return w.close(i, s)
	}
	return w.leaf(n, Span{w.pos, w.pos}, false)
}

func (w *walker) dataSpan(data []byte) Span {
	if off := w.alias(data); off >= 0 {
		return Span{off, off + len(data)}
	}
	return Span{w.pos, w.pos}
}

func (w *walker) skipData(data []byte) {
	if off := w.alias(data); off >= 0 && off+len(data) > w.pos {
		w.pos = off + len(data)
	}
}

// parenthesised visits an expression written between the next ( and its
// match, and moves past the ).
func (w *walker) parenthesised(e js.IExpr) Span {
	paren, _ := w.bracket(js.OpenParenToken)
	w.pos = paren.Start + 1
	w.expr(e)
	w.pos = max(w.pos, paren.End)
	return paren
}

func (w *walker) keywordExpr(n js.IStmt, kw js.TokenType, e js.IExpr) Span {
	i := w.open(n)
	s := w.tokSpan(w.kw(kw))
	w.pos = s.End
	if e != nil {
		s.End = w.expr(e).End
	}
	return w.close(i, s)
}

func (w *walker) forInOf(n js.IStmt, init, value js.IExpr, body *js.BlockStmt) Span {
	i := w.open(n)
	s := w.tokSpan(w.kw(js.ForToken))
	w.pos = s.End
	paren, _ := w.bracket(js.OpenParenToken)
	w.pos = paren.Start + 1
	w.expr(init)
	w.expr(value)
	w.pos = max(w.pos, paren.End)
	s.End = w.body(body).End
	return w.close(i, s)
}

func (w *walker) varDecl(n *js.VarDecl) Span {
	if len(n.List) == 0 {
		// The parser adds empty declarations to for statements to hoist
		// variables into; they have no source text.
		return Span{w.pos, w.pos}
	}
	i := w.open(n)
	s := w.tokSpan(w.kw(n.TokenType))
	w.pos = s.End
	for k := range n.List {
		e := &n.List[k]
		s.End = w.binding(e.Binding).End
		if e.Default != nil {
			s.End = w.expr(e.Default).End
		}
	}
	return w.close(i, s)
}

func (w *walker) binding(b js.IBinding) Span {
	switch b := b.(type) {
	case *js.Var:
		return w.ident(b, true)
	case *js.BindingArray:
		i := w.open(b)
		s, _ := w.bracket(js.OpenBracketToken)
		w.pos = s.Start + 1
		for k := range b.List {
			w.bindingElement(&b.List[k])
		}
		if b.Rest != nil {
			w.binding(b.Rest)
		}
		return w.close(i, s)
	case *js.BindingObject:
		i := w.open(b)
		s, _ := w.bracket(js.OpenBraceToken)
		w.pos = s.Start + 1
		for k := range b.List {
			item := &b.List[k]
			if item.Key != nil {
				w.propertyName(item.Key)
			}
			w.bindingElement(&item.Value)
		}
		if b.Rest != nil {
			w.ident(b.Rest, true)
		}
		return w.close(i, s)
	}
	return Span{w.pos, w.pos}
}

func (w *walker) bindingElement(e *js.BindingElement) {
	if e.Binding != nil {
		w.binding(e.Binding)
	}
	if e.Default != nil {
		w.expr(e.Default)
	}
}

func (w *walker) params(p *js.Params) {
	for k := range p.List {
		w.bindingElement(&p.List[k])
	}
	if p.Rest != nil {
		w.binding(p.Rest)
	}
}

// propertyName visits a property key: a computed expression or a literal
// (whose bytes are a copy for shorthand keys, which then take no room).
func (w *walker) propertyName(p *js.PropertyName) {
	if p.Computed != nil {
		w.inBrackets(p.Computed)
		return
	}
	w.skipData(p.Literal.Data)
}

// inBrackets visits e of [e], an index or a computed key, from inside its
// brackets: an array literal there (x[[a, b]], {[[a, b]]: 1}) must find
// its own bracket, not the outer one. It returns e's span and the end of
// the brackets.
func (w *walker) inBrackets(e js.IExpr) (Span, int) {
	b, _ := w.bracket(js.OpenBracketToken)
	w.pos = b.Start + 1
	s := w.expr(e)
	end := max(w.tokSpan(w.kw(js.CloseBracketToken)).End, b.End)
	w.pos = max(w.pos, b.End)
	return s, end
}

func (w *walker) funcDecl(n *js.FuncDecl) Span {
	i := w.open(n)
	fi := w.kw(js.FunctionToken)
	s := w.tokSpan(fi)
	if n.Async && w.ts.typ(fi-1) == js.AsyncToken {
		s.Start = w.tokSpan(fi - 1).Start
	}
	w.pos = s.End
	if n.Name != nil {
		w.ident(n.Name, true)
	}
	s.End = w.signature(&n.Params, &n.Body)
	return w.close(i, s)
}

func (w *walker) classDecl(n *js.ClassDecl) Span {
	i := w.open(n)
	s := w.tokSpan(w.kw(js.ClassToken))
	w.pos = s.End
	if n.Name != nil {
		w.ident(n.Name, true)
	}
	if n.Extends != nil {
		w.expr(n.Extends)
	}
	body, _ := w.bracket(js.OpenBraceToken)
	w.pos = body.Start + 1
	for k := range n.List {
		el := &n.List[k]
		switch {
		case el.StaticBlock != nil:
			w.pos = w.tokSpan(w.kw(js.StaticToken)).End
			w.stmt(el.StaticBlock)
		case el.Method != nil:
			w.method(el.Method)
		default:
			w.className(&el.Field.Name)
			if el.Field.Init != nil {
				w.expr(el.Field.Init)
			}
		}
	}
	s.End = body.End
	return w.close(i, s)
}

func (w *walker) className(n *js.ClassElementName) Span {
	if n.Private != nil {
		return w.ident(n.Private, true)
	}
	if n.Computed != nil {
		s, _ := w.inBrackets(n.Computed)
		return s
	}
	s := w.dataSpan(n.Literal.Data)
	w.pos = max(w.pos, s.End)
	return s
}

func (w *walker) method(n *js.MethodDecl) Span {
	i := w.open(n)
	first := w.ts.at(w.pos)
	name := w.className(&n.Name)
	// The method starts at its first modifier (static, async, get, set, *).
	k := w.ts.at(name.Start)
	if n.Name.Computed != nil && w.ts.typ(k-1) == js.OpenBracketToken {
		k--
	}
	for k-1 >= first {
		switch w.ts.typ(k - 1) {
		case js.StaticToken, js.AsyncToken, js.GetToken, js.SetToken, js.MulToken:
			k--
			continue
		}
		break
	}
	s := Span{w.tokSpan(k).Start, name.End}
	if k >= len(w.ts.list) {
		s.Start = name.Start
	}
	s.End = w.signature(&n.Params, &n.Body)
	return w.close(i, s)
}

// signature visits a function's parenthesised parameters and braced body;
// it returns the end of the body.
func (w *walker) signature(params *js.Params, body *js.BlockStmt) int {
	paren, _ := w.bracket(js.OpenParenToken)
	w.pos = paren.Start + 1
	w.params(params)
	w.pos = max(w.pos, paren.End)
	braces, _ := w.bracket(js.OpenBraceToken)
	w.pos = braces.Start + 1
	w.stmts(body.List)
	return braces.End
}

func (w *walker) arrow(n *js.ArrowFunc) Span {
	i := w.open(n)
	start := w.pos
	s := Span{-1, -1}
	// Parameters: (a, b) or a single unparenthesised name.
	bare := len(n.Params.List) == 1 && n.Params.Rest == nil
	if bare {
		if v, ok := n.Params.List[0].Binding.(*js.Var); ok && n.Params.List[0].Default == nil {
			k := w.ts.claim(v.Data, w.pos)
			bare = k >= 0 && w.ts.typ(k+1) == js.ArrowToken
		} else {
			bare = false
		}
	}
	if bare {
		p := w.binding(n.Params.List[0].Binding)
		s.Start = p.Start
	} else {
		paren, pi := w.bracket(js.OpenParenToken)
		s.Start = paren.Start
		if n.Async && w.ts.typ(pi-1) == js.AsyncToken {
			s.Start = w.tokSpan(pi - 1).Start
		}
		w.pos = paren.Start + 1
		w.params(&n.Params)
		w.pos = max(w.pos, paren.End)
	}
	if bare && n.Async {
		if k := w.ts.at(s.Start); w.ts.typ(k-1) == js.AsyncToken && int(w.ts.list[k-1].Start) >= start {
			s.Start = int(w.ts.list[k-1].Start)
		}
	}
	w.pos = w.tokSpan(w.kw(js.ArrowToken)).End
	if w.ts.typ(w.ts.at(w.pos)) == js.OpenBraceToken {
		body, _ := w.bracket(js.OpenBraceToken)
		w.pos = body.Start + 1
		w.stmts(n.Body.List)
		s.End = body.End
	} else {
		// Expression body: the parser wraps it in a return statement
		// that has no token of its own.
		for _, st := range n.Body.List {
			if r, ok := st.(*js.ReturnStmt); ok {
				s.End = w.expr(r.Value).End
			} else {
				s.End = w.stmt(st).End
			}
		}
	}
	return w.close(i, s)
}

func (w *walker) expr(n js.IExpr) Span {
	if n == nil {
		return Span{w.pos, w.pos}
	}
	if w.depth > maxWalkDepth {
		return Span{w.pos, w.pos}
	}
	switch n := n.(type) {
	case *js.Var:
		return w.ident(n, false)
	case *js.LiteralExpr:
		return w.leaf(n, w.literal(n.TokenType, n.Data), false)
	case js.LiteralExpr:
		s := w.literal(n.TokenType, n.Data)
		if s.End > w.pos {
			w.pos = s.End
		}
		return s
	case *js.ArrayExpr:
		i := w.open(n)
		s, open := w.bracket(js.OpenBracketToken)
		w.pos = s.Start + 1
		if w.uncommaed == nil && len(n.List) > 1 && w.ts.commas(open) < len(n.List)-1 {
			w.uncommaed = &s
		}
		for _, el := range n.List {
			if el.Value != nil {
				w.expr(el.Value)
			}
		}
		return w.close(i, s)
	case *js.ObjectExpr:
		i := w.open(n)
		s, _ := w.bracket(js.OpenBraceToken)
		w.pos = s.Start + 1
		for k := range n.List {
			p := &n.List[k]
			if _, isMethod := p.Value.(*js.MethodDecl); p.Name != nil && !isMethod {
				w.propertyName(p.Name)
			}
			w.expr(p.Value)
			if p.Init != nil {
				w.expr(p.Init)
			}
		}
		return w.close(i, s)
	case *js.TemplateExpr:
		i := w.open(n)
		s := Span{-1, -1}
		if n.Tag != nil {
			s.Start = w.expr(n.Tag).Start
		}
		for _, part := range n.List {
			if off := w.alias(part.Value); off >= 0 {
				if s.Start < 0 {
					s.Start = off
				}
				w.pos = max(w.pos, off+len(part.Value))
			}
			w.expr(part.Expr)
		}
		if off := w.alias(n.Tail); off >= 0 {
			if s.Start < 0 {
				s.Start = off
			}
			s.End = off + len(n.Tail)
		}
		return w.close(i, s)
	case *js.GroupExpr:
		i := w.open(n)
		s, _ := w.bracket(js.OpenParenToken)
		w.pos = s.Start + 1
		w.expr(n.X)
		return w.close(i, s)
	case *js.DotExpr:
		i := w.open(n)
		s := w.expr(n.X)
		s.End = w.expr(n.Y).End
		return w.close(i, s)
	case *js.IndexExpr:
		i := w.open(n)
		s := w.expr(n.X)
		_, s.End = w.inBrackets(n.Y)
		return w.close(i, s)
	case *js.CallExpr:
		i := w.open(n)
		s := w.expr(n.X)
		w.args(&n.Args)
		s.End = w.tokSpan(w.kw(js.CloseParenToken)).End
		return w.close(i, s)
	case *js.NewExpr:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.NewToken))
		w.pos = s.End
		s.End = w.expr(n.X).End
		if n.Args != nil {
			w.args(n.Args)
			s.End = w.tokSpan(w.kw(js.CloseParenToken)).End
		} else if k := w.ts.at(w.pos); w.ts.typ(k) == js.OpenParenToken && w.ts.typ(k+1) == js.CloseParenToken {
			s.End = w.tokSpan(k + 1).End // the parser drops empty arguments: new X()
		}
		return w.close(i, s)
	case *js.NewTargetExpr:
		return w.leaf(n, w.threeTokens(js.NewToken), false)
	case *js.ImportMetaExpr:
		return w.leaf(n, w.threeTokens(js.ImportToken), false)
	case *js.UnaryExpr:
		i := w.open(n)
		if n.Op == js.PostIncrToken || n.Op == js.PostDecrToken {
			s := w.expr(n.X)
			tt := js.IncrToken
			if n.Op == js.PostDecrToken {
				tt = js.DecrToken
			}
			s.End = w.tokSpan(w.kw(tt)).End
			return w.close(i, s)
		}
		s := w.expr(n.X)
		if k := w.ts.at(s.Start); k > 0 {
			s.Start = int(w.ts.list[k-1].Start) // the operator precedes its operand
		}
		return w.close(i, s)
	case *js.BinaryExpr:
		i := w.open(n)
		s := w.expr(n.X)
		s.End = w.expr(n.Y).End
		return w.close(i, s)
	case *js.CondExpr:
		i := w.open(n)
		s := w.expr(n.Cond)
		w.expr(n.X)
		s.End = w.expr(n.Y).End
		return w.close(i, s)
	case *js.CommaExpr:
		i := w.open(n)
		s := Span{-1, -1}
		for _, e := range n.List {
			es := w.expr(e)
			if s.Start < 0 {
				s.Start = es.Start
			}
			s.End = es.End
		}
		return w.close(i, s)
	case *js.YieldExpr:
		i := w.open(n)
		s := w.tokSpan(w.kw(js.YieldToken))
		w.pos = s.End
		if n.X != nil {
			s.End = w.expr(n.X).End
		}
		return w.close(i, s)
	case *js.ArrowFunc:
		return w.arrow(n)
	case *js.FuncDecl:
		return w.funcDecl(n)
	case *js.ClassDecl:
		return w.classDecl(n)
	case *js.MethodDecl:
		return w.method(n)
	case *js.VarDecl:
		return w.varDecl(n)
	}
	return w.leaf(n, Span{w.pos, w.pos}, false)
}

func (w *walker) args(a *js.Args) {
	paren, _ := w.bracket(js.OpenParenToken)
	w.pos = paren.Start + 1
	for _, arg := range a.List {
		w.expr(arg.Value)
	}
}

func (w *walker) literal(tt js.TokenType, data []byte) Span {
	if off := w.alias(data); off >= 0 {
		if tt == js.RegExpToken {
			w.regexps++
			w.regexAt = append(w.regexAt, off)
			if k := w.ts.at(off); w.ts.typ(k) != js.RegExpToken || int(w.ts.list[k].Start) != off {
				w.regexMiss++
			}
		}
		return Span{off, off + len(data)}
	}
	if tt == js.ImportToken { // import(...) is a synthetic literal
		return w.tokSpan(w.kw(js.ImportToken))
	}
	return Span{w.pos, w.pos}
}

// threeTokens spans new.target and import.meta.
func (w *walker) threeTokens(first js.TokenType) Span {
	k := w.kw(first)
	s := w.tokSpan(k)
	if k >= 0 && k+2 < len(w.ts.list) {
		s.End = int(w.ts.list[k+2].End)
	}
	return s
}
