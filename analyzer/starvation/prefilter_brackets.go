package starvation

import (
	"bytes"
	"slices"

	"github.com/tdewolff/parse/v2/js"
)

// A frame is an open bracket around a token, classified from the tokens
// near it. Only fBlock and fFn are claims: a bracket the tokens leave in
// doubt is fOther (or fParen), which the scans treat as neither a guard
// nor a function boundary.
type frame struct {
	open int32 // the bracket's index; -1 for the module
	kind uint8
}

const (
	fBlock uint8 = iota // a statement block (if, else, loop, switch, try, catch, finally, plain) or the module
	fFn                 // a function's body or parameters
	fParen              // another parenthesis: a call's arguments, a group, a statement's head
	fOther              // a bracket, a template substitution, an object literal, a class body, a brace in doubt
	fUnset              // not classified yet (see kindOf)
)

// kindOf classifies frame j of fr, and the frames around it, if not yet.
func (p *pf) kindOf(fr []frame, j int) uint8 {
	if fr[j].kind == fUnset {
		p.kindOf(fr, j-1)
		fr[j].kind = p.kind(int(fr[j].open), p.stmts(fr[j-1]))
	}
	return fr[j].kind
}

// stmts reports whether frame f holds statements.
func (p *pf) stmts(f frame) bool {
	return f.kind == fBlock || f.kind == fFn && p.t.Type(int(f.open)) == js.OpenBraceToken
}

// kind classifies the bracket at k; stmt: it is among statements.
func (p *pf) kind(k int, stmt bool) uint8 {
	t := p.t
	switch t.Type(k) {
	case js.OpenBraceToken:
		return p.braceKind(k, stmt)
	case js.OpenParenToken:
		if m := t.Match(k); m > k {
			switch t.Type(m + 1) {
			case js.ArrowToken:
				return fFn
			case js.OpenBraceToken:
				if p.headKind(k, stmt) == fFn {
					return fFn
				}
			}
		}
		return fParen
	}
	return fOther
}

// braceKind classifies the brace at k; stmt: it is among statements.
func (p *pf) braceKind(k int, stmt bool) uint8 {
	t := p.t
	switch t.Type(k - 1) {
	case js.ErrorToken: // the module's first token
		return fBlock
	case js.ArrowToken:
		return fFn
	case js.CloseParenToken:
		if m := t.Match(k - 1); m >= 0 {
			return p.headKind(m, stmt)
		}
	case js.ElseToken, js.DoToken, js.TryToken, js.FinallyToken, js.CatchToken,
		js.OpenBraceToken, js.CloseBraceToken, js.SemicolonToken:
		if stmt {
			return fBlock
		}
	}
	return fOther
}

// headKind classifies the brace after the parenthesis that opens at m: a
// statement's block (if, loops, switch, catch, with), a function's body
// (function, a method on one line), or in doubt.
func (p *pf) headKind(m int, stmt bool) uint8 {
	t := p.t
	h := m - 1
	switch tt := t.Type(h); tt {
	case js.IfToken, js.SwitchToken, js.WhileToken, js.ForToken, js.CatchToken, js.WithToken:
		if stmt && !member(t, h) {
			return fBlock
		}
		return fOther // a method of that name, or x.if(...)\n{
	case js.AwaitToken:
		if stmt && t.Type(h-1) == js.ForToken {
			return fBlock
		}
		return fOther
	case js.FunctionToken:
		return fFn
	case js.MulToken:
		if t.Type(h-1) == js.FunctionToken {
			return fFn
		}
		return fOther
	case js.ExtendsToken:
		return fOther // class A extends (B) {
	}
	tt := t.Type(h)
	if !js.IsIdentifierName(tt) && tt != js.StringToken && !js.IsNumeric(tt) && tt != js.PrivateIdentifierToken {
		return fOther
	}
	switch t.Type(h - 1) {
	case js.FunctionToken:
		return fFn
	case js.MulToken:
		if t.Type(h-2) == js.FunctionToken {
			return fFn
		}
	}
	// A method, name(...) {, on one line: across a line break the brace
	// may be a block after a call.
	if p.lineBreak(t.Match(m) + 1) {
		return fOther
	}
	switch t.Type(h - 1) {
	case js.OpenBraceToken, js.CommaToken, js.CloseBraceToken, js.SemicolonToken, js.MulToken,
		js.AsyncToken, js.GetToken, js.SetToken, js.StaticToken:
		return fFn
	}
	if p.lineBreak(h) {
		return fFn // after a class field ended by a line break
	}
	return fOther
}

