package jstokens

import (
	"github.com/tdewolff/parse/v2/js"
)

// Loop is a for, while or do-while statement found in the tokens: ranges
// of token indices, [from, to).
type Loop struct {
	Keyword js.TokenType // js.ForToken, js.WhileToken or js.DoToken
	Range   [2]int       // the whole statement
	Cond    [2]int       // the condition (empty for for(;;))
	Body    [2]int
}

// Loops returns the module's for, while and do-while loops (not for-in
// and for-of), outer loops before the loops they contain. Computed once.
func (t *Tokens) Loops() []Loop {
	return t.Memo("loops", t.loops).([]Loop)
}

func (t *Tokens) loops() any {
	var out []Loop
	tails := map[int]bool{} // the while of each do-while
	for i, tok := range t.Tokens() {
		tt := tok.Type
		if tt != js.ForToken && tt != js.WhileToken && tt != js.DoToken {
			continue
		}
		if prev := t.Type(i - 1); prev == js.DotToken || prev == js.OptChainToken || t.Type(i+1) == js.ColonToken {
			continue // x.do(...), {while: 1}: a property's name
		}
		switch tt {
		case js.ForToken:
			open := i + 1
			if t.Type(open) == js.AwaitToken {
				continue // for await (... of ...)
			}
			if t.Type(open) != js.OpenParenToken || t.Match(open) < 0 {
				continue
			}
			close := t.Match(open)
			semis := t.TopLevel(open+1, close, js.SemicolonToken)
			if len(semis) != 2 {
				continue // for-in, for-of
			}
			body := t.Statement(close + 1)
			out = append(out, Loop{js.ForToken, [2]int{i, body[1]}, [2]int{semis[0] + 1, semis[1]}, body})
		case js.WhileToken:
			open := i + 1
			if tails[i] || t.Type(open) != js.OpenParenToken || t.Match(open) < 0 {
				continue
			}
			close := t.Match(open)
			body := t.Statement(close + 1)
			out = append(out, Loop{js.WhileToken, [2]int{i, body[1]}, [2]int{open + 1, close}, body})
		case js.DoToken:
			body := t.Statement(i + 1)
			w := body[1]
			if t.Type(w) != js.WhileToken || t.Type(w+1) != js.OpenParenToken || t.Match(w+1) < 0 {
				continue
			}
			tails[w] = true
			close := t.Match(w + 1)
			out = append(out, Loop{js.DoToken, [2]int{i, close + 1}, [2]int{w + 2, close}, body})
		}
	}
	return out
}

func isOpen(tt js.TokenType) bool {
	return tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken
}

// Statement returns the token range of the statement starting at token
// i: a block to its closing brace; otherwise up to a semicolon, a closing
// bracket of an enclosing group, or a line break where automatic semicolon
// insertion ends it.
func (t *Tokens) Statement(i int) [2]int {
	if t.Type(i) == js.OpenBraceToken && t.Match(i) > i {
		return [2]int{i, t.Match(i) + 1}
	}
	return [2]int{i, t.StatementEnd(i)}
}

// StatementEnd returns the index after the statement starting at token i,
// read as an expression statement (a brace there opens an object): past
// its semicolon, or at a closing bracket of an enclosing group or a line
// break where automatic semicolon insertion ends it.
func (t *Tokens) StatementEnd(i int) int {
	k := t.stop(i, false)
	if t.Type(k) == js.SemicolonToken {
		k++
	}
	return k
}

// stop returns the first token from i on, outside the brackets opened
// from i, that ends a statement (with comma, an expression): a semicolon,
// a closing bracket, a line break where automatic semicolon insertion
// ends the statement, or with comma, a comma. With comma, a bracket that
// is not closed gives -1; without, it is read as any token.
func (t *Tokens) stop(i int, comma bool) int {
	k := i
	for ; k < t.Len(); k++ {
		typ := t.Type(k)
		switch {
		case typ == js.SemicolonToken || comma && typ == js.CommaToken ||
			typ == js.CloseBraceToken || typ == js.CloseParenToken || typ == js.CloseBracketToken:
			return k
		case isOpen(typ) && t.Match(k) > k:
			k = t.Match(k)
			continue
		case isOpen(typ) && comma:
			return -1
		}
		if k > i && t.SemicolonBefore(k) {
			return k
		}
	}
	return k
}

// SemicolonBefore reports whether automatic semicolon insertion ends a
// statement before token k: a line break after a token that may end an
// expression, before one that starts a statement.
func (t *Tokens) SemicolonBefore(k int) bool {
	return k > 0 && EndsExpression(t.Type(k-1)) && StartsStatement(t.Type(k)) && t.LineBreakBefore(k)
}

