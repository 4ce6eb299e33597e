package starvation

import (
	"bytes"
	"slices"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/jsregex"
)

// Prefilter is the rule's test on tokens. It keeps a module only where
// one of the rule's three shapes may be, as far as tokens tell:
//
//   - a re-queue: a call that may queue on the nextTick or microtask
//     queue (nextTick or queueMicrotask as a property, a global, a string
//     index or a name that may hold one; then, catch or finally on a
//     chain that may start at Promise.resolve or Promise.reject) whose
//     callback is a name, or a function calling a name, of a function
//     that holds the call, every function in between itself a callback of
//     such a call, with no if, loop, switch, else, ?:, &&, || or ?? known
//     to hold the call on the way and no return or throw of the
//     function's own outside the call;
//   - a loop other than a for with both a condition and an update that
//     holds an await of what may be settled (a literal, undefined, void,
//     a parenthesised expression, Promise.resolve() under any name that
//     may hold it) and, when its body is a block, no await of its own of
//     anything else;
//   - an async function calling its own name with nothing known to guard
//     the call (a try block included), an await of what may be settled,
//     no await of its own of anything else and no return or throw of its
//     own outside the call.
//
// What the tokens leave open counts for the rule: a brace that may be a
// block or a body (a label's block, a method's body after a line break, a
// class body) is neither a guard nor a function boundary, an await after
// an => in its statement may be a nested function's, an unbraced loop
// body runs to the end of the brackets around the loop.
//
// One pass over the tokens finds the candidates (the calls of the queue
// names, then/catch/finally on a call, the calls of an async function's
// name inside it, the awaits of what may be settled); a second pass, that
// follows the brackets, runs only when a candidate is left, and jumps over
// the brackets that hold none.
func Prefilter(t *jstokens.Tokens) bool {
	g := gates(t)
	requeue := g.queue || g.then && g.resolve
	if !requeue && len(g.awaits) == 0 {
		return false
	}
	p := &pf{t: t, g: g}
	var settled []int32 // the awaits of what may be settled
	for _, k := range g.awaits {
		if p.settled(int(k)+1, false) {
			settled = append(settled, k)
		}
	}
	if len(settled) > 0 && p.awaitLoop(settled) {
		return true
	}
	return p.calls(requeue, len(settled) > 0 && len(g.asyncCalls) > 0)
}

// gate holds what one cheap pass over the tokens finds.
type gate struct {
	queue   bool // nextTick or queueMicrotask, as a name or a string
	then    bool // then, catch or finally called on what a call returns
	resolve bool // resolve or reject, as a name or a string

	// awaits are the awaits that may be of a settled value, any name
	// called being taken for Promise.resolve.
	awaits []int32
	// The API names and strings not called nor read through at once,
	// which a name may then hold (see aliases).
	queueVals, promiseVals []int32
	// queueCalls are the parentheses of the calls of nextTick,
	// queueMicrotask, and then, catch or finally on what a call returns.
	queueCalls []int32
	// asyncCalls are the parentheses of the calls of a name inside an
	// async function of that name (async function f, f = async ...).
	asyncCalls []int32
	async      map[string][][2]int32 // those functions' bodies, by name
	amask      uint64                // the names' lengths (63: 63 or more)
	// templates are the template starts and ends, which count as
	// brackets in calls but have no match (see skip).
	templates []int32
}

