package cpuloop

import (
	"math"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// interval holds every value an expression may have, as far as tokens
// tell; its ends may be infinite.
type interval struct{ lo, hi float64 }

var anything = interval{math.Inf(-1), math.Inf(1)}

func point(v float64) interval { return interval{v, v} }

// checked widens an interval with a NaN end (Inf - Inf) to anything.
func checked(v interval) interval {
	if math.IsNaN(v.lo) || math.IsNaN(v.hi) {
		return anything
	}
	return v
}

func (a interval) neg() interval { return interval{-a.hi, -a.lo} }

func (a interval) abs() float64 { return max(math.Abs(a.lo), math.Abs(a.hi)) }

// mul multiplies, 0 × ∞ being 0 (an infinite end stands for finite values
// as large as they get).
func mul(x, y float64) float64 {
	if x == 0 || y == 0 {
		return 0
	}
	return x * y
}

// arith applies a binary operator the rule evaluates (+ - * / ** <<) to
// the values of its operands; ok is false when the rule finds no value.
func arith(op js.TokenType, a, b interval) (interval, bool) {
	exact := a.lo == a.hi && b.lo == b.hi
	switch op {
	case js.AddToken:
		return checked(interval{a.lo + b.lo, a.hi + b.hi}), true
	case js.SubToken:
		return checked(interval{a.lo - b.hi, a.hi - b.lo}), true
	case js.MulToken:
		return corners(a, b, mul), true
	case js.DivToken:
		if b.lo <= 0 && b.hi >= 0 {
			if exact {
				return interval{}, false // the rule divides by no 0
			}
			return anything, true
		}
		return corners(a, b, func(x, y float64) float64 { return x / y }), true
	case js.ExpToken:
		if exact {
			return checked(point(math.Pow(a.lo, b.lo))), true
		}
	case js.LtLtToken:
		if exact {
			if b.lo < 0 || b.lo >= 63 {
				return interval{}, false
			}
			return point(float64(int64(a.lo) << uint(b.lo))), true
		}
	}
	return anything, true
}

// corners is f's range over two intervals, f monotonic in each operand on
// each sign.
func corners(a, b interval, f func(x, y float64) float64) interval {
	v := [4]float64{f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)}
	r := interval{v[0], v[0]}
	for _, x := range v[1:] {
		if math.IsNaN(x) {
			return anything
		}
		r = interval{min(r.lo, x), max(r.hi, x)}
	}
	return checked(r)
}

// constAt evaluates the constant expression starting at token k as the
// rule's value does (numbers, names with a constant value, + - * / ** <<,
// negation, parentheses): the values it may have, and the token where it
// stops (which the caller checks). ok is false when what it reads is
// certainly no constant: a name without a constant declaration, a call, a
// property, an index, another unary operator.
func (p *pre) constAt(k int) (interval, int, bool) {
	return p.binary(k, 0, 0)
}

// levels of the binary operators constAt reads, loosest first.
var levels = [][]js.TokenType{{js.LtLtToken}, {js.AddToken, js.SubToken}, {js.MulToken, js.DivToken}}

// binary reads the operators of a level and those binding tighter; names
// are read at depth (see constName).
func (p *pre) binary(k, level, depth int) (interval, int, bool) {
	if level == len(levels) {
		return p.power(k, depth)
	}
	a, k, ok := p.binary(k, level+1, depth)
	for ok {
		op := p.t.Type(k)
		if op != levels[level][0] && (len(levels[level]) < 2 || op != levels[level][1]) {
			break
		}
		var b interval
		b, k, ok = p.binary(k+1, level+1, depth)
		if ok {
			a, ok = arith(op, a, b)
		}
	}
	return a, k, ok
}

func (p *pre) power(k, depth int) (interval, int, bool) {
	a, k, ok := p.unary(k, depth, 0)
	if ok && p.t.Type(k) == js.ExpToken {
		var b interval
		b, k, ok = p.power(k+1, depth)
		if ok {
			a, ok = arith(js.ExpToken, a, b)
		}
	}
	return a, k, ok
}

