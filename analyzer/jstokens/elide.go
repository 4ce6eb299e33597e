package jstokens

import (
	"bytes"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
)

// Elidable returns the insides of the function bodies that cannot change
// what analyzers find when those analyzers follow only the names relevant
// reports (identifiers and property names, and the values of strings such
// as module specifiers without a node: prefix; a name passed to relevant
// is only valid during the call), and these links between functions and
// variables:
//
//   - a call reaches a function through a variable: its own name, the
//     variable it is assigned to, the variable of the object literal it is
//     a property of (o.f()), or for a constructor the name of its class
//     (new C);
//   - a variable holds a module or a member of one when it is assigned a
//     reference to one (a name, a property, require('m')), directly or
//     through other variables; so do the names a destructuring pattern
//     binds. Assigning a global the analyzers resolve (process, Promise,
//     require...) changes what it holds everywhere.
//
// A body is kept if it mentions a relevant name, calls (names) a function
// whose body is kept, or reads or assigns a variable that may hold a
// relevant module, and so on until nothing more is kept. Only the
// outermost bodies of those not kept are returned: a driver blanks them
// before the parse (jsast.Lexed.Elide), where they then cost little more
// than lexing. Names are matched by spelling, not by scope, which keeps
// more than needed, never less.
//
// A function body is the block after the parameters of a function, a
// method or an arrow function, or a class's static block; other blocks
// are never returned, nor are the bodies of methods written with a line
// break before their brace (which the tokens cannot tell from a call
// followed by a block).
func (t *Tokens) Elidable(relevant func(name string, str bool) bool) []jsast.Span {
	if !t.Complete() {
		return nil // unbalanced brackets: the structure cannot be trusted
	}
	e := &elider{t: t, toks: t.Tokens()}
	if p, ok := scratch.Get().(*[2][]int32); ok && cap(p[0]) >= len(e.toks) {
		e.ids, e.tokBody = p[0][:len(e.toks)], p[1][:len(e.toks)]
	} else {
		e.ids, e.tokBody = make([]int32, len(e.toks)), make([]int32, len(e.toks))
	}
	defer scratch.Put(&[2][]int32{e.ids, e.tokBody})
	e.intern(relevant)
	e.index()
	e.seed()
	var out []jsast.Span
	elided := make([]bool, len(e.bodies)) // the body is in a span: its own, or one around it
	for b := range e.bodies {
		body := &e.bodies[b]
		if body.parent >= 0 && elided[body.parent] {
			elided[b] = true
			continue
		}
		if e.live[b] || !body.elidable {
			continue
		}
		elided[b] = true
		if s := (jsast.Span{Start: int(e.toks[body.open].End), End: int(e.toks[body.close].Start)}); s.End > s.Start {
			out = append(out, s)
		}
	}
	return out
}

// scratch keeps an elider's tables by token for the next module (as
// *[2][]int32): a large bundle's are megabytes, fresh memory otherwise.
var scratch sync.Pool

// elider holds the links of Elidable and the state of its closure.
type elider struct {
	t    *Tokens
	toks []jsast.Token

	bodies  []elidedBody
	assigns []assignment
	links   []int32         // the name tokens of bodies and assignments, by range
	tokBody []int32         // by token: the innermost body around it, -1 if none
	lhsOf   map[int32]int32 // a name token an assignment binds → the assignment
	decls   []uint64        // the names each body declares: name<<32 | body, sorted

	ids   []int32 // by token: its name's number, -1 for tokens without a name
	first []int32 // by name: where its plain tokens (not properties) start in occ
	occ   []int32 // the plain tokens of each name, by name
	rel   []int8  // by name: 1 relevant, 2 a global the analyzers resolve, 0 neither
	seeds []int32 // the tokens of relevant names and globals

	live  []bool // by body
	fired []bool // by assignment
	// followed holds the names followed, in a scope: name<<32 | (scope+1)
	// → 1 for a function whose body is kept or a variable read in one, |2
	// for a variable that may hold a module.
	followed map[uint64]uint8
	work     []uint64 // name<<32 | (scope+1) | holds<<31
}