// gates makes the pass over the tokens that every module gets: no
// allocation but for what it records. It looks only at the tokens
// gateNext stops at.
func gates(t *jstokens.Tokens) gate {
	var g gate
	if len(t.Src) < 4 {
		return g // no token it looks for (see gateNext)
	}
	p := pf{t: t}
	toks := t.Tokens()
	look := cOther // the classes to look at; cName once an async name is known
	for k := gateNext(t.Src, toks, 0, look); k < len(toks); k = gateNext(t.Src, toks, k+1, look) {
		tt := toks[k].Type
		if g.amask != 0 && nameTok(tt) {
			g.asyncCall(t, k)
		}
		switch tt {
		case js.IdentifierToken:
			switch string(t.Text(k)) {
			case "nextTick", "queueMicrotask":
				g.queue = true
				if !suffixNext(t.Type(k + 1)) {
					g.queueVals = append(g.queueVals, int32(k))
				} else if called(t, k) {
					g.queueCalls = append(g.queueCalls, int32(parenAfter(t, k)))
				}
			case "resolve", "reject":
				g.resolve = true
				if !suffixNext(t.Type(k + 1)) {
					g.promiseVals = append(g.promiseVals, int32(k))
				}
			case "then":
				g.thenCall(t, k)
			}
		case js.CatchToken, js.FinallyToken:
			g.thenCall(t, k)
		case js.AwaitToken:
			if p.settled(k+1, true) {
				g.awaits = append(g.awaits, int32(k))
			}
		case js.AsyncToken:
			if g.asyncName(t, k); g.amask != 0 {
				look |= cName
			}
		case js.TemplateStartToken, js.TemplateEndToken:
			g.templates = append(g.templates, int32(k))
		case js.StringToken:
			switch api(t, k) {
			case apiQueue:
				g.queue = true
				g.queueVals = append(g.queueVals, int32(k))
				if t.Type(k-1) == js.OpenBracketToken && t.Type(k+1) == js.CloseBracketToken && called(t, k+1) {
					g.queueCalls = append(g.queueCalls, int32(parenAfter(t, k+1))) // x['nextTick'](...)
				}
			case apiPromise:
				g.resolve = true
				g.promiseVals = append(g.promiseVals, int32(k))
			}
		}
	}
	return g
}

// The classes of tokens gates looks at (gateClass, by type).
const (
	cIdent uint8 = 1 << iota // an identifier: then, reject, resolve, nextTick or queueMicrotask
	cOther                   // a string, await, async, catch, finally, a template's start or end
	cName                    // a name (nameTok): an async function's call of its name
)

var gateClass = func() (c [1 << 16]uint8) {
	for tt := range c {
		if nameTok(js.TokenType(tt)) {
			c[tt] = cName
		}
	}
	c[js.IdentifierToken] |= cIdent
	for _, tt := range []js.TokenType{js.StringToken, js.AwaitToken, js.AsyncToken, js.CatchToken, js.FinallyToken,
		js.TemplateStartToken, js.TemplateEndToken} {
		c[tt] |= cOther
	}
	return c
}()

// gateNames are the identifiers gates looks for.
var gateNames = jstokens.NewSuffixes("then", "reject", "resolve", "nextTick", "queueMicrotask")

// gateNext returns the index of the first token from k that gates looks
// at, or len(toks): a token of a class in look, or an identifier that
// gateNames may hold (gates compares the whole name). It runs on every
// token of every module, with no call, which keeps its state in
// registers, and no branch but the one out (src has 4 bytes at least).
func gateNext(src []byte, toks []jsast.Token, k int, look uint8) int {
	for ; k < len(toks); k++ {
		tok := &toks[k]
		c := gateClass[tok.Type]
		if c&look|c&cIdent&uint8(gateNames.May(src, tok)) != 0 {
			return k
		}
	}
	return len(toks)
}

// parenAfter returns the parenthesis of the call of name k: k(, k?.(.
func parenAfter(t *jstokens.Tokens, k int) int {
	if t.Type(k+1) == js.OptChainToken {
		return k + 2
	}
	return k + 1
}

// thenCall records name k if it is called as a property of what a call
// returns: f().then(...).
func (g *gate) thenCall(t *jstokens.Tokens, k int) {
	if member(t, k) && t.Type(k-2) == js.CloseParenToken && called(t, k) {
		g.then = true
		g.queueCalls = append(g.queueCalls, int32(parenAfter(t, k)))
	}
}

// asyncName records the name and the body of the async function whose
// async keyword is at k: async function f, f = async ....
func (g *gate) asyncName(t *jstokens.Tokens, k int) {
	// The body: a block, or an arrow's expression (to the end, as far as
	// this pass tells).
	body := [2]int32{int32(k), int32(t.Len())}
	j := k + 1
	switch t.Type(j) {
	case js.FunctionToken:
		if j++; t.Type(j) == js.MulToken {
			j++
		}
		name := j
		if nameTok(t.Type(j)) {
			j++
		}
		if m := t.Match(j); t.Type(j) == js.OpenParenToken && t.Type(m+1) == js.OpenBraceToken && t.Match(m+1) > m {
			body = [2]int32{int32(m + 1), int32(t.Match(m + 1))}
		}
		if nameTok(t.Type(name)) {
			g.addAsync(t, name, body)
		}
	case js.OpenParenToken:
		m := t.Match(j)
		if m < j || t.Type(m+1) != js.ArrowToken {
			return // a call of a function named async
		}
		if t.Type(m+2) == js.OpenBraceToken && t.Match(m+2) > m {
			body = [2]int32{int32(m + 2), int32(t.Match(m + 2))}
		}
	default:
		if !nameTok(t.Type(j)) || t.Type(j+1) != js.ArrowToken {
			return // async as a name, or a method
		}
		if t.Type(j+2) == js.OpenBraceToken && t.Match(j+2) > j {
			body = [2]int32{int32(j + 2), int32(t.Match(j + 2))}
		}
	}
	if t.Type(k-1) == js.EqToken && nameTok(t.Type(k-2)) && !member(t, k-2) {
		g.addAsync(t, k-2, body)
	}
}