// lineBreak reports whether a line terminator (or a comment holding one)
// separates token k from the token before it.
func (p *pf) lineBreak(k int) bool {
	t := p.t
	if k <= 0 || k >= t.Len() {
		return false
	}
	gap := t.Src[t.Span(k-1).End:t.Span(k).Start]
	return bytes.IndexByte(gap, '\n') >= 0 || bytes.IndexByte(gap, '\r') >= 0 ||
		bytes.Contains(gap, []byte("\u2028")) || bytes.Contains(gap, []byte("\u2029"))
}

// asi reports whether a statement may end between tokens k and k+1 (a
// line break where a semicolon may be inserted); in doubt, it may.
func (p *pf) asi(k int) bool {
	if !p.lineBreak(k + 1) {
		return false
	}
	t := p.t
	switch prev := t.Type(k); {
	case prev == js.IncrToken, prev == js.DecrToken, prev == js.ReturnToken, prev == js.ThrowToken,
		prev == js.BreakToken, prev == js.ContinueToken, prev == js.DebuggerToken, prev == js.YieldToken:
		return true
	case js.IsOperator(prev), prev == js.OpenParenToken, prev == js.OpenBracketToken, prev == js.OpenBraceToken,
		prev == js.CommaToken, prev == js.QuestionToken, prev == js.ColonToken, prev == js.ArrowToken,
		prev == js.DotToken, prev == js.EllipsisToken, prev == js.TypeofToken, prev == js.VoidToken,
		prev == js.DeleteToken, prev == js.NewToken, prev == js.InToken, prev == js.InstanceofToken,
		prev == js.AwaitToken, prev == js.CaseToken, prev == js.ExtendsToken,
		prev == js.TemplateStartToken, prev == js.TemplateMiddleToken:
		return false // an operand must follow
	}
	switch next := t.Type(k + 1); {
	case next == js.NotToken, next == js.BitNotToken, next == js.IncrToken, next == js.DecrToken:
		return true
	case js.IsOperator(next), next == js.DotToken, next == js.CommaToken, next == js.CloseParenToken,
		next == js.CloseBracketToken, next == js.CloseBraceToken, next == js.SemicolonToken,
		next == js.QuestionToken, next == js.ColonToken, next == js.ArrowToken, next == js.OpenParenToken,
		next == js.OpenBracketToken, next == js.TemplateToken, next == js.TemplateStartToken,
		next == js.InToken, next == js.InstanceofToken:
		return false // the expression goes on
	}
	return true
}

// fnInfo describes a function found from its brackets.
type fnInfo struct {
	start    int // its first token (async, function, the parameters); -1 for a method
	name     int // its name (function f), or -1
	assigned int // the name it is assigned to (f = function ...), or -1
	async    bool
}

var noFn = fnInfo{start: -1, name: -1, assigned: -1}

// fn describes the function whose body or parameters open at open.
func (p *pf) fn(open int) fnInfo {
	t := p.t
	if t.Type(open) == js.OpenParenToken {
		if m := t.Match(open); t.Type(m+1) == js.ArrowToken {
			return p.arrow(m + 1)
		}
		return p.fnHead(open)
	}
	if t.Type(open-1) == js.ArrowToken {
		return p.arrow(open - 1)
	}
	return p.fnHead(t.Match(open - 1))
}