func (p *pre) unary(k, depth, nesting int) (interval, int, bool) {
	t := p.t
	if nesting > 64 {
		return interval{}, k, false // deeper than the rule evaluates
	}
	var v interval
	switch tt := t.Type(k); {
	case tt == js.SubToken:
		v, k, ok := p.unary(k+1, depth, nesting+1)
		return v.neg(), k, ok
	case js.IsNumeric(tt):
		n, ok := jsast.NumberLiteral(t.Text(k))
		if !ok {
			return interval{}, k, false
		}
		v, k = point(n), k+1
	case isName(tt):
		c := p.constName(t.Text(k), k, depth)
		if !c.ok {
			return interval{}, k, false
		}
		v, k = c.v, k+1
	case tt == js.OpenParenToken:
		m := t.Match(k)
		var end int
		var ok bool
		v, end, ok = p.binary(k+1, 0, depth)
		if !ok || m < 0 || end != m {
			return interval{}, k, false
		}
		k = m + 1
	default:
		return interval{}, k, false
	}
	switch t.Type(k) {
	case js.DotToken, js.OptChainToken, js.OpenBracketToken, js.OpenParenToken, js.TemplateToken, js.TemplateStartToken:
		return interval{}, k, false // a property, an index, a call
	case js.IncrToken, js.DecrToken:
		if !p.t.LineBreakBefore(k) {
			return interval{}, k, false // x++
		}
	}
	return v, k, true
}

// mayBeConstant reports whether constAt may read the expression at token
// k as a constant, as far as its first operand tells: after negations, a
// number, a name or a parenthesis, not followed by a property, an index, a
// call or a template. Most declarators give a value that is none (a call,
// a string, an object, a property): they need not be filed.
func (p *pre) mayBeConstant(k int) bool {
	t := p.t
	for t.Type(k) == js.SubToken {
		k++
	}
	switch tt := t.Type(k); {
	case tt == js.OpenParenToken:
		return true
	case js.IsNumeric(tt) || isName(tt):
		switch t.Type(k + 1) {
		case js.DotToken, js.OptChainToken, js.OpenBracketToken, js.OpenParenToken, js.TemplateToken, js.TemplateStartToken:
			return false
		}
		return true
	}
	return false
}

// maxDepth is how many names deep the rule reads a constant: its value
// gives up past depth 10, and each name it resolves costs one.
const maxDepth = 11

// decl is a declarator that gives a name a value: the value's first
// token, and the tokens where the name may refer to it (its scope, or
// more).
type decl struct {
	value int32
	scope [2]int32
}

// constName returns the values the name at token ref, read depth names
// deep, may have as a constant: those of every declaration (var, let,
// const) giving it a constant expression whose scope may hold ref; ok is
// false when none does. Counting the depth as the rule does ends cycles
// without losing a value the rule may find.
func (p *pre) constName(name []byte, ref, depth int) constant {
	if depth >= maxDepth {
		return constant{}
	}
	if p.decls == nil {
		p.decls = p.declarations()
		p.consts = map[int]*[maxDepth]constant{}
	}
	var c constant
	for d := range p.decls.All(name) {
		if ref < int(d.scope[0]) || ref >= int(d.scope[1]) {
			continue // out of scope
		}
		v := p.declValue(int(d.value), depth)
		if !v.ok {
			continue
		}
		if !c.ok {
			c = v
		} else {
			c.v = interval{min(c.v.lo, v.v.lo), max(c.v.hi, v.v.hi)}
		}
	}
	return c
}

// declIndex lists declarators by name, the latest first.
type declIndex = jstokens.Names[decl]

// declValue returns the values of the declarator's value at token k as a
// constant, its names read one deeper than depth.
func (p *pre) declValue(k, depth int) constant {
	memo, ok := p.consts[k]
	if !ok {
		memo = new([maxDepth]constant)
		p.consts[k] = memo
	}
	if memo[depth].known {
		return memo[depth]
	}
	v, end, ok := p.binary(k, 0, depth+1)
	c := constant{v: v, ok: ok && !continues(p.t, end), known: true}
	memo[depth] = c
	return c
}

