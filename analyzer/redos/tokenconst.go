package redos

import (
	"slices"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsregex"
)

// The prefilter evaluates RegExp(...) arguments from tokens the way
// constString evaluates them on the tree: strings, templates without
// substitutions, +, parentheses, and names declared const with such an
// initialiser. A name is looked up among the const declarators of its
// spelling whose scope may hold it (declaratorScope): a value found here is
// the one the tree finds, if the tree finds one; none there means the tree
// finds none (a parameter, a let, a global, a const of another function);
// what the tokens cannot settle is unknown, and needs the tree.

type constStatus int

const (
	notConst constStatus = iota // the tree finds no constant string here
	known                       // the tree finds this value, or none
	unknown                     // only the tree can tell
)

type constValue struct {
	status constStatus
	value  string
}

// tokenConsts evaluates constant string expressions on a module's tokens.
type tokenConsts struct {
	t      *jstokens.Tokens
	decls  []declarator         // built at the first name (declarations), in no order
	byName map[string][]binding // name → its declarators, for the names asked
	scoped bool                 // the brackets are balanced, so scopes can be told (t.Complete())
}

// declarator is a const declarator with an initialiser, or a name after a
// comma and before = that may be one.
type declarator struct {
	name, init, end int32  // the name's token, and the initialiser's tokens; init < 0: a declarator whose kind the tokens do not show
	size            uint16 // the name's length in bytes, at most 0xffff
	forHead         bool
}

// binding is a declarator of a name asked, with its scope and value.
type binding struct {
	declarator
	from, to int // the tokens its scope may cover
	block    int // the opening brace of the block that declares it, -1 at top level
	state    int // 0: value not evaluated, 1: under way, 2: done
	value    constValue
}

func tokenConstsOf(t *jstokens.Tokens) *tokenConsts {
	return t.Memo("redos.consts", func() any {
		return &tokenConsts{t: t, scoped: t.Complete()}
	}).(*tokenConsts)
}

// declarations indexes the module's const declarators, and the names
// after a comma and before = that may be const declarators.
func (c *tokenConsts) declarations() {
	t := c.t
	// Large modules have a const declarator about every 75 tokens.
	c.decls = make([]declarator, 0, t.Len()/64)
	var chained []int // declarators with = after a comma of var, let and const statements
	var loose []int   // names after a comma and before =
	// declGate skips the tokens other than const, var, let and =.
	src, toks := t.Src, t.Tokens()
	for d := declGate.next(src, toks, 0); d < len(toks); d = declGate.next(src, toks, d+1) {
		switch kind := toks[d].Type; kind {
		case js.EqToken: // a loose name is looked for from its =: names are some 9 times as many
			if d >= 2 && t.Type(d-1) == js.IdentifierToken && t.Type(d-2) == js.CommaToken {
				loose = append(loose, d-1)
			}
		case js.ConstToken, js.VarToken, js.LetToken:
			// const A = "x", B = A + "y": follow the declarators while the
			// tokens show where each ends.
			for k := d + 1; t.Type(k) == js.IdentifierToken; {
				next := k + 1
				if t.Type(k+1) == js.EqToken {
					if k > d+1 {
						chained = append(chained, k)
					}
					if next = t.ExpressionEnd(k + 2); next < 0 {
						break
					}
					if kind == js.ConstToken {
						c.decls = append(c.decls, c.declarator(k, k+2, next, d > 0 && t.Type(d-1) == js.OpenParenToken))
					}
				}
				if t.Type(next) != js.CommaToken {
					break
				}
				k = next + 1
			}
		}
	}
	slices.Sort(chained)
	for _, k := range loose {
		if _, found := slices.BinarySearch(chained, k); !found {
			// f(a, B = ...), a, B = ..., or a declarator after an
			// initialiser the tokens could not follow.
			c.decls = append(c.decls, c.declarator(k, -1, -1, false))
		}
	}
}

func (c *tokenConsts) declarator(name, init, end int, forHead bool) declarator {
	s := c.t.Span(name)
	return declarator{name: int32(name), init: int32(init), end: int32(end), size: uint16(min(s.End-s.Start, 0xffff)), forHead: forHead}
}

// named returns the declarators of name n.
func (c *tokenConsts) named(n []byte) []binding {
	if bs, ok := c.byName[string(n)]; ok {
		return bs
	}
	if c.decls == nil {
		c.declarations()
		c.byName = map[string][]binding{}
	}
	var bs []binding
	for _, d := range c.decls {
		if int(d.size) == min(len(n), 0xffff) && string(c.t.Text(int(d.name))) == string(n) {
			b := binding{declarator: d}
			c.scope(&b)
			bs = append(bs, b)
		}
	}
	c.byName[string(n)] = bs
	return bs
}

