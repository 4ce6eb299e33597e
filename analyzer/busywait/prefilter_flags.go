package busywait

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// The flags of the prefilter: an exit that waits for a variable only
// callbacks set (see flagExit).

// flagExit reports whether exit condition e of loop l may wait for a flag:
// names, literals and operators only (no call, member, index or new); no
// name the loop surely assigns (see setIn) that is surely declared (the
// rule passes over globals); and a name, not the loop's own, that may be
// assigned in its scope outside the loop, in another function than the
// loop's.
func (s *scan) flagExit(l jstokens.Loop, e [2]int) bool {
	t := s.t
	for k := e[0]; k < e[1]; k++ {
		switch t.Type(k) {
		case js.DotToken, js.OptChainToken, js.NewToken:
			return false
		case js.OpenBracketToken:
			switch t.Type(k - 1) {
			case js.IdentifierToken, js.CloseParenToken, js.CloseBracketToken, js.ThisToken, js.SuperToken:
				return false // an index (otherwise an array)
			}
		case js.OpenParenToken:
			if _, call := s.call(k); call {
				return false
			}
		}
	}
	for k := e[0]; k < e[1]; k++ {
		if js.IsIdentifier(t.Type(k)) && t.Type(k+1) != js.ColonToken && s.setIn(l, k) {
			if _, ok := s.scope(l, k); ok {
				return false // (the rule passes over undeclared, global names)
			}
		}
	}
	for k := e[0]; k < e[1]; k++ {
		if js.IsIdentifier(t.Type(k)) && !s.loopScoped(l, k) && s.assignedElsewhere(l, k) {
			return true
		}
	}
	return false
}

// scope returns the tokens of the scope around loop l that declares the
// name at token k of the loop's exit, where all the assignments of the
// variable are; ok is false when no declaration was found (perhaps a
// global, which the rule passes over; the range is then the module's). It
// looks for the loop's head, the heads of the fors and catches around it,
// let, const, var, function and class at the top of the blocks around it
// and the parameters of the functions around it; a var's scope is its
// function's. Imports are no declarations: the parser leaves them
// undeclared.
func (s *scan) scope(l jstokens.Loop, k int) (r [2]int, ok bool) {
	t := s.t
	module := [2]int{0, t.Len()}
	if l.Keyword == js.ForToken {
		if d := l.Range[0] + 2; isDecl(t.Type(d)) && s.declaresExactly(d, k) {
			if t.Type(d) == js.VarToken {
				return s.varScope(l.Range[0]), true
			}
			return l.Range, true
		}
	}
	if s.varIn(l.Range, k) {
		return s.varScope(l.Range[0]), true
	}
	for j := l.Range[0] - 1; j >= 0; j-- {
		switch tt := t.Type(j); {
		case tt == js.CloseParenToken || tt == js.CloseBracketToken || tt == js.CloseBraceToken:
			m := t.Match(j)
			if m < 0 || m > j {
				return module, false
			}
			if tt == js.CloseParenToken && s.head(m, j, k) {
				// for (let i ...) or catch (e), around the loop
				end := s.t.StatementEnd(j + 1)
				if t.Type(j+1) == js.OpenBraceToken {
					end = t.Match(j + 1)
				}
				if end >= l.Range[1]-1 {
					if t.Type(m+1) == js.VarToken {
						return s.varScope(m), true
					}
					return [2]int{m - 1, end}, true
				}
			}
			j = m
		case tt == js.OpenBraceToken:
			p, fn := s.body(j)
			fn = fn && s.real(p)
			switch s.topDeclares([2]int{j + 1, t.Match(j)}, k) {
			case js.LetToken, js.ConstToken, js.ClassToken:
				return [2]int{j, t.Match(j)}, true
			case js.VarToken, js.FunctionToken:
				if fn {
					return [2]int{p, t.Match(j)}, true
				}
				return s.varScope(j), true
			}
			if fn && (s.param(p, k) || s.varIn([2]int{j + 1, t.Match(j)}, k)) {
				return [2]int{p, t.Match(j)}, true
			}
		}
	}
	if s.level == guess {
		return module, false // the module's top is looked up later
	}
	if s.top == nil {
		s.top = map[string]bool{}
		s.topDeclares(module, -1)
	}
	return module, s.top[string(t.Text(k))]
}

