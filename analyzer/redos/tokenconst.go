package redos

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsregex"
)

// The prefilter evaluates RegExp(...) arguments from tokens the way
// constString evaluates them on the tree: strings, templates without
// substitutions, +, parentheses, and names declared const with such an
// initialiser. Names are matched by spelling, not by scope, so a value
// found here is the one the tree finds, if the tree finds one; what the
// tokens cannot settle is unknown, and needs the tree.

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
	t     *jstokens.Tokens
	decls map[string][][2]int // name → the token range of each initialiser; {-1, -1}: a declarator whose kind the tokens do not show (declarations, built for the first name)
	names map[string]constValue
}

func tokenConstsOf(t *jstokens.Tokens) *tokenConsts {
	return t.Memo("redos.consts", func() any {
		return &tokenConsts{t: t, names: map[string]constValue{}}
	}).(*tokenConsts)
}

// declarations indexes the module's const declarators, and the names
// after a comma and before = that may be const declarators.
func (c *tokenConsts) declarations() {
	t := c.t
	c.decls = map[string][][2]int{}
	declared := make([]bool, t.Len()) // declarators of var, let and const statements
	for d := 0; d < t.Len(); d++ {
		kind := t.Type(d)
		if kind != js.ConstToken && kind != js.VarToken && kind != js.LetToken {
			continue
		}
		// const A = "x", B = A + "y": follow the declarators while the
		// tokens show where each ends.
		for k := d + 1; t.Type(k) == js.IdentifierToken; {
			declared[k] = true
			next := k + 1
			if t.Type(k+1) == js.EqToken {
				if next = t.ExpressionEnd(k + 2); next < 0 {
					break
				}
				if kind == js.ConstToken {
					c.decls[string(t.Text(k))] = append(c.decls[string(t.Text(k))], [2]int{k + 2, next})
				}
			}
			if t.Type(next) != js.CommaToken {
				break
			}
			k = next + 1
		}
	}
	for i := 1; i+1 < t.Len(); i++ {
		if t.Type(i) == js.IdentifierToken && t.Type(i+1) == js.EqToken && t.Type(i-1) == js.CommaToken && !declared[i] {
			// f(a, B = ...), a, B = ..., or a declarator after an
			// initialiser the tokens could not follow.
			c.decls[string(t.Text(i))] = append(c.decls[string(t.Text(i))], [2]int{-1, -1})
		}
	}
}

// name returns the value of a name used in a constant expression.
func (c *tokenConsts) name(n string) constValue {
	if v, ok := c.names[n]; ok {
		return v
	}
	if c.decls == nil {
		c.declarations()
	}
	decls := c.decls[n]
	switch {
	case len(decls) == 0:
		return constValue{status: notConst}
	case len(decls) > 1 || decls[0][0] < 0:
		return constValue{status: unknown} // which declaration it is takes scopes
	}
	c.names[n] = constValue{status: unknown} // a cycle stays unknown
	v := c.expr(decls[0][0], decls[0][1])
	c.names[n] = v
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
		return c.name(string(t.Text(i))), i + 1
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