// declarations indexes, by name, the declarators (after var, let or
// const, or after a comma, which may be one) that give a name a value
// that may be a constant, with their scopes: for let and const the
// innermost braces around them, for var (and after a comma) the innermost
// braces that certainly are a function's body, or the module. It reads
// only the braces and the declarators scan marked.
func (p *pre) declarations() *declIndex {
	t := p.t
	d := &declScan{p: p, out: jstokens.NewNames[decl](t, len(p.w.marks)/16)}            // about one mark in 16 is filed
	d.stack = append(d.stack, brace{scope: [2]int32{0, int32(t.Len())}, function: yes}) // the module
	for _, k := range p.w.marks {
		switch t.Type(int(k)) {
		case js.OpenBraceToken:
			d.open(int(k))
		case js.CloseBraceToken:
			if len(d.stack) > 1 {
				d.stack = d.stack[:len(d.stack)-1]
			}
		default:
			d.declare(int(k))
		}
	}
	return d.out
}

// declScan is the state of declarations' pass: the braces around the
// token, innermost last.
type declScan struct {
	p     *pre
	out   *declIndex
	stack []brace
}

type brace struct {
	scope    [2]int32
	function int8 // whether it certainly opens a function's body: yes, no, or 0 (not known yet)
}

const (
	yes int8 = 1
	no  int8 = -1
)

func (d *declScan) open(k int) {
	end := d.p.t.Match(k)
	if end < k {
		end = d.p.t.Len()
	}
	d.stack = append(d.stack, brace{scope: [2]int32{int32(k), int32(end + 1)}})
}

// function reports whether brace b of the stack certainly opens a
// function's body; asked only for a var, most braces never are.
func (d *declScan) function(b *brace) bool {
	if b.function == 0 {
		b.function = no
		if d.p.functionBody(int(b.scope[0])) {
			b.function = yes
		}
	}
	return b.function == yes
}

// declare files name k, before =, if a declarator may give it the value
// and the value may be a constant.
func (d *declScan) declare(k int) {
	t := d.p.t
	if !d.p.mayBeConstant(k + 2) {
		return
	}
	scope := d.stack[0].scope
	switch t.Type(k - 1) {
	case js.LetToken, js.ConstToken:
		scope = d.stack[len(d.stack)-1].scope
	case js.VarToken, js.CommaToken:
		for i := len(d.stack) - 1; i >= 0; i-- {
			if d.function(&d.stack[i]) {
				scope = d.stack[i].scope
				break
			}
		}
	default:
		return
	}
	d.out.Add(k, decl{int32(k + 2), scope})
}

// functionBody reports whether brace k certainly opens a function's body:
// after => or, on the same line, after the parameters of a function or a
// method (a parenthesis not after if, for, while, switch, with, catch or
// for await).
func (p *pre) functionBody(k int) bool {
	t := p.t
	switch t.Type(k - 1) {
	case js.ArrowToken:
		return true
	case js.CloseParenToken:
		o := t.Match(k - 1)
		if o < 1 || p.t.LineBreakBefore(k) {
			return false
		}
		switch t.Type(o - 1) {
		case js.IfToken, js.ForToken, js.WhileToken, js.SwitchToken, js.WithToken, js.CatchToken, js.AwaitToken:
			return false
		}
		return true
	}
	return false
}

// continues reports whether token k, after an expression, makes it a
// larger one: a binary or assignment operator, ?, =>, in, instanceof.
func continues(t interface{ Type(int) js.TokenType }, k int) bool {
	switch tt := t.Type(k); tt {
	case js.NotToken, js.BitNotToken, js.IncrToken, js.DecrToken:
		return false
	case js.QuestionToken, js.ArrowToken, js.InToken, js.InstanceofToken:
		return true
	default:
		return js.IsOperator(tt)
	}
}