// fnHead describes the function whose parameters open at m.
func (p *pf) fnHead(m int) fnInfo {
	t := p.t
	f := noFn
	k := m - 1
	if nameTok(t.Type(k)) && (t.Type(k-1) == js.FunctionToken || t.Type(k-1) == js.MulToken && t.Type(k-2) == js.FunctionToken) {
		f.name = k
		k--
	}
	if t.Type(k) == js.MulToken {
		k--
	}
	if t.Type(k) != js.FunctionToken {
		return noFn // a method
	}
	return p.literal(f, k)
}

// arrow describes the arrow function whose => is at w.
func (p *pf) arrow(w int) fnInfo {
	t := p.t
	switch {
	case t.Type(w-1) == js.CloseParenToken:
		if s := t.Match(w - 1); s >= 0 {
			return p.literal(noFn, s)
		}
	case nameTok(t.Type(w - 1)):
		return p.literal(noFn, w-1)
	}
	return noFn
}

// literal completes f for the function literal whose function keyword or
// parameters are at k: an async before, the name it is assigned to.
func (p *pf) literal(f fnInfo, k int) fnInfo {
	t := p.t
	if t.Type(k-1) == js.AsyncToken {
		f.async = true
		k--
	}
	f.start = k
	if t.Type(k-1) == js.EqToken && nameTok(t.Type(k-2)) && !member(t, k-2) {
		f.assigned = k - 2
	}
	return f
}

// named reports whether function f bears one of the names tg (and is
// async, for async).
func (p *pf) named(f fnInfo, tg []int32, async bool) bool {
	if async && !f.async {
		return false
	}
	t := p.t
	for _, n := range [2]int{f.name, f.assigned} {
		if n < 0 {
			continue
		}
		for _, x := range tg {
			if bytes.Equal(t.Text(n), t.Text(int(x))) {
				return true
			}
		}
	}
	return false
}

// queueArg reports whether the function literal starting at start is an
// argument of a call that may queue, whose arguments open at open.
func (p *pf) queueArg(start, open int) bool {
	t := p.t
	if start < 0 || open < 0 || t.Type(open) != js.OpenParenToken {
		return false
	}
	switch t.Type(start - 1) {
	case js.CommaToken, js.EllipsisToken:
	case js.OpenParenToken:
		if start-1 != open {
			return false
		}
	default:
		return false
	}
	_, ok := p.queueCall(open)
	return ok
}

// walk goes up from the call whose arguments open at child, inside the
// frames fr, to the function the rule would cycle to: a function named in
// tg that holds the call, through functions that are callbacks of queueing
// calls only (async: through no function), with no guard known on the
// way. It returns the frame of that function, or -1 with the => of an
// arrow whose expression body holds the call.
func (p *pf) walk(fr []frame, child int, tg []int32, async bool) (fnFrame, arrow int, ok bool) {
	for j := len(fr) - 1; j >= 0; j-- {
		open := int(fr[j].open)
		p.kindOf(fr, j)
		guard, w := p.level(open, child, p.stmts(fr[j]))
		if guard {
			return -1, -1, false
		}
		if w >= 0 {
			f := p.arrow(w)
			if p.named(f, tg, async) {
				return -1, w, true
			}
			if async || !p.queueArg(f.start, open) {
				return -1, -1, false
			}
		}
		if j == 0 {
			break
		}
		switch fr[j].kind {
		case fFn:
			f := p.fn(open)
			if p.named(f, tg, async) {
				return j, -1, true
			}
			if async || !p.queueArg(f.start, int(fr[j-1].open)) {
				return -1, -1, false
			}
			child = f.start
		case fBlock:
			if p.guardBlock(open, int(fr[j-1].open), async) {
				return -1, -1, false
			}
			child = open
		case fParen:
			if p.stmts(fr[j-1]) && p.guardHead(open) {
				return -1, -1, false
			}
			child = open
		default:
			child = open
		}
	}
	return -1, -1, false
}