// varScope returns the tokens of the function holding token k (the scope
// of a var there), or the module's: the innermost range enclosing finds
// that is surely a function's (see real).
func (s *scan) varScope(k int) [2]int {
	f := s.enclosing(k)
	for f[0] >= 0 && !s.real(f[0]) {
		f = s.enclosing(f[0])
	}
	return f
}

// real reports whether a function's parameters at token p (see body) are
// surely a function's, not a call's followed by a block.
func (s *scan) real(p int) bool {
	return s.t.Type(p) != js.OpenParenToken || s.isFunction(p) // x => ...
}

// varIn reports whether a var in tokens r (not in a function in them)
// declares the name at token k.
func (s *scan) varIn(r [2]int, k int) bool {
	t := s.t
	for j := r[0]; j < r[1]; j++ {
		switch t.Type(j) {
		case js.VarToken:
			if s.declaresExactly(j, k) {
				return true
			}
		case js.OpenBraceToken:
			if _, ok := s.body(j); ok {
				j = t.Match(j) // a function in r
			}
		case js.ArrowToken:
			if t.Type(j+1) != js.OpenBraceToken {
				j = s.t.StatementEnd(j+1) - 1
			}
		}
	}
	return false
}

func isDecl(tt js.TokenType) bool {
	return tt == js.LetToken || tt == js.ConstToken || tt == js.VarToken
}

// head reports whether the parentheses from token open to close are the
// head of a for that declares the name at token k (let, const, var) or of
// a catch clause naming it (catch (e)).
func (s *scan) head(open, close, k int) bool {
	t := s.t
	switch t.Type(open - 1) {
	case js.ForToken:
		d := open + 1
		return (t.Type(d) == js.LetToken || t.Type(d) == js.ConstToken || t.Type(d) == js.VarToken) && s.declaresExactly(d, k)
	case js.CatchToken:
		return close == open+2 && s.same(open+1, k)
	}
	return false
}

// topDeclares returns the keyword (let, const, var, function or class)
// of a statement at the top of tokens r (not in brackets) that declares
// the name at token k, or 0. With k < 0, it files every name so declared
// in s.top instead.
func (s *scan) topDeclares(r [2]int, k int) js.TokenType {
	t := s.t
	for j := r[0]; j < r[1]; j++ {
		tt := t.Type(j)
		switch {
		case tt == js.LetToken || tt == js.ConstToken || tt == js.VarToken:
			if s.declarators(j, func(i int) bool {
				if k < 0 {
					s.top[string(t.Text(i))] = true
				}
				return k >= 0 && s.same(i, k)
			}) {
				return tt
			}
		case tt == js.FunctionToken || tt == js.ClassToken:
			n := j + 1
			if t.Type(n) == js.MulToken {
				n++
			}
			if js.IsIdentifier(t.Type(n)) {
				if k < 0 {
					s.top[string(t.Text(n))] = true
				} else if s.same(n, k) {
					return tt
				}
			}
		}
		if (tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken) && t.Match(j) > j {
			j = t.Match(j)
		}
	}
	return 0
}

// param reports whether the name at token k is a parameter of the
// function whose parameters start at token p: a name of a plain list (no
// defaults), or the parameter of x => .... Only a function or an arrow
// counts (a method's head looks like a call followed by a block).
func (s *scan) param(p, k int) bool {
	t := s.t
	if t.Type(p) != js.OpenParenToken {
		return s.same(p, k) && t.Type(p+1) == js.ArrowToken
	}
	if !s.isFunction(p) {
		return false
	}
	for j := p + 1; j < t.Match(p); j++ {
		switch t.Type(j) {
		case js.EqToken, js.StringToken, js.OpenBracketToken:
			return false
		}
	}
	for j := p + 1; j < t.Match(p); j++ {
		if s.same(j, k) && t.Type(j+1) != js.ColonToken {
			return true
		}
	}
	return false
}