// elidedBody is a function body: its braces, the body around it, and the
// tokens naming its function (links[from:to]). An arrow function's
// expression body (from its arrow to the token after it) is followed like
// a block, but not elidable.
type elidedBody struct {
	open, close int32
	parent      int32
	from, to    int32
	elidable    bool
}

// assignment is an = whose value, a reference, ends before token end;
// links[from:to] are the names it binds.
type assignment struct {
	eq, end  int32
	parent   int32
	from, to int32
}

// globals are the names whose values the analyzers resolve without a
// binding in the module: assigning one changes what it holds everywhere.
var globals = map[string]bool{
	"process": true, "Promise": true, "require": true, "module": true, "exports": true,
	"globalThis": true, "global": true, "window": true,
}

// typ and match are Lexed.Type and Lexed.Match on the token slice at
// hand: the passes read them for every token, and the loads through
// Tokens and Lexed cost Elidable about a tenth of its time (five
// alternated benchmarks on typescript.js: medians 60 vs 67 ms).
func (e *elider) typ(i int) js.TokenType {
	if i < 0 || i >= len(e.toks) {
		return js.ErrorToken
	}
	return e.toks[i].Type
}

func (e *elider) match(i int) int {
	if i < 0 || i >= len(e.toks) {
		return -1
	}
	return int(e.toks[i].Match)
}

// plainName reports whether token i is a name that is not a property
// (x, not o.x): a variable's.
func (e *elider) plainName(i int) bool {
	if !js.IsIdentifierName(e.typ(i)) {
		return false
	}
	p := e.typ(i - 1)
	return p != js.DotToken && p != js.OptChainToken
}

// index finds the function bodies and the assignments of references, and
// what each token is inside of.
func (e *elider) index() {
	n := len(e.toks)
	e.lhsOf = map[int32]int32{}
	var brackets, bodies, assigns []int32 // open at the current token
	for k := 0; k < n; k++ {
		tok := e.toks[k]
		for len(bodies) > 0 && int(e.bodies[bodies[len(bodies)-1]].close) <= k {
			bodies = bodies[:len(bodies)-1]
		}
		for len(assigns) > 0 && int(e.assigns[assigns[len(assigns)-1]].end) <= k {
			assigns = assigns[:len(assigns)-1]
		}
		e.tokBody[k] = top(bodies)
		switch {
		case tok.Type == js.OpenBraceToken && int(tok.Match) > k:
			if from, params, ok := e.function(k, int(top(brackets))); ok {
				b := int32(len(e.bodies))
				e.bodies = append(e.bodies, elidedBody{open: int32(k), close: tok.Match, parent: top(bodies), from: from, to: int32(len(e.links)), elidable: true})
				bodies = append(bodies, b)
				e.declare(params[0], params[1], b)
			}
			brackets = append(brackets, int32(k))
		case tok.Type == js.ArrowToken && e.typ(k+1) != js.OpenBraceToken:
			// An arrow function whose body is an expression: a function
			// to follow, not a body to blank.
			end := e.t.ExpressionEnd(k + 1)
			if end < 0 {
				end = n
			}
			from := int32(len(e.links))
			params := e.arrow(k, int(top(brackets)))
			b := int32(len(e.bodies))
			e.bodies = append(e.bodies, elidedBody{open: int32(k), close: int32(end), parent: top(bodies), from: from, to: int32(len(e.links))})
			bodies = append(bodies, b)
			e.declare(params[0], params[1], b)
		case tok.Type == js.VarToken || tok.Type == js.LetToken || tok.Type == js.ConstToken ||
			tok.Type == js.FunctionToken || tok.Type == js.ClassToken:
			e.declaration(k, top(bodies), top(brackets))
		case tok.Type == js.OpenParenToken || tok.Type == js.OpenBracketToken:
			brackets = append(brackets, int32(k))
		case tok.Type == js.CloseBraceToken || tok.Type == js.CloseParenToken || tok.Type == js.CloseBracketToken:
			if len(brackets) > 0 {
				brackets = brackets[:len(brackets)-1]
			}
		case tok.Type == js.EqToken:
			end := e.t.ExpressionEnd(k + 1)
			if end < 0 {
				end = n
			}
			if !e.reference(k+1, end) {
				continue
			}
			from := int32(len(e.links))
			e.bound(k)
			a := int32(len(e.assigns))
			for _, l := range e.links[from:] {
				e.lhsOf[l] = a
			}
			e.assigns = append(e.assigns, assignment{eq: int32(k), end: int32(end), parent: top(assigns), from: from, to: int32(len(e.links))})
			assigns = append(assigns, a)
		}
	}
}