func (g *gate) addAsync(t *jstokens.Tokens, name int, body [2]int32) {
	if g.async == nil {
		g.async = map[string][][2]int32{}
	}
	n := string(t.Text(name))
	g.async[n] = append(g.async[n], body)
	s := t.Span(name)
	g.amask |= 1 << min(s.End-s.Start, 63)
}

// asyncCall records name k if it is called inside the body of an async
// function of that name.
func (g *gate) asyncCall(t *jstokens.Tokens, k int) {
	s := t.Span(k)
	if g.amask&(1<<min(s.End-s.Start, 63)) == 0 || !called(t, k) || member(t, k) {
		return
	}
	for _, b := range g.async[string(t.Text(k))] {
		if int(b[0]) < k && k < int(b[1]) {
			g.asyncCalls = append(g.asyncCalls, int32(parenAfter(t, k)))
			return
		}
	}
}

// pf is one module's scan, with what it computes once.
type pf struct {
	t *jstokens.Tokens
	g gate

	qa, ra aliasSet // names that may hold a queue API, Promise.resolve or reject
	mini   []frame
}

const (
	apiNone = iota
	apiQueue
	apiPromise
)

// apiWord says which API a name or a string's value spells.
func apiWord(b []byte) int {
	switch string(b) {
	case "nextTick", "queueMicrotask":
		return apiQueue
	case "resolve", "reject":
		return apiPromise
	}
	return apiNone
}

// stringChars are the bytes of a string literal whose escapes may spell an
// API name: its letters, hex digits, escape syntax, line continuations.
var stringChars = func() (c [256]bool) {
	for _, b := range []byte("nextTickqueueMicrotaskresolvereject0123456789abcdefABCDEFux{}\\\r\n") {
		c[b] = true
	}
	for b := 0x80; b < 0x100; b++ {
		c[b] = true
	}
	return c
}()

// api says which API string token k spells (escapes decoded, as bindings
// reads a property name or an index).
func api(t *jstokens.Tokens, k int) int {
	b := t.Text(k)
	if len(b) < 8 {
		return apiNone
	}
	switch b[1] { // the first letter of an API name, or an escape
	case 'n', 'q', 'r', '\\':
	default:
		return apiNone
	}
	s := b[1 : len(b)-1]
	for _, c := range s {
		if !stringChars[c] {
			return apiNone
		}
	}
	if bytes.IndexByte(s, '\\') < 0 {
		return apiWord(s)
	}
	v, err := jsregex.DecodeStringLiteral(string(b))
	if err != nil {
		return apiNone
	}
	return apiWord([]byte(v))
}

func member(t *jstokens.Tokens, k int) bool {
	tt := t.Type(k - 1)
	return tt == js.DotToken || tt == js.OptChainToken
}

// called reports whether name k is called: k(...) or k?.(...).
func called(t *jstokens.Tokens, k int) bool {
	return t.Type(k+1) == js.OpenParenToken || t.Type(k+1) == js.OptChainToken && t.Type(k+2) == js.OpenParenToken
}

// nameTok reports whether a token of type tt can name a variable.
func nameTok(tt js.TokenType) bool {
	return js.IsIdentifier(tt) || tt == js.YieldToken || tt == js.AwaitToken
}

// suffixNext reports whether a token of type tt after an expression makes
// it part of a larger member, call or tagged template.
func suffixNext(tt js.TokenType) bool {
	switch tt {
	case js.DotToken, js.OptChainToken, js.OpenBracketToken, js.OpenParenToken, js.TemplateToken, js.TemplateStartToken:
		return true
	}
	return false
}