// EndsExpression reports whether a token of type tt may end an
// expression, so that a line break after it may end the statement: a
// name, a literal, a closing bracket, ++ or --. Not a keyword such as var,
// new or let (let, a line break and a name declare the name).
func EndsExpression(tt js.TokenType) bool {
	switch tt {
	case js.LetToken:
		return false
	case js.ThisToken, js.SuperToken, js.NullToken, js.TrueToken, js.FalseToken, js.StringToken, js.RegExpToken,
		js.TemplateToken, js.TemplateEndToken, js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken,
		js.IncrToken, js.DecrToken:
		return true
	}
	return js.IsIdentifier(tt) || js.IsNumeric(tt)
}

// StartsStatement reports whether a token of type tt, after a line break,
// starts another statement rather than continuing an expression
// (automatic semicolon insertion): a name or keyword (not in or
// instanceof), a literal, ++, --, {, ! or ~. A ( [ or template continues
// the expression (a call, an index, a tagged template).
func StartsStatement(tt js.TokenType) bool {
	switch {
	case tt == js.InToken || tt == js.InstanceofToken:
		return false
	case js.IsIdentifierName(tt), js.IsNumeric(tt), tt == js.StringToken, tt == js.IncrToken, tt == js.DecrToken,
		tt == js.OpenBraceToken, tt == js.NotToken, tt == js.BitNotToken:
		return true
	}
	return false
}

// CallAt reports whether token k, an opening parenthesis, starts the
// arguments of a call (rather than a group or a statement's condition),
// and returns the index of the callee's last token (-1 when the callee
// is not a name: (f)(), f()()).
func (t *Tokens) CallAt(k int) (callee int, ok bool) {
	if t.Type(k) != js.OpenParenToken || k == 0 {
		return -1, false
	}
	p := t.Type(k - 1)
	switch {
	case p == js.CloseParenToken || p == js.CloseBracketToken || p == js.TemplateToken || p == js.TemplateEndToken:
		return -1, true
	case p == js.IdentifierToken:
		return k - 1, true
	case js.IsIdentifierName(p):
		// A keyword: if (...), while (...), typeof (...) are no calls,
		// but a keyword after a dot is a property name: x.delete(...).
		if k >= 2 && (t.Type(k-2) == js.DotToken || t.Type(k-2) == js.OptChainToken) {
			return k - 1, true
		}
		switch p {
		case js.IfToken, js.WhileToken, js.ForToken, js.SwitchToken, js.CatchToken, js.WithToken,
			js.ReturnToken, js.TypeofToken, js.VoidToken, js.DeleteToken, js.AwaitToken, js.YieldToken,
			js.InToken, js.OfToken, js.InstanceofToken, js.CaseToken, js.NewToken, js.ThrowToken,
			js.ElseToken, js.DoToken, js.FunctionToken, js.ClassToken, js.ExtendsToken:
			return -1, false
		}
		return k - 1, true
	}
	return -1, false
}

// Member reports whether token k is a property name after a dot (x.k) and
// returns the index of the token before the dot.
func (t *Tokens) Member(k int) (object int, ok bool) {
	if k >= 2 && (t.Type(k-1) == js.DotToken || t.Type(k-1) == js.OptChainToken) {
		return k - 2, true
	}
	return -1, false
}

// Assigned reports whether token k, a name, is the target of an
// assignment or an update: k = ..., k += ..., k++, --k.
func (t *Tokens) Assigned(k int) bool {
	if _, member := t.Member(k); member {
		return false
	}
	switch t.Type(k + 1) {
	case js.EqToken, js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken, js.ExpEqToken,
		js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken, js.BitOrEqToken, js.BitXorEqToken,
		js.AndEqToken, js.OrEqToken, js.NullishEqToken, js.IncrToken, js.DecrToken:
		return true
	}
	if k > 0 && (t.Type(k-1) == js.IncrToken || t.Type(k-1) == js.DecrToken) {
		return true
	}
	return false
}

// Plain reports whether the expression starting at token k may be made of
// names and literals only (as far as its first tokens tell): a literal, a
// name not followed by a property, an index or a call, or an operator or
// parenthesis.
func (t *Tokens) Plain(k int) bool {
	switch tt := t.Type(k); {
	case tt == js.IdentifierToken:
		switch t.Type(k + 1) {
		case js.DotToken, js.OptChainToken, js.OpenBracketToken, js.OpenParenToken, js.TemplateToken, js.TemplateStartToken:
			return false
		}
		return true
	case js.IsNumeric(tt), tt == js.StringToken, tt == js.TemplateToken, tt == js.OpenParenToken,
		tt == js.SubToken, tt == js.AddToken, tt == js.NotToken, tt == js.BitNotToken:
		return true
	}
	return false
}