// isFunction reports whether the parenthesis at token p opens the
// parameters of a function (function f(...), function* (...)), of an
// arrow, or of a method of a class or an object literal (not a call
// followed by a block on the next line).
func (s *scan) isFunction(p int) bool {
	t := s.t
	if t.Type(t.Match(p)+1) == js.ArrowToken {
		return true
	}
	i := p - 1
	if js.IsIdentifier(t.Type(i)) {
		i--
	}
	if t.Type(i) == js.MulToken {
		i--
	}
	if t.Type(i) == js.FunctionToken {
		return true
	}
	if t.Type(t.Match(p)+1) != js.OpenBraceToken {
		return false
	}
	// A method: its name, in the braces of a class or an object.
	for i := p - 2; i >= 0 && i > p-4096; i-- {
		switch tt := t.Type(i); {
		case tt == js.CloseParenToken || tt == js.CloseBracketToken || tt == js.CloseBraceToken:
			if m := t.Match(i); m >= 0 && m < i {
				i = m
				continue
			}
			return false
		case tt == js.OpenParenToken || tt == js.OpenBracketToken:
			return false
		case tt == js.OpenBraceToken:
			return s.members(i)
		}
	}
	return false
}

// members reports whether the brace at token k opens the body of a class
// or an object literal.
func (s *scan) members(k int) bool {
	t := s.t
	switch t.Type(k - 1) {
	case js.EqToken, js.OpenParenToken, js.CommaToken, js.QuestionToken, js.OpenBracketToken,
		js.OrToken, js.AndToken, js.NullishToken:
		return true // an object
	case js.ReturnToken:
		return !s.lineBreak(k - 1)
	}
	for i := k - 1; i >= 0 && i > k-64; i-- { // class X extends Y {
		switch tt := t.Type(i); {
		case tt == js.ClassToken:
			return true
		case tt == js.CloseParenToken || tt == js.CloseBracketToken:
			if m := t.Match(i); m >= 0 && m < i {
				i = m
				continue
			}
			return false
		case tt == js.SemicolonToken || tt == js.OpenBraceToken || tt == js.CloseBraceToken:
			return false
		}
	}
	return false
}

// setIn reports whether loop l surely assigns the variable named at token
// k: an assignment or update of the name, and no declaration of the name
// in the loop's body (which would be another variable).
func (s *scan) setIn(l jstokens.Loop, k int) bool {
	f := s.loopFacts(l)
	name := string(s.t.Text(k))
	return !f.all && f.set[name] && !f.declared[name]
}

// facts are what one pass over a loop's tokens tells of its names.
type facts struct {
	loop     [2]int
	level    int
	set      map[string]bool // surely assigned or updated in the loop (see updated)
	declared map[string]bool // perhaps declared in the loop's body
	all      bool            // any name may be: a declaration the pass does not follow
	reread   map[string]bool // assigned (=) a value that may read a clock
}