// calls scans the module's brackets for a re-queue (requeue) or an async
// function's call of itself (async), at the calls the gate found (at
// every call, for a re-queue, when a name may hold a queue API).
func (p *pf) calls(requeue, async bool) bool {
	t := p.t
	g := &p.g
	all := false
	var rq, ac []int32
	var tg []int32
	cands := g.queueCalls
	if requeue && len(g.queueVals) > 0 {
		// Names may hold a queue API: their calls may queue too.
		var more []int32
		p.qa.names, p.qa.any = p.aliases(g.queueVals, apiQueue, &more)
		p.qa.done = true
		if all = p.qa.any; len(more) > 0 {
			cands = append(append([]int32(nil), cands...), more...)
			slices.Sort(cands)
		}
	}
	if requeue && !all {
		for _, k := range cands {
			if first, ok := p.queueCall(int(k)); ok {
				if tg = p.targets(int(k), first, tg[:0]); len(tg) > 0 {
					rq = append(rq, k)
				}
			}
		}
	}
	if async {
		ac = g.asyncCalls
	}
	if !all && len(rq) == 0 && len(ac) == 0 {
		return false
	}
	fr := make([]frame, 1, 64)
	fr[0] = frame{open: -1, kind: fBlock}
	for k, n := 0, t.Len(); k < n; k++ {
		switch t.Type(k) {
		case js.OpenParenToken:
			if m := p.skip(k, rq, ac, all); m > k {
				k = m
				continue
			}
			if len(rq) > 0 && int(rq[0]) == k || all {
				if len(rq) > 0 && int(rq[0]) == k {
					rq = rq[1:]
				}
				if first, ok := p.queueCall(k); ok {
					if tg = p.targets(k, first, tg[:0]); len(tg) > 0 && p.requeues(fr, k, tg) {
						return true
					}
				}
			}
			if len(ac) > 0 && int(ac[0]) == k {
				ac = ac[1:]
				if p.recursion(fr, k, calleeName(t, k)) {
					return true
				}
			}
			if !all && len(rq) == 0 && len(ac) == 0 {
				return false
			}
			fr = append(fr, frame{int32(k), fUnset})
		case js.OpenBracketToken, js.OpenBraceToken:
			if m := p.skip(k, rq, ac, all); m > k {
				k = m
				continue
			}
			fr = append(fr, frame{int32(k), fUnset})
		case js.TemplateStartToken:
			fr = append(fr, frame{int32(k), fUnset})
		case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.TemplateEndToken:
			if len(fr) > 1 {
				fr = fr[:len(fr)-1]
			}
		}
	}
	return false
}

// skip returns the bracket that closes the one at k when the scan of
// calls may jump to it, else -1: no call it looks at is inside (the next
// ones, rq[0] and ac[0], come after; all: every call is looked at) and no
// template start or end. The lexer pairs the brackets inside on a stack,
// so the scan would close every frame it opens there; it counts template
// starts and ends as brackets too, which have no pair.
func (p *pf) skip(k int, rq, ac []int32, all bool) int {
	m := p.t.Match(k)
	if all || m < k || len(rq) > 0 && int(rq[0]) <= m || len(ac) > 0 && int(ac[0]) <= m {
		return -1
	}
	if i, _ := slices.BinarySearch(p.g.templates, int32(k)); i < len(p.g.templates) && int(p.g.templates[i]) < m {
		return -1
	}
	return m
}

// calleeName returns the name called by the parenthesis at k (k(...) or
// k?.(...), not a property), or -1.
func calleeName(t *jstokens.Tokens, k int) int {
	if c := calleeEnd(t, k); nameTok(t.Type(c)) && !member(t, c) {
		return c
	}
	return -1
}

// requeues reports whether the call whose arguments open at k, inside the
// brackets fr, may queue a function that holds it (one of the names tg),
// unguarded and with no early exit.
func (p *pf) requeues(fr []frame, k int, tg []int32) bool {
	j, _, ok := p.walk(fr, k, tg, false)
	if !ok {
		return false
	}
	if j >= 0 {
		if body := p.body(int(fr[j].open)); body >= 0 && p.exits(body, k) {
			return false
		}
	}
	return true
}

// recursion reports whether the call of name c whose arguments open at k
// may be an async function calling itself after awaiting settled values.
func (p *pf) recursion(fr []frame, k, c int) bool {
	j, _, ok := p.walk(fr, k, []int32{int32(c)}, true)
	if !ok {
		return false
	}
	if j < 0 {
		return true // an arrow's expression body: no statement to tell
	}
	body := p.body(int(fr[j].open))
	return body < 0 || p.asyncBody(body, k, c)
}