// declaration registers the name that declaration keyword k declares in
// body b (-1: the module), whose innermost bracket is open: var declares
// in its function; let, const, a class or a function declaration only at
// the top of b (not in a block of it, whose own scope the tokens do not
// tell apart). A declaration that is not registered only widens the scope
// where its name's uses are looked for.
func (e *elider) declaration(k int, b, open int32) {
	tt := e.typ(k)
	if tt != js.VarToken {
		if b >= 0 && open != e.bodies[b].open || b < 0 && open >= 0 {
			return // in a block
		}
	}
	next := k + 1
	switch tt {
	case js.FunctionToken, js.ClassToken:
		if !e.declares(k) {
			return // an expression: its name is its own
		}
		if e.typ(next) == js.MulToken {
			next++
		}
		if e.typ(next) == js.IdentifierToken {
			e.declare(next, next+1, b)
		}
	default:
		switch e.typ(next) {
		case js.OpenBraceToken, js.OpenBracketToken:
			if m := e.match(next); m > next {
				e.declare(next, m, b)
			}
		default:
			if js.IsIdentifierName(e.typ(next)) {
				e.declare(next, next+1, b)
			}
		}
	}
}

// declares reports whether function or class keyword k starts a
// declaration, rather than an expression (whose name only its own body
// sees).
func (e *elider) declares(k int) bool {
	prev := k - 1
	if e.typ(prev) == js.AsyncToken {
		prev--
	}
	switch e.typ(prev) {
	case js.SemicolonToken, js.OpenBraceToken, js.CloseBraceToken, js.ErrorToken, js.ExportToken, js.DefaultToken:
		return true
	}
	return false
}

// declare registers the names that tokens [from, to) declare in body b.
func (e *elider) declare(from, to int, b int32) {
	if b < 0 {
		return // the module's: a scope as wide as no declaration
	}
	e.names(from, to, func(k int) {
		if e.ids[k] >= 0 {
			e.decls = append(e.decls, uint64(e.ids[k])<<32|uint64(b))
		}
	})
}

// names calls f with each name tokens [from, to) bind: a name, or a
// pattern's (not its keys, nor its default values).
func (e *elider) names(from, to int, f func(k int)) {
	for k := max(from, 0); k < to; k++ {
		switch tt := e.typ(k); {
		case tt == js.EqToken: // a default value
			if end := e.t.ExpressionEnd(k + 1); end > k {
				k = end - 1
			}
		case js.IsIdentifierName(tt) && e.typ(k+1) != js.ColonToken:
			f(k)
		}
	}
}