// leaves reports whether the rule sees loop l leave early: a return or a
// throw, or a break (labelled, or out of no inner loop or switch), in its
// body outside nested functions. Only tokens certainly in a block of the
// body are read: a brace that may open a function, a class or an object
// literal is skipped, and so is a braceless body past its first
// statement's certain end.
func (p *pre) leaves(l jstokens.Loop) bool {
	t := p.t
	from := l.Body[0]
	to := p.lowerEnd(from, 0)
	inner := -1 // breaks up to here are in an inner loop or switch
	var blocks []int
	for k := from; k < to; k++ {
		for len(blocks) > 0 && k > blocks[len(blocks)-1] {
			blocks = blocks[:len(blocks)-1]
		}
		switch tt := t.Type(k); tt {
		case js.OpenBraceToken:
			m := t.Match(k)
			if m < k {
				return false
			}
			if k == from || p.block(k) {
				blocks = append(blocks, m)
			} else {
				k = m
			}
		case js.ForToken, js.WhileToken, js.SwitchToken, js.DoToken:
			if p.member(k) {
				continue
			}
			end := to
			if len(blocks) > 0 {
				end = blocks[len(blocks)-1]
			}
			if tt == js.DoToken {
				if t.Type(k+1) == js.OpenBraceToken && t.Match(k+1) > k {
					end = t.Match(k + 1)
				}
			} else {
				o := k + 1
				if t.Type(o) == js.AwaitToken {
					o++
				}
				if c := t.Match(o); t.Type(o) == js.OpenParenToken && c > o && t.Type(c+1) == js.OpenBraceToken && t.Match(c+1) > c {
					end = t.Match(c + 1)
				}
			}
			inner = max(inner, end)
		case js.ReturnToken, js.ThrowToken:
			if !p.member(k) {
				return true
			}
		case js.BreakToken:
			if p.member(k) {
				continue
			}
			if isName(t.Type(k+1)) && !p.t.LineBreakBefore(k+1) || k > inner {
				return true
			}
		}
	}
	return false
}

// block reports whether brace k certainly opens a block statement (not a
// function body, a class body or an object literal), read in a block.
func (p *pre) block(k int) bool {
	t := p.t
	switch t.Type(k - 1) {
	case js.SemicolonToken, js.OpenBraceToken, js.CloseBraceToken, js.ElseToken, js.DoToken, js.TryToken, js.FinallyToken, js.CatchToken:
		return true
	case js.CloseParenToken:
		o := t.Match(k - 1)
		if o < 1 {
			return false
		}
		kw := o - 1
		if t.Type(kw) == js.AwaitToken && t.Type(kw-1) == js.ForToken {
			kw--
		}
		switch t.Type(kw) {
		case js.IfToken, js.ForToken, js.WhileToken, js.SwitchToken, js.WithToken:
			// A statement, unless a method of that name: in a block, a
			// method can only follow these.
			switch t.Type(kw - 1) {
			case js.CommaToken, js.MulToken, js.AsyncToken, js.GetToken, js.SetToken, js.StaticToken, js.DotToken, js.OptChainToken:
				return false
			}
			return true
		case js.CatchToken:
			return t.Type(kw-1) == js.CloseBraceToken
		}
	}
	return false
}

// lowerEnd returns where the statement starting at token k certainly has
// not ended yet: its end, or earlier (an if's then-branch only, a simple
// statement up to a line break).
func (p *pre) lowerEnd(k, depth int) int {
	t := p.t
	if depth > 64 {
		return k
	}
	switch t.Type(k) {
	case js.OpenBraceToken:
		if m := t.Match(k); m > k {
			return m + 1
		}
		return k
	case js.IfToken, js.ForToken, js.WhileToken, js.WithToken:
		o := k + 1
		if t.Type(o) == js.AwaitToken {
			o++
		}
		if c := t.Match(o); t.Type(o) == js.OpenParenToken && c > o {
			return p.lowerEnd(c+1, depth+1)
		}
		return k
	case js.DoToken:
		return p.lowerEnd(k+1, depth+1)
	}
	if isName(t.Type(k)) && t.Type(k+1) == js.ColonToken { // a label
		return p.lowerEnd(k+2, depth+1)
	}
	for j := k; j < t.Len(); j++ {
		switch tt := t.Type(j); {
		case j > k && p.t.LineBreakBefore(j):
			return j
		case tt == js.SemicolonToken:
			return j + 1
		case tt == js.CloseBraceToken || tt == js.CloseParenToken || tt == js.CloseBracketToken:
			return j
		case tt == js.OpenBraceToken:
			if m := t.Match(j); m > j {
				return m + 1
			}
			return j
		case tt == js.OpenParenToken || tt == js.OpenBracketToken:
			if m := t.Match(j); m > j {
				j = m
			} else {
				return j
			}
		}
	}
	return t.Len()
}