// level scans one bracket level backward from child to open: guard is an
// if, loop, switch, else, do, ?:, &&, || or ?? known to hold child; w, the
// => of an arrow whose expression body is known to hold child (or -1).
func (p *pf) level(open, child int, stmt bool) (guard bool, w int) {
	t := p.t
	stopOps, stopArrow := false, false
	for k := child - 1; k > open; k-- {
		tt := t.Type(k)
		if stmt {
			switch tt {
			case js.CloseParenToken:
				if m := t.Match(k); m > open && !member(t, m-1) {
					switch t.Type(m - 1) {
					case js.IfToken, js.SwitchToken:
						return true, -1
					case js.WhileToken:
						return !p.doTail(m-1, open), -1
					case js.ForToken:
						if p.forStmt(m) {
							return true, -1
						}
						k = m - 1 // for-in/of: its body holds child
						continue
					case js.AwaitToken:
						if t.Type(m-2) == js.ForToken {
							k = m - 2
							continue
						}
					case js.WithToken:
						k = m - 1
						continue
					}
				}
			case js.ElseToken, js.DoToken:
				if !member(t, k) {
					return true, -1
				}
			}
		}
		if p.asi(k) {
			return false, -1
		}
		switch tt {
		case js.CloseParenToken, js.CloseBracketToken:
			m := t.Match(k)
			if m <= open {
				return false, -1
			}
			k = m
		case js.CloseBraceToken, js.SemicolonToken, js.TemplateStartToken, js.TemplateMiddleToken, js.TemplateEndToken:
			return false, -1
		case js.CommaToken:
			stopOps, stopArrow = true, true
		case js.ColonToken:
			stopArrow = true
		case js.ArrowToken:
			if !stopArrow {
				return false, k
			}
		case js.QuestionToken, js.AndToken, js.OrToken, js.NullishToken:
			if !stopOps {
				return true, -1
			}
		}
	}
	return false, -1
}

// doTail reports whether the while at w may end a do-while: a do precedes
// it on its level (down to open).
func (p *pf) doTail(w, open int) bool {
	t := p.t
	for k := w - 1; k > open; k-- {
		switch t.Type(k) {
		case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken:
			m := t.Match(k)
			if m < 0 {
				return true
			}
			k = m
		case js.DoToken:
			if !member(t, k) {
				return true
			}
		}
	}
	return false
}

// forStmt reports whether the for head that opens at m has two
// semicolons (for(;;), not for-in or for-of).
func (p *pf) forStmt(m int) bool {
	_, _, ok := p.forSemis(m)
	return ok
}

// guardBlock reports whether the statement block at open (inside the
// frame opening at outer) is known to be guarded: the body of an if, an
// else, a loop other than for-in/of, a switch; for async, also a try,
// catch or finally block.
func (p *pf) guardBlock(open, outer int, async bool) bool {
	t := p.t
	switch t.Type(open - 1) {
	case js.ElseToken, js.DoToken:
		return true
	case js.TryToken, js.FinallyToken, js.CatchToken:
		return async
	case js.CloseParenToken:
		m := t.Match(open - 1)
		switch t.Type(m - 1) {
		case js.IfToken, js.SwitchToken:
			return true
		case js.WhileToken:
			return !p.doTail(m-1, outer)
		case js.ForToken:
			return p.forStmt(m)
		case js.CatchToken:
			return async
		}
	}
	return false
}

// guardHead reports whether the parenthesis at open, among statements, is
// the head of an if, while, switch or for(;;).
func (p *pf) guardHead(open int) bool {
	t := p.t
	if member(t, open-1) {
		return false
	}
	switch t.Type(open - 1) {
	case js.IfToken, js.SwitchToken, js.WhileToken:
		return true
	case js.ForToken:
		return p.forStmt(open)
	}
	return false
}

// body returns the body brace of the function whose frame opens at open,
// or -1 for an arrow's expression body.
func (p *pf) body(open int) int {
	t := p.t
	if t.Type(open) == js.OpenBraceToken {
		return open
	}
	if m := t.Match(open); m >= 0 && t.Type(m+1) == js.OpenBraceToken {
		return m + 1
	}
	return -1
}

// scope walks the tokens of a function body or a loop, keeping the
// brackets open around each: nonBlock counts those that are not
// statement blocks, fns those that are functions.
type scope struct {
	p             *pf
	fr            []frame
	nonBlock, fns int
}