// queueCall reports whether the parenthesis at open holds the arguments
// of a call that may queue on the nextTick or microtask queue, and whether
// only its first argument is the callback (else any is: then/catch/
// finally).
func (p *pf) queueCall(open int) (first, ok bool) {
	t := p.t
	c := calleeEnd(t, open)
	if thenName(t, c) {
		return false, p.resolvedChain(c - 2)
	}
	switch tt := t.Type(c); {
	case js.IsIdentifierName(tt):
		if !member(t, c) && !js.IsIdentifier(tt) {
			return false, false // if (...), while (...)
		}
	case tt != js.CloseParenToken && tt != js.CloseBracketToken:
		return false, false
	}
	return true, p.queueExpr(c, 0)
}

// calleeEnd returns the last token of the callee of the parenthesis at
// open: f in f(...) and f?.(...).
func calleeEnd(t *jstokens.Tokens, open int) int {
	if t.Type(open-1) == js.OptChainToken {
		return open - 2
	}
	return open - 1
}

// thenName reports whether token c is then, catch or finally after a dot.
func thenName(t *jstokens.Tokens, c int) bool {
	if !member(t, c) || !js.IsIdentifierName(t.Type(c)) {
		return false
	}
	switch string(t.Text(c)) {
	case "then", "catch", "finally":
		return true
	}
	return false
}

// queueExpr reports whether the expression ending at token e may denote
// process.nextTick or queueMicrotask (bindings.Info.Of): such a property
// or global, a name that may hold one, a string index, a group of one.
func (p *pf) queueExpr(e, depth int) bool {
	t := p.t
	switch tt := t.Type(e); {
	case js.IsIdentifierName(tt):
		if apiWord(t.Text(e)) == apiQueue {
			return true
		}
		return !member(t, e) && js.IsIdentifier(tt) && p.queueAlias(e)
	case tt == js.CloseBracketToken:
		m := t.Match(e)
		return m >= 0 && m+2 == e && t.Type(m+1) == js.StringToken && api(t, m+1) == apiQueue
	case tt == js.CloseParenToken:
		m := t.Match(e)
		if m < 0 || depth > 16 {
			return true
		}
		if p.callParen(m) || m+1 == e {
			return false // what a call returns
		}
		return p.queueExpr(e-1, depth+1) // (x), (a, x)
	}
	return false
}

// callParen reports whether the parenthesis at m opens a call's
// arguments.
func (p *pf) callParen(m int) bool {
	if p.t.Type(m-1) == js.OptChainToken {
		return true
	}
	_, ok := p.t.CallAt(m)
	return ok
}

// resolvedChain reports whether the expression ending at token e may be
// a settled promise (starvation's resolved): a call of Promise.resolve or
// Promise.reject (through any name or property that may hold them), or a
// then/catch/finally call on one, possibly parenthesised.
func (p *pf) resolvedChain(e int) bool {
	t := p.t
	for range 64 {
		if t.Type(e) != js.CloseParenToken {
			return false
		}
		m := t.Match(e)
		if m < 0 {
			return true
		}
		if !p.callParen(m) {
			e-- // a group: what it holds
			continue
		}
		c := calleeEnd(t, m)
		if thenName(t, c) {
			e = c - 2
			continue
		}
		switch tt := t.Type(c); {
		case js.IsIdentifierName(tt):
			if apiWord(t.Text(c)) == apiPromise {
				return true
			}
			return !member(t, c) && js.IsIdentifier(tt) && p.resolveAlias(c)
		case tt == js.CloseBracketToken, tt == js.CloseParenToken:
			return true // x['resolve'](), (0, Promise.resolve)()
		}
		return false
	}
	return true
}

// targets appends to buf the names the callbacks of the call whose
// arguments open at open may run (starvation's target): an argument that
// is a name, or the names a function argument calls. first: only the
// first argument is a callback.
func (p *pf) targets(open int, first bool, buf []int32) []int32 {
	t := p.t
	close := t.Match(open)
	if close < 0 {
		return buf
	}
	start, tpl := open+1, 0
	for k := open + 1; k <= close; k++ {
		switch t.Type(k) {
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
			if m := t.Match(k); m > k {
				k = m
			}
			continue
		case js.TemplateStartToken:
			tpl++
			continue
		case js.TemplateEndToken:
			tpl--
			continue
		case js.CommaToken:
			if tpl > 0 {
				continue
			}
		case js.CloseParenToken:
			if k != close {
				continue
			}
		default:
			continue
		}
		buf = p.argTargets(start, k, buf)
		if first {
			break
		}
		start = k + 1
	}
	return buf
}