// upperEnd returns where the statement starting at token k has certainly
// ended: its end, or later.
func (p *pre) upperEnd(k, depth int) int {
	t := p.t
	if depth > 64 {
		return t.Len()
	}
	switch t.Type(k) {
	case js.OpenBraceToken:
		if m := t.Match(k); m > k {
			return m + 1
		}
		return t.Len()
	case js.IfToken, js.ForToken, js.WhileToken, js.WithToken:
		o := k + 1
		if t.Type(o) == js.AwaitToken {
			o++
		}
		c := t.Match(o)
		if t.Type(o) != js.OpenParenToken || c < o {
			return t.Len()
		}
		end := p.upperEnd(c+1, depth+1)
		if t.Type(k) == js.IfToken && t.Type(end) == js.ElseToken {
			end = p.upperEnd(end+1, depth+1)
		}
		return end
	case js.DoToken:
		end := p.upperEnd(k+1, depth+1)
		if c := t.Match(end + 1); t.Type(end) != js.WhileToken || t.Type(end+1) != js.OpenParenToken || c < end {
			return t.Len()
		} else if t.Type(c+1) == js.SemicolonToken {
			return c + 2
		} else {
			return c + 1
		}
	case js.TryToken:
		end := p.upperEnd(k+1, depth+1)
		if t.Type(end) == js.CatchToken {
			end++
			if c := t.Match(end); t.Type(end) == js.OpenParenToken && c > end {
				end = c + 1
			}
			end = p.upperEnd(end, depth+1)
		}
		if t.Type(end) == js.FinallyToken {
			end = p.upperEnd(end+1, depth+1)
		}
		return end
	}
	if isName(t.Type(k)) && t.Type(k+1) == js.ColonToken { // a label
		return p.upperEnd(k+2, depth+1)
	}
	for j := k; j < t.Len(); j++ {
		switch tt := t.Type(j); {
		case j > k && startsStatement(tt) && endsExpression(t.Type(j-1)) && p.t.LineBreakBefore(j):
			return j
		case tt == js.SemicolonToken:
			return j + 1
		case tt == js.CloseBraceToken || tt == js.CloseParenToken || tt == js.CloseBracketToken:
			return j
		case tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken:
			if m := t.Match(j); m > j {
				j = m
			} else {
				return t.Len()
			}
		}
	}
	return t.Len()
}

// endsExpression reports whether a token may end an expression
// statement before a line break (so that the next line starts another).
func endsExpression(tt js.TokenType) bool {
	switch tt {
	case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.IncrToken, js.DecrToken,
		js.StringToken, js.TemplateToken, js.TemplateEndToken, js.RegExpToken, js.IdentifierToken,
		js.ThisToken, js.NullToken, js.TrueToken, js.FalseToken, js.SuperToken:
		return true
	}
	return js.IsNumeric(tt)
}

// startsStatement reports whether a token after such a line break
// certainly starts another statement (a name, a keyword, a literal; not
// in or instanceof, which continue the expression, nor a template, a
// parenthesis or an operator).
func startsStatement(tt js.TokenType) bool {
	switch tt {
	case js.InToken, js.InstanceofToken:
		return false
	case js.StringToken:
		return true
	}
	return js.IsIdentifierName(tt) || js.IsNumeric(tt)
}