func (p *pf) scope(base frame) *scope {
	s := &scope{p: p, fr: append(p.mini[:0], base)}
	return s
}

// step updates the brackets for token k.
func (s *scope) step(k int) {
	switch s.p.t.Type(k) {
	case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken, js.TemplateStartToken:
		f := frame{int32(k), s.p.kind(k, s.p.stmts(s.fr[len(s.fr)-1]))}
		s.fr = append(s.fr, f)
		if f.kind != fBlock {
			s.nonBlock++
		}
		if f.kind == fFn {
			s.fns++
		}
	case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.TemplateEndToken:
		if len(s.fr) > 1 {
			f := s.fr[len(s.fr)-1]
			s.fr = s.fr[:len(s.fr)-1]
			if f.kind != fBlock {
				s.nonBlock--
			}
			if f.kind == fFn {
				s.fns--
			}
		}
	}
}

func (s *scope) done() { s.p.mini = s.fr[:0] }

// own reports whether the return, throw or await at k is known to be the
// scope's own: only statement blocks around it, no arrow before it in its
// statement.
func (s *scope) own(k int) bool {
	return s.nonBlock == 0 && !member(s.p.t, k) && !s.p.arrowBefore(k, int(s.fr[len(s.fr)-1].open))
}

// arrowBefore reports whether an => may precede token k in its statement
// (back to a semicolon or the bracket at open).
func (p *pf) arrowBefore(k, open int) bool {
	t := p.t
	for j := k - 1; j > open; j-- {
		switch t.Type(j) {
		case js.SemicolonToken:
			return false
		case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken:
			m := t.Match(j)
			if m < 0 {
				return true
			}
			j = m
		case js.ArrowToken, js.TemplateStartToken, js.TemplateMiddleToken, js.TemplateEndToken:
			return true
		}
	}
	return false
}

// exits reports whether the function body at body has a return or throw
// of its own that does not hold the call whose arguments open at call
// (starvation's exitsEarly).
func (p *pf) exits(body, call int) bool {
	t := p.t
	s := p.scope(frame{int32(body), fFn})
	defer s.done()
	for k, end := body+1, t.Match(body); k < end; k++ {
		switch t.Type(k) {
		case js.ReturnToken, js.ThrowToken:
			if s.own(k) && !p.holds(k, call) {
				return true
			}
		default:
			s.step(k)
		}
	}
	return false
}

// holds reports whether the return or throw statement at r may hold the
// call whose arguments open at call.
func (p *pf) holds(r, call int) bool {
	t := p.t
	if r > call {
		return false
	}
	for k := r + 1; k < call; k++ {
		switch t.Type(k) {
		case js.SemicolonToken, js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken:
			return false
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
			m := t.Match(k)
			if m < 0 || m > call {
				return true
			}
			k = m
		case js.TemplateStartToken, js.TemplateMiddleToken, js.TemplateEndToken:
			return true
		}
	}
	return true
}

// asyncBody reports whether the async function body at body, holding its
// call of itself (arguments at call, name at c), may await settled values
// only (or that call), at least one, with no early return or throw.
func (p *pf) asyncBody(body, call, c int) bool {
	t := p.t
	s := p.scope(frame{int32(body), fFn})
	defer s.done()
	settled := 0
	for k, end := body+1, t.Match(body); k < end; k++ {
		switch t.Type(k) {
		case js.ReturnToken, js.ThrowToken:
			if s.own(k) && !p.holds(k, call) {
				return false
			}
		case js.AwaitToken:
			switch {
			case s.fns > 0 || k+1 == c:
			case p.settled(k+1, false):
				settled++
			case s.own(k):
				return false
			}
		default:
			s.step(k)
		}
	}
	return settled > 0
}