func top(stack []int32) int32 {
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// reference reports whether tokens [from, to) may be an expression that
// denotes a module or a member of one, which an assignment binds: names,
// properties, string indices, require('m'), createRequire(url) and the
// calls of what it returns, in parentheses or last in a sequence; not
// another call, an operation or a literal, whose value no analyzer
// follows.
func (e *elider) reference(from, to int) bool {
	for k := from; k < to; k++ {
		switch tt := e.typ(k); {
		case js.IsIdentifierName(tt), tt == js.DotToken, tt == js.OptChainToken, tt == js.StringToken,
			tt == js.TemplateToken, tt == js.CommaToken, tt == js.CloseParenToken:
		case tt == js.OpenBracketToken: // only a string indexes a module's members
			if s := e.typ(k + 1); s != js.StringToken && s != js.TemplateToken || e.typ(k+2) != js.CloseBracketToken {
				return false
			}
			k += 2
		case tt == js.OpenParenToken:
			switch p := e.typ(k - 1); {
			case k == from, p == js.OpenParenToken, p == js.CommaToken: // a group
			case js.IsIdentifierName(p) || p == js.CloseParenToken:
				// A call: require('m'), createRequire(url), or a
				// function createRequire made: r('m').
				if s := e.typ(k + 1); (s == js.StringToken || s == js.TemplateToken) && e.typ(k+2) == js.CloseParenToken {
					k += 2
				} else if p == js.CloseParenToken || string(e.t.Text(k-1)) != "createRequire" {
					return false
				}
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// bound appends to links the names the assignment at token eq binds: the
// name before it, or the names of the destructuring pattern before it
// (not its keys, nor its default values).
func (e *elider) bound(eq int) {
	p := eq - 1
	switch e.typ(p) {
	case js.CloseBracketToken:
		if open := e.match(p); open < 0 || EndsExpression(e.typ(open-1)) {
			return // x[k] = v: no variable
		}
	case js.CloseBraceToken:
	default:
		if e.plainName(p) {
			e.links = append(e.links, int32(p))
		}
		return
	}
	e.names(e.match(p), p, func(k int) { e.links = append(e.links, int32(k)) })
}

// function reports whether brace k opens a function body, and appends the
// tokens naming the function to links (from where it returns); params is
// the range of its parameters' tokens. enclosing is the bracket around
// the function, -1 if none.
func (e *elider) function(k, enclosing int) (from int32, params [2]int, ok bool) {
	from = int32(len(e.links))
	p := k - 1
	switch e.typ(p) {
	case js.ArrowToken:
		return from, e.arrow(p, enclosing), true
	case js.StaticToken: // a class's static block, a scope of its own
		return from, params, true
	case js.CloseParenToken:
	default:
		return from, params, false
	}
	params = [2]int{e.match(p), p}
	q := e.match(p) - 1 // before the parameters
	if q < 0 {
		return from, params, false
	}
	name := -1
	switch tq := e.typ(q); {
	case tq == js.FunctionToken: // function (...) {
		e.assignedTo(e.async(q), enclosing)
		return from, params, true
	case tq == js.MulToken && e.typ(q-1) == js.FunctionToken: // function* (...) {
		e.assignedTo(e.async(q-1), enclosing)
		return from, params, true
	case tq == js.IfToken || tq == js.WhileToken || tq == js.ForToken || tq == js.SwitchToken ||
		tq == js.CatchToken || tq == js.WithToken || e.typ(q-1) == js.ForToken: // blocks; for await (...)
		return from, params, false
	case js.IsIdentifierName(tq) || tq == js.StringToken || js.IsNumeric(tq) || tq == js.PrivateIdentifierToken:
		name = q
	case tq == js.CloseBracketToken: // [computed]() {
		q = e.match(q)
		if q < 0 {
			return from, params, false
		}
	default:
		return from, params, false
	}
	r := q - 1
	if e.typ(r) == js.MulToken {
		r--
	}
	if e.typ(r) == js.FunctionToken { // function f(...) {
		if name >= 0 && e.declares(r) { // the name of an expression reaches only itself
			e.links = append(e.links, int32(name))
		}
		e.assignedTo(e.async(r), enclosing)
		return from, params, true
	}
	// A method, unless a line break makes it a call and a block. Calls
	// reach a method through the variable of its object literal (o.m()),
	// or, for a constructor, through its class (new C); others are hot
	// wherever they are called from.
	if e.t.LineBreakBefore(k) {
		return from, params, false
	}
	e.container(enclosing, name >= 0 && string(e.t.Text(name)) == "constructor")
	return from, params, true
}

// arrow appends to links what names the arrow function of arrow token k,
// and returns the range of its parameters' tokens.
func (e *elider) arrow(k, enclosing int) (params [2]int) {
	s := k - 1
	params = [2]int{s, k}
	if e.typ(s) == js.CloseParenToken && e.match(s) >= 0 {
		s = e.match(s)
		params[0] = s
	}
	if e.typ(s-1) == js.AsyncToken {
		s--
	}
	e.assignedTo(s, enclosing)
	return params
}

// async returns the token before function token s if it is async, else s.
func (e *elider) async(s int) int {
	if e.typ(s-1) == js.AsyncToken {
		return s - 1
	}
	return s
}

// assignedTo appends to links what names the function expression starting
// at token s: the variable it is assigned to, or the key it is the value
// of (and that object's variable).
func (e *elider) assignedTo(s, enclosing int) {
	switch e.typ(s - 1) {
	case js.EqToken:
		if e.plainName(s - 2) {
			e.links = append(e.links, int32(s-2))
		}
	case js.ColonToken: // the value of a property: o.key() calls it
		e.container(enclosing, false)
	}
}

// container appends to links the variable of the object literal whose
// body is brace open (const o = {...}), or with constructor the names of
// the class whose body it is (class C extends D {...}, const C = class).
func (e *elider) container(open int, constructor bool) {
	if e.typ(open) != js.OpenBraceToken {
		return
	}
	if e.typ(open-1) == js.EqToken && e.plainName(open-2) {
		e.links = append(e.links, int32(open-2))
		return
	}
	if !constructor {
		return
	}
	// Back over names, dots and brackets to class.
	k := open - 1
	for steps := 0; k >= 0 && steps < 64; steps++ {
		tt := e.typ(k)
		switch {
		case tt == js.ClassToken:
			for c := k + 1; c < open; c++ {
				if js.IsIdentifierName(e.typ(c)) {
					e.links = append(e.links, int32(c))
				}
			}
			if e.typ(k-1) == js.EqToken && e.plainName(k-2) {
				e.links = append(e.links, int32(k-2))
			}
			return
		case (tt == js.CloseParenToken || tt == js.CloseBracketToken) && e.match(k) >= 0:
			k = e.match(k) - 1
		case js.IsIdentifierName(tt) || tt == js.DotToken || tt == js.OptChainToken:
			k--
		default:
			return
		}
	}
}

// intern numbers the names of the tokens, identifiers apart from the
// values of strings (without a node: prefix), lists the plain tokens of
// each name, and notes the tokens of names relevant reports and of
// globals.
func (e *elider) intern(relevant func(name string, str bool) bool) {
	idents, strs := make(map[string]int32, len(e.toks)/64), map[string]int32{}
	var count []int32
	src := e.t.Src
	for k, tok := range e.toks {
		var text []byte
		numbers, str := idents, false
		switch tt := tok.Type; {
		case js.IsReservedWord(tt) && tt != js.AwaitToken && tt != js.YieldToken && e.plainName(k):
			e.ids[k] = -1 // a keyword, not a name: function, return, this...
			continue
		case js.IsIdentifierName(tt):
			text = src[tok.Start:tok.End]
		case (tt == js.StringToken || tt == js.TemplateToken) && tok.End-tok.Start >= 2:
			text = src[tok.Start+1 : tok.End-1]
			if e.typ(k-1) != js.OpenBracketToken || e.typ(k+1) != js.CloseBracketToken {
				text, numbers, str = bytes.TrimPrefix(text, []byte("node:")), strs, true // o['x'] names x, as o.x does
			}
		default:
			e.ids[k] = -1
			continue
		}
		id, seen := numbers[string(text)]
		if !seen {
			id = int32(len(count))
			// The source outlives the tables: keys need no copy.
			name := unsafe.String(unsafe.SliceData(text), len(text))
			numbers[name] = id
			count = append(count, 0)
			switch {
			case relevant(name, str):
				e.rel = append(e.rel, 1)
			case globals[name] && !str:
				e.rel = append(e.rel, 2)
			default:
				e.rel = append(e.rel, 0)
			}
		}
		e.ids[k] = id
		if e.rel[id] != 0 {
			e.seeds = append(e.seeds, int32(k))
		}
		if e.plainName(k) {
			count[id]++
		}
	}
	e.first = make([]int32, len(count)+1)
	for id, c := range count {
		e.first[id+1] = e.first[id] + c
	}
	e.occ = make([]int32, e.first[len(count)])
	next := append([]int32(nil), e.first[:len(count)]...)
	for k, id := range e.ids {
		if id >= 0 && e.plainName(k) {
			e.occ[next[id]] = int32(k)
			next[id]++
		}
	}
}

// seed keeps what every token of a relevant name is in, and binds what
// the assignments of relevant names and globals bind; then follows the
// links until nothing changes.
func (e *elider) seed() {
	slices.Sort(e.decls)
	e.live = make([]bool, len(e.bodies))
	e.fired = make([]bool, len(e.assigns))
	e.followed = map[uint64]uint8{}
	rel := e.rel
	for _, k := range e.seeds {
		k, id := int(k), e.ids[k]
		if rel[id] == 1 {
			e.keep(k)
		}
		if rel[id] == 1 || e.plainName(k) {
			e.bind(k)
		}
		if a, ok := e.lhsOf[int32(k)]; ok && rel[id] == 2 {
			e.fire(a) // process = ...
		}
	}
	for len(e.work) > 0 {
		w := e.work[len(e.work)-1]
		e.work = e.work[:len(e.work)-1]
		id, scope, holds := int32(w>>32), int32(w&(1<<31-1))-1, w&(1<<31) != 0
		for _, k := range e.uses(id, scope) {
			e.keep(int(k))
			if holds {
				e.bind(int(k))
				if a, ok := e.lhsOf[k]; ok {
					e.fire(a)
				}
			}
		}
	}
}

// uses returns the plain tokens of name id inside body scope (-1: the
// module).
func (e *elider) uses(id, scope int32) []int32 {
	occ := e.occ[e.first[id]:e.first[id+1]]
	if scope < 0 {
		return occ
	}
	b := e.bodies[scope]
	from, _ := slices.BinarySearch(occ, b.open)
	to, _ := slices.BinarySearch(occ, b.close)
	return occ[from:to]
}

// scope returns the body that declares the name of token k, looking out
// from the body it is in; -1 for the module.
func (e *elider) scope(k int) int32 {
	id := e.ids[k]
	for b := e.tokBody[k]; b >= 0; b = e.bodies[b].parent {
		if _, ok := slices.BinarySearch(e.decls, uint64(id)<<32|uint64(b)); ok {
			return b
		}
	}
	return -1
}

// follow follows the name of token k, in the scope that declares it: a
// function whose body is kept or, with holds, a variable that may hold a
// module.
func (e *elider) follow(k int32, holds bool) {
	id := e.ids[k]
	if id < 0 {
		return
	}
	key := uint64(id)<<32 | uint64(e.scope(int(k))+1)
	flags := uint8(1)
	if holds {
		flags |= 2
	}
	if e.followed[key]&flags == flags {
		return
	}
	e.followed[key] |= flags
	if holds {
		key |= 1 << 31
	}
	e.work = append(e.work, key)
}

// keep keeps the bodies around token k, and follows the names of their
// functions.
func (e *elider) keep(k int) {
	for b := e.tokBody[k]; b >= 0 && !e.live[b]; b = e.bodies[b].parent {
		e.live[b] = true
		for _, n := range e.links[e.bodies[b].from:e.bodies[b].to] {
			e.follow(n, false)
		}
	}
}

// bind fires the assignments whose values hold token k: the innermost is
// the last one before k that holds it or has an assignment around it that
// does (values nest).
func (e *elider) bind(k int) {
	a := int32(sort.Search(len(e.assigns), func(i int) bool { return int(e.assigns[i].eq) >= k })) - 1
	for ; a >= 0 && int(e.assigns[a].end) <= k; a = e.assigns[a].parent {
	}
	for ; a >= 0 && !e.fired[a]; a = e.assigns[a].parent {
		e.fire(a)
	}
}

// fire keeps the body of assignment a and follows the names it binds.
func (e *elider) fire(a int32) {
	if e.fired[a] {
		return
	}
	e.fired[a] = true
	e.keep(int(e.assigns[a].eq))
	for _, n := range e.links[e.assigns[a].from:e.assigns[a].to] {
		e.follow(n, true)
	}
}