// loopFacts returns the facts of loop l, computed once per loop and pass.
func (s *scan) loopFacts(l jstokens.Loop) *facts {
	f := &s.facts
	if f.set != nil && f.loop == l.Range && f.level == s.level {
		return f
	}
	if f.set == nil {
		f.set, f.declared, f.reread = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	clear(f.set)
	clear(f.declared)
	clear(f.reread)
	f.loop, f.level, f.all = l.Range, s.level, false
	t := s.t
	for j := l.Range[0]; j < l.Range[1]; j++ {
		switch tt := t.Type(j); {
		case tt == js.LetToken || tt == js.ConstToken || tt == js.VarToken:
			if j >= l.Body[0] && j < l.Body[1] && !s.mayDeclare(j, func(i int) { f.declared[string(t.Text(i))] = true }) {
				f.all = true
			}
			continue
		case tt == js.CatchToken:
			if t.Type(j+1) == js.OpenParenToken {
				m := t.Match(j + 1)
				if m < j {
					f.all = true
				}
				for i := j + 2; i < m; i++ {
					if js.IsIdentifierName(t.Type(i)) {
						f.declared[string(t.Text(i))] = true
					}
				}
			}
			continue
		case !js.IsIdentifier(tt):
			continue
		}
		if _, member := t.Member(j); member {
			continue
		}
		if s.updated(j) {
			f.set[string(t.Text(j))] = true
		}
		if t.Type(j+1) == js.EqToken {
			switch t.Type(j - 1) {
			case js.LetToken, js.ConstToken, js.VarToken:
				// a declaration: the rule follows assignments
			default:
				if s.readsClock(j + 2) {
					f.reread[string(t.Text(j))] = true
				}
			}
		}
	}
	return f
}

// updated reports whether the name at token j is surely assigned there:
// j++, --j, j op= ..., j = ...; but not = in a declaration or a pattern,
// or after a comma (perhaps a declaration's).
func (s *scan) updated(j int) bool {
	t := s.t
	prev, next := t.Type(j-1), t.Type(j+1)
	switch {
	case next == js.IncrToken || next == js.DecrToken:
		return !s.lineBreak(j) // j\n++x is j; ++x
	case prev == js.IncrToken || prev == js.DecrToken:
		return !s.lineBreak(j - 1) // x++\nj is no update of j
	case next == js.EqToken:
		switch prev {
		case js.LetToken, js.ConstToken, js.VarToken, js.OpenBracketToken, js.EllipsisToken:
			return false
		case js.CommaToken:
			// a, j = ... in an expression; not in a declaration's list
			// or a pattern
			decl, open := s.list(j)
			return !decl && (open < 0 || t.Type(open) == js.OpenParenToken || s.block(open))
		case js.ColonToken:
			return s.label(j - 1) // case x: j = ..., c ? a : j = ...
		case js.OpenBraceToken:
			return s.block(j - 1)
		}
		return true
	case isAssign(next):
		return true // op= neither declares nor defaults
	}
	return false
}

// list reports, for the name at token j after a comma, whether the comma
// separates the names of a let, const or var declaration, and returns the
// bracket holding the list (-1: a statement's).
func (s *scan) list(j int) (decl bool, open int) {
	t := s.t
	for i := j - 2; i >= 0; i-- {
		switch tt := t.Type(i); {
		case tt == js.CloseParenToken || tt == js.CloseBracketToken || tt == js.CloseBraceToken:
			m := t.Match(i)
			if m < 0 || m > i {
				return false, i
			}
			i = m
		case tt == js.OpenParenToken || tt == js.OpenBracketToken || tt == js.OpenBraceToken:
			return false, i
		case tt == js.SemicolonToken:
			return false, -1
		case tt == js.VarToken || tt == js.ConstToken:
			return true, -1
		case tt == js.LetToken:
			if n := t.Type(i + 1); js.IsIdentifier(n) || n == js.OpenBraceToken || n == js.OpenBracketToken {
				return true, -1
			}
		}
		if t.SemicolonBefore(i) {
			return false, -1 // a semicolon inserted before i
		}
	}
	return false, -1
}

// label reports whether the colon at token c ends a case label or is a
// conditional's (not an object's or a pattern's).
func (s *scan) label(c int) bool {
	t := s.t
	for i := c - 1; i >= 0 && i > c-64; i-- {
		switch tt := t.Type(i); {
		case tt == js.CloseParenToken || tt == js.CloseBracketToken || tt == js.CloseBraceToken:
			m := t.Match(i)
			if m < 0 || m > i {
				return false
			}
			i = m
		case tt == js.CaseToken || tt == js.DefaultToken || tt == js.QuestionToken:
			return true
		case tt == js.OpenParenToken || tt == js.OpenBracketToken || tt == js.OpenBraceToken,
			tt == js.SemicolonToken || tt == js.CommaToken || tt == js.ColonToken:
			return false
		}
	}
	return false
}

// block reports whether the brace at token k surely opens a block
// statement (not an object literal or pattern).
func (s *scan) block(k int) bool {
	switch s.t.Type(k - 1) {
	case js.CloseParenToken, js.OpenBraceToken, js.CloseBraceToken, js.SemicolonToken, js.ElseToken,
		js.DoToken, js.TryToken, js.FinallyToken, js.ErrorToken:
		return true
	}
	return false
}

// mayDeclare calls f on the names the declaration at keyword d (let,
// const, var) may declare: the names of its list, every name in its
// patterns. It returns false when it cannot follow the declaration.
func (s *scan) mayDeclare(d int, f func(j int)) bool {
	_, ok := s.declaration(d, func(j int, _ bool) bool {
		f(j)
		return false
	})
	return ok
}

// assignedElsewhere reports whether the variable named at token k of loop
// l's exit may be assigned (=, op=, ++, --; a declaration let x = ... is
// no assignment) outside the loop and in another function than the
// loop's, as a flag is. Its assignments are in its scope (see scope).
func (s *scan) assignedElsewhere(l jstokens.Loop, k int) bool {
	if s.level == guess {
		return true
	}
	r, _ := s.scope(l, k)
	var as []int
	if r[1]-r[0] < s.t.Len()/8 {
		as = s.assignments(r, k)
	} else {
		if s.assigns == nil {
			s.assigns = map[string]*[]int{}
			s.assignments([2]int{0, s.t.Len()}, -1)
		}
		if p := s.assigns[string(s.t.Text(k))]; p != nil {
			as = *p
		}
	}
	fn := s.enclosing(l.Range[0])
	for _, a := range as {
		if a >= l.Range[0] && a < l.Range[1] || a < r[0] || a > r[1] {
			continue
		}
		if a < fn[0] || a > fn[1] || s.enclosing(a) != fn {
			return true
		}
	}
	return false
}

// assignments returns the tokens in r where the name at token k may be
// assigned (=, op=, ++, --), not declared (let x = ..., and the names
// after a comma in a declaration's list). With k < 0, it files the
// assignments of every name in s.assigns instead.
func (s *scan) assignments(r [2]int, k int) []int {
	t := s.t
	var as []int
	for j := r[0]; j < r[1]; j++ {
		if !js.IsIdentifier(t.Type(j)) || k >= 0 && !s.same(j, k) || !t.Assigned(j) {
			continue
		}
		switch t.Type(j - 1) {
		case js.LetToken, js.ConstToken, js.VarToken:
			continue
		case js.CommaToken:
			if t.Type(j+1) == js.EqToken {
				if decl, _ := s.list(j); decl {
					continue
				}
			}
		}
		if k >= 0 {
			as = append(as, j)
			continue
		}
		p := s.assigns[string(t.Text(j))]
		if p == nil {
			p = new([]int)
			s.assigns[string(t.Text(j))] = p
		}
		*p = append(*p, j)
	}
	return as
}

// loopScoped reports whether the name at token k of loop l's exit is
// declared with let or const in the loop's head, or at the top of its
// body when k is in the body: a variable of the loop, which only the loop
// assigns.
func (s *scan) loopScoped(l jstokens.Loop, k int) bool {
	t := s.t
	if l.Keyword == js.ForToken {
		if d := l.Range[0] + 2; (t.Type(d) == js.LetToken || t.Type(d) == js.ConstToken) && s.declaresExactly(d, k) {
			return true
		}
	}
	b := l.Body
	if k < b[0] || k >= b[1] || t.Type(b[0]) != js.OpenBraceToken {
		return false
	}
	for j := b[0] + 1; j < b[1]-1; j++ {
		switch tt := t.Type(j); {
		case tt == js.LetToken || tt == js.ConstToken:
			if s.declaresExactly(j, k) {
				return true
			}
		case (tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken) && t.Match(j) > j:
			j = t.Match(j)
		}
	}
	return false
}

// body reports whether a function's body opens at brace j (after `) `,
// but not of if, while, for, switch, catch or with; or after =>) and
// returns where its parameters start. A call followed by a block on the
// next line counts too, which only splits a function in two.
func (s *scan) body(j int) (params int, ok bool) {
	t := s.t
	if t.Type(j) != js.OpenBraceToken || t.Match(j) < j {
		return -1, false
	}
	p := j - 1
	switch t.Type(p) {
	case js.ArrowToken:
		p--
		if t.Type(p) != js.CloseParenToken {
			return p, true // x => {
		}
	case js.CloseParenToken:
	default:
		return -1, false
	}
	p = t.Match(p)
	if p < 0 {
		return -1, false
	}
	if t.Type(j-1) == js.CloseParenToken {
		switch t.Type(p - 1) {
		case js.IfToken, js.WhileToken, js.ForToken, js.SwitchToken, js.CatchToken, js.WithToken:
			return -1, false
		}
	}
	return p, true
}

// enclosing returns the tokens of the innermost function holding token k,
// from its parameters to its end ({-1, Len} outside functions), walking
// back from k over the groups before it.
func (s *scan) enclosing(k int) [2]int {
	t := s.t
	for j := k - 1; j >= 0; j-- {
		switch tt := t.Type(j); {
		case tt == js.CloseBraceToken || tt == js.CloseParenToken || tt == js.CloseBracketToken:
			if m := t.Match(j); m >= 0 && m < j {
				j = m // a group before k
			}
		case tt == js.OpenBraceToken:
			if p, ok := s.body(j); ok {
				return [2]int{p, t.Match(j)}
			}
		case tt == js.OpenParenToken:
			// k in a function's parameters
			if m := t.Match(j); m > j {
				if b := m + 1; t.Type(b) == js.OpenBraceToken {
					if p, ok := s.body(b); ok && p == j {
						return [2]int{p, t.Match(b)}
					}
				} else if t.Type(b) == js.ArrowToken {
					if t.Type(b+1) == js.OpenBraceToken && t.Match(b+1) > b {
						return [2]int{j, t.Match(b + 1)}
					}
					return [2]int{j, s.t.StatementEnd(b + 1)}
				}
			}
		case tt == js.ArrowToken && t.Type(j+1) != js.OpenBraceToken:
			if end := s.t.StatementEnd(j + 1); end > k { // k in an arrow's expression
				p := j - 1
				if t.Type(p) == js.CloseParenToken {
					p = t.Match(p)
				}
				return [2]int{p, end}
			}
		}
	}
	return [2]int{-1, s.t.Len()}
}

// declaresExactly reports whether the declaration at keyword d (let,
// const, var) declares the name at token k. Unlike mayDeclare, it answers
// false when unsure (see declarators).
func (s *scan) declaresExactly(d, k int) bool {
	return s.declarators(d, func(j int) bool { return s.same(j, k) })
}

// declarators calls f on the names the declaration at keyword d (let,
// const, var) surely declares, until f returns true: the names of its
// list and of its patterns without defaults or computed keys.
func (s *scan) declarators(d int, f func(j int) bool) bool {
	found, _ := s.declaration(d, func(j int, sure bool) bool { return sure && f(j) })
	return found
}

// declaration walks the declaration at keyword d (let, const, var),
// calling name on the names of its list and every name of its patterns
// until name returns true; sure tells the names it surely declares (not
// in a pattern with defaults or computed keys, not a key). ok is false
// when it cannot follow the declaration.
func (s *scan) declaration(d int, name func(j int, sure bool) bool) (found, ok bool) {
	t := s.t
	end := s.t.StatementEnd(d)
	j := d + 1
	for j < end {
		switch tt := t.Type(j); {
		case js.IsIdentifierName(tt):
			if name(j, true) {
				return true, true
			}
			j++
		case tt == js.OpenBraceToken || tt == js.OpenBracketToken:
			m := t.Match(j)
			if m < j {
				return false, false
			}
			sure := true
			for i := j + 1; i < m && sure; i++ {
				switch t.Type(i) {
				case js.EqToken, js.OpenBracketToken, js.StringToken:
					sure = false // defaults, computed keys
				}
			}
			for i := j + 1; i < m; i++ {
				if js.IsIdentifierName(t.Type(i)) && name(i, sure && js.IsIdentifier(t.Type(i)) && t.Type(i+1) != js.ColonToken) {
					return true, true
				}
			}
			j = m + 1
		default:
			return false, true
		}
		if t.Type(j) == js.EqToken { // skip the initialiser
			templates := 0
		value:
			for j++; j < end; j++ {
				switch tt := t.Type(j); {
				case tt == js.TemplateStartToken:
					templates++
				case tt == js.TemplateEndToken:
					templates--
				case tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken:
					if t.Match(j) < j {
						return false, false
					}
					j = t.Match(j)
				case tt == js.CommaToken && templates <= 0:
					break value
				}
			}
		}
		if t.Type(j) != js.CommaToken {
			return false, true
		}
		j++
	}
	return false, true
}