// awaitLoop reports whether some loop may await settled values only
// (starvation's awaitLoop): a while, do-while or for(;;) without both a
// condition and an update that holds one of the awaits settled (sorted)
// and, if its body is a block, no await of its own of another value. An
// unbraced body is taken to the end of the brackets around the loop.
func (p *pf) awaitLoop(settled []int32) bool {
	t := p.t
	stack := make([]int32, 0, 64)
	end := func() int { // the end of the brackets around the token at hand
		if len(stack) == 0 {
			return t.Len()
		}
		if m := t.Match(int(stack[len(stack)-1])); m >= 0 {
			return m
		}
		return t.Len()
	}
	for k, n := 0, t.Len(); k < n; k++ {
		var r [2]int
		exact := false
		switch t.Type(k) {
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
			stack = append(stack, int32(k))
			continue
		case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		case js.ForToken:
			c := t.Match(k + 1)
			if member(t, k) || t.Type(k+1) != js.OpenParenToken || c < 0 {
				continue // for await (...): a for-of
			}
			s1, s2, ok := p.forSemis(k + 1)
			if !ok {
				continue // for-in, for-of
			}
			if s1+1 < s2 && s2+1 < c {
				continue // a condition and an update: a counting loop ends
			}
			r, exact = p.loopRange(k, c+1, end())
		case js.WhileToken:
			c := t.Match(k + 1)
			if member(t, k) || t.Type(k+1) != js.OpenParenToken || c < 0 {
				continue
			}
			if t.Type(k-1) == js.CloseBraceToken && t.Type(t.Match(k-1)-1) == js.DoToken {
				continue // the tail of do {...} while (...)
			}
			r, exact = p.loopRange(k, c+1, end())
		case js.DoToken:
			if member(t, k) {
				continue
			}
			r = [2]int{k, end()}
			if b := t.Match(k + 1); t.Type(k+1) == js.OpenBraceToken && b > k && t.Type(b+1) == js.WhileToken {
				if c := t.Match(b + 2); t.Type(b+2) == js.OpenParenToken && c > b {
					r, exact = [2]int{k, c + 1}, true
				}
			}
		default:
			continue
		}
		// Only a loop that holds a settled await is worth a look.
		if i, _ := slices.BinarySearch(settled, int32(r[0])); i < len(settled) && int(settled[i]) < r[1] && p.loopAwaits(r, exact) {
			return true
		}
	}
	return false
}

// loopRange returns the tokens of the loop whose keyword is at k and whose
// body starts at b: exact for a block, else up to end.
func (p *pf) loopRange(k, b, end int) ([2]int, bool) {
	if m := p.t.Match(b); p.t.Type(b) == js.OpenBraceToken && m > b {
		return [2]int{k, m + 1}, true
	}
	return [2]int{k, end}, false
}

// forSemis returns the two semicolons of the for head that opens at o, if
// it has exactly two (for(;;), not for-in or for-of).
func (p *pf) forSemis(o int) (s1, s2 int, ok bool) {
	t := p.t
	c := t.Match(o)
	n := 0
	for k := o + 1; k < c; k++ {
		switch t.Type(k) {
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
			j := t.Match(k)
			if j < 0 {
				return 0, 0, false
			}
			k = j
		case js.SemicolonToken:
			if n++; n == 1 {
				s1 = k
			} else {
				s2 = k
			}
		}
	}
	return s1, s2, c > o && n == 2
}

// loopAwaits reports whether the loop of range r may await settled
// values only: one at least, and, if exact (a block body), no await of
// its own of another value, nor a for await.
func (p *pf) loopAwaits(r [2]int, exact bool) bool {
	t := p.t
	s := p.scope(frame{int32(r[0] - 1), fBlock})
	defer s.done()
	settled := 0
	for k := r[0]; k < r[1]; k++ {
		switch t.Type(k) {
		case js.AwaitToken:
			switch {
			case s.fns > 0:
			case p.settled(k+1, false):
				settled++
			case exact && s.own(k):
				return false // it awaits something else: the loop yields
			}
		case js.ForToken:
			if exact && t.Type(k+1) == js.AwaitToken && s.fns == 0 && s.own(k) {
				return false
			}
		default:
			s.step(k)
		}
	}
	return settled > 0
}