// scope sets the tokens that the scope of declarator d may cover, from
// and to, and the block that declares it. A const is declared in a block,
// a function body, a switch or static block, a catch clause, a for
// statement or the module; the tokens of any of these but the module lie
// within the braces innermost around the declarator's name, with the
// parameters, catch binding or loop head before them (where the parser
// opens the same scope). Without balanced brackets, every scope is the
// module.
func (c *tokenConsts) scope(d *binding) {
	t := c.t
	d.block, d.from, d.to = -1, 0, t.Len()
	if !c.scoped {
		return
	}
	b := int(d.name) - 1
	for ; b >= 0; b-- {
		switch tt := t.Type(b); {
		case tt == js.OpenBraceToken:
		case tt == js.CloseBraceToken || tt == js.CloseParenToken || tt == js.CloseBracketToken:
			b = t.Match(b) // before the group: b-- steps over its opening bracket
			continue
		default:
			continue
		}
		break
	}
	if b < 0 {
		return // the module's
	}
	d.block, d.from, d.to = b, b, t.Match(b)
	if t.Type(d.from-1) == js.ArrowToken {
		d.from-- // (a, b) => {, a => {
		if t.Type(d.from-1) != js.CloseParenToken {
			d.from--
		}
	}
	if t.Type(d.from-1) == js.CloseParenToken {
		d.from = t.Match(d.from - 1) // function f(a) {, catch (e) {, for (...) {
	}
}

// name returns the value of the name at token u used in a constant
// expression: that of the const declarator it refers to, if the tokens
// show which one that may be.
func (c *tokenConsts) name(u int) constValue {
	var inner *binding // the declarator of the innermost scope around u
	tie := false
	bs := c.named(c.t.Text(u))
	for i := range bs {
		d := &bs[i]
		switch {
		case u < d.from || u >= d.to:
		case inner == nil || d.block > inner.block:
			inner, tie = d, false
		case d.block == inner.block:
			tie = true
		}
	}
	switch {
	case inner == nil:
		// No const of that name has a scope around u: a parameter, a
		// let or var, a function, a global.
		return constValue{status: notConst}
	case tie || inner.init < 0 || inner.forHead || u < inner.block:
		// Which declaration it is takes scopes: two in one block, a
		// declarator of unknown kind, or one whose scope may end before
		// u (a for statement's, or u in parameters before the block).
		return constValue{status: unknown}
	}
	// u refers to inner, or to a nearer declaration of another kind.
	switch inner.state {
	case 1:
		return constValue{status: unknown} // a cycle stays unknown
	case 2:
		return inner.value
	}
	inner.state = 1
	v := c.expr(int(inner.init), int(inner.end))
	inner.state, inner.value = 2, v
	return v
}

// expr evaluates the tokens from i up to end as a constant string
// expression.
func (c *tokenConsts) expr(i, end int) constValue {
	out := constValue{status: known}
	for {
		v, next := c.operand(i)
		if next < 0 {
			return constValue{status: notConst}
		}
		out = concat(out, v)
		switch {
		case next == end:
			return out
		case c.t.Type(next) != js.AddToken:
			return constValue{status: notConst}
		}
		i = next + 1
	}
}

// operand evaluates a string, a template without substitutions, a name or
// a parenthesised expression at token i.
func (c *tokenConsts) operand(i int) (constValue, int) {
	t := c.t
	switch t.Type(i) {
	case js.StringToken, js.TemplateToken:
		s, err := jsregex.DecodeStringLiteral(string(t.Text(i)))
		if err != nil {
			return constValue{}, -1
		}
		return constValue{status: known, value: s}, i + 1
	case js.IdentifierToken:
		return c.name(i), i + 1
	case js.OpenParenToken:
		if t.Match(i) < i {
			return constValue{}, -1
		}
		return c.expr(i+1, t.Match(i)), t.Match(i) + 1
	}
	return constValue{}, -1
}

// concat is a + b: not a constant if either is not one (whatever the
// other turns out to be).
func concat(a, b constValue) constValue {
	switch {
	case a.status == notConst || b.status == notConst:
		return constValue{status: notConst}
	case a.status == unknown || b.status == unknown:
		return constValue{status: unknown}
	}
	return constValue{status: known, value: a.value + b.value}
}

// regexpCall evaluates the arguments of the RegExp call whose opening
// parenthesis is token open: the status, and the pattern and flags when
// known.
func (c *tokenConsts) regexpCall(open int) (constValue, string) {
	t := c.t
	close := t.Match(open)
	if close < 0 {
		return constValue{status: unknown}, ""
	}
	var args []constValue
	for i := open + 1; i < close && len(args) < 2; {
		end := i
		for end < close && t.Type(end) != js.CommaToken {
			if m := t.Match(end); m > end {
				end = m
			}
			end++
		}
		args = append(args, c.expr(i, end))
		i = end + 1
	}
	switch {
	case len(args) == 0 || args[0].status == notConst:
		return constValue{status: notConst}, ""
	case len(args) == 1:
		return args[0], ""
	case args[1].status == notConst:
		return constValue{status: notConst}, ""
	case args[0].status == unknown || args[1].status == unknown:
		return constValue{status: unknown}, ""
	}
	return args[0], args[1].value
}