func (p *pf) argTargets(a, b int, buf []int32) []int32 {
	t := p.t
	for a < b && t.Type(a) == js.OpenParenToken && t.Match(a) == b-1 {
		a, b = a+1, b-1
	}
	if b == a+1 && nameTok(t.Type(a)) {
		return append(buf, int32(a))
	}
	if b <= a {
		return buf
	}
	switch tt := t.Type(a); {
	case tt == js.FunctionToken, tt == js.AsyncToken,
		tt == js.OpenParenToken && t.Type(t.Match(a)+1) == js.ArrowToken,
		nameTok(tt) && t.Type(a+1) == js.ArrowToken:
		for k := a; k < b; k++ {
			if nameTok(t.Type(k)) && !member(t, k) && called(t, k) {
				buf = append(buf, int32(k))
			}
		}
	}
	return buf
}

// settled reports whether the expression at token a, an await's operand,
// may be a settled value (starvation's settled): a literal, undefined,
// void, a parenthesised expression, or a call of Promise.resolve through
// any name or property that may hold it (any name at all when loose).
func (p *pf) settled(a int, loose bool) bool {
	t := p.t
	switch tt := t.Type(a); {
	case tt == js.VoidToken, tt == js.OpenParenToken:
		return true
	case js.IsNumeric(tt), tt == js.StringToken, tt == js.ThisToken, tt == js.NullToken, tt == js.TrueToken,
		tt == js.FalseToken, tt == js.RegExpToken:
		return !suffixNext(t.Type(a + 1))
	case tt == js.IdentifierToken && string(t.Text(a)) == "undefined":
		return !suffixNext(t.Type(a + 1))
	case !nameTok(tt):
		return false
	}
	// A member chain ending in a call: Promise.resolve(...), r(...).
	last, k := a, a // the last property (or the name), and the chain's last token
	for range 256 {
		switch t.Type(k + 1) {
		case js.DotToken, js.OptChainToken:
			switch tt := t.Type(k + 2); {
			case js.IsIdentifierName(tt):
				last, k = k+2, k+2
				continue
			case tt == js.OpenParenToken, tt == js.OpenBracketToken: // f?.(), a?.[i]
				k++
				continue
			}
			return false
		case js.OpenBracketToken:
			m := t.Match(k + 1)
			if m < 0 {
				return true
			}
			last, k = k+1, m
			continue
		case js.OpenParenToken:
			m := t.Match(k + 1)
			if m < 0 {
				return true
			}
			if suffixNext(t.Type(m + 1)) {
				return false // the call's result is not what is awaited
			}
			switch {
			case t.Type(last) == js.OpenBracketToken:
				return t.Match(last) == last+2 && t.Type(last+1) == js.StringToken && api(t, last+1) == apiPromise
			case last == a:
				return loose || string(t.Text(a)) == "resolve" || p.resolveAlias(a)
			}
			return string(t.Text(last)) == "resolve"
		}
		return false
	}
	return true
}

// aliasSet holds the names that may hold an API's members (see aliases),
// computed once.
type aliasSet struct {
	names     map[string]bool
	any, done bool
}

// alias reports whether name k may hold one of the members of API which,
// whose names and strings are vals.
func (p *pf) alias(a *aliasSet, vals []int32, which, k int) bool {
	if len(vals) == 0 {
		return false
	}
	if !a.done {
		a.names, a.any = p.aliases(vals, which, nil)
		a.done = true
	}
	return a.any || a.names[string(p.t.Text(k))]
}

func (p *pf) queueAlias(k int) bool { return p.alias(&p.qa, p.g.queueVals, apiQueue, k) }

func (p *pf) resolveAlias(k int) bool { return p.alias(&p.ra, p.g.promiseVals, apiPromise, k) }

// aliases returns the names that may hold one of the members of an API
// (nextTick, queueMicrotask; resolve, reject), as bindings.Info binds
// them: x = <a chain ending in the member>, x = (..., chain), {member: x}
// and import {member as x}, and transitively y = x. vals are the API's
// names and strings not called nor read through at once. anyName: a
// binding the tokens do not tell, any name may hold one. calls, if not
// nil, gets the parentheses of the calls of those names and of groups
// ending in one: x(...), (0, x)(...).
func (p *pf) aliases(vals []int32, which int, calls *[]int32) (out map[string]bool, anyName bool) {
	t := p.t
	out = map[string]bool{}
	var work []string
	add := func(k int) {
		if name := string(t.Text(k)); !out[name] && apiWord(t.Text(k)) != which {
			out[name] = true
			work = append(work, name)
		}
	}
	visit := func(k int, isAPI bool) {
		e := k
		if t.Type(k) == js.StringToken && t.Type(k-1) == js.OpenBracketToken && t.Type(k+1) == js.CloseBracketToken {
			e = k + 1 // x['member']
		}
		next := t.Type(e + 1)
		if suffixNext(next) {
			if !isAPI && calls != nil && called(t, k) {
				*calls = append(*calls, int32(parenAfter(t, k)))
			}
			return // the chain goes on: a call, or a property of the member
		}
		if e == k && !member(t, k) {
			switch t.Type(k - 1) {
			case js.OpenBraceToken, js.CommaToken:
				if next == js.ColonToken { // {member: x}
					if isAPI && nameTok(t.Type(k+2)) {
						switch t.Type(k + 3) {
						case js.CommaToken, js.CloseBraceToken, js.EqToken:
							add(k + 2)
						}
					}
					return
				}
			}
			if t.IsName(k+1, "as") { // import {member as x}
				if isAPI && nameTok(t.Type(k+2)) {
					add(k + 2)
				}
				return
			}
			if t.Type(k) == js.StringToken {
				return
			}
		}
		s := p.postfixStart(e)
		if s < 0 {
			anyName = true
			return
		}
		for range 16 {
			switch t.Type(s - 1) {
			case js.EqToken:
				if nameTok(t.Type(s-2)) && !member(t, s-2) {
					add(s - 2)
				}
			case js.OpenParenToken, js.CommaToken:
				// (chain) and (a, chain) denote the chain.
				if t.Type(e+1) != js.CloseParenToken {
					return
				}
				o := t.Match(e + 1)
				if o < 0 {
					anyName = true
					return
				}
				if p.callParen(o) {
					return // an argument
				}
				if s, e = o, e+1; calls != nil && called(t, e) {
					*calls = append(*calls, int32(parenAfter(t, e)))
				}
				continue
			}
			return
		}
		anyName = true
	}
	for _, k := range vals {
		visit(int(k), true)
	}
	// Each round visits the uses of the names the last one found.
	for len(work) > 0 && !anyName {
		if len(out) > 64 {
			return out, true
		}
		round := map[string]bool{}
		for _, name := range work {
			round[name] = true
		}
		work = work[:0]
		m := uint64(0) // the lengths of the names
		for name := range round {
			m |= 1 << min(len(name), 63)
		}
		for k, n := 0, t.Len(); k < n; k++ {
			if !js.IsIdentifier(t.Type(k)) || member(t, k) {
				continue
			}
			if s := t.Span(k); m&(1<<min(s.End-s.Start, 63)) != 0 && round[string(t.Text(k))] {
				visit(k, false)
			}
		}
	}
	return out, anyName
}

// postfixStart returns the first token of the member, call or index chain
// whose last token is e, or -1.
func (p *pf) postfixStart(e int) int {
	t := p.t
	for range 1 << 16 {
		switch tt := t.Type(e); {
		case tt == js.CloseParenToken || tt == js.CloseBracketToken:
			m := t.Match(e)
			if m < 0 {
				return -1
			}
			if !p.suffix(m) {
				return m // a group or an array
			}
			if e = m - 1; t.Type(e) == js.OptChainToken {
				e--
			}
		case member(t, e):
			e -= 2
		default:
			return e
		}
	}
	return -1
}

// suffix reports whether the bracket at m calls or indexes the expression
// before it.
func (p *pf) suffix(m int) bool {
	t := p.t
	switch tt := t.Type(m - 1); {
	case tt == js.OptChainToken, tt == js.CloseParenToken, tt == js.CloseBracketToken, tt == js.TemplateToken,
		tt == js.TemplateEndToken, tt == js.StringToken, tt == js.ThisToken, tt == js.SuperToken, js.IsIdentifier(tt):
		return true
	case js.IsIdentifierName(tt):
		return member(t, m-1)
	}
	return false
}
