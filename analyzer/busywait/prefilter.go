package busywait

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// Prefilter is the rule's test on tokens: it keeps a module only if one
// of its loops may be reported, a loop that
//
//   - may be idle: no await or yield (as operators), function, arrow or
//     class; new only of a name without arguments (new Date()); and only
//     calls the rule lets an idle loop make (see verdict): a clock's
//     (x.now(), x.hrtime(), x.hrtime.bigint(), x.load()), a method of new
//     Date(), a harmless global's (Math, Number, BigInt, Date, also
//     through aliases), or a call of a name the module may bind to one of
//     these or declare as a function returning a reading (see alias);
//   - and has an exit (its condition, or the condition of an if at the
//     top of its body that breaks or returns) that either may test a
//     clock: a call that may read one or new, or a name the loop assigns
//     such a value, with a comparison (or Atomics.load); or may wait for a
//     flag (see flagExit): no call, member, index or new; no name the
//     loop surely assigns (but perhaps a global, which the rule passes
//     over); and a name that may be assigned in the variable's scope
//     outside the loop, in another function than the loop's.
//
// A clock also needs its names in the module (Date.now needs now, and
// Date; see clockWords). The test runs at three levels (guess, words,
// names), the costlier ones only for the loops that passed the cheaper
// tests (see spins): most modules are decided by their loops' tokens
// alone.
func Prefilter(t *jstokens.Tokens) bool {
	loops := t.Loops()
	if len(loops) == 0 {
		return false
	}
	s := scan{t: t}
	for _, l := range loops {
		switch l.Keyword {
		case js.WhileToken:
			// do {...}; while (...): the parser takes it for a do-while
			// (Node does not), Loops for a while.
			if b := l.Range[0] - 2; t.Type(b+1) == js.SemicolonToken && t.Type(b) == js.CloseBraceToken && t.Match(b) > 0 && t.Type(t.Match(b)-1) == js.DoToken {
				l = jstokens.Loop{Keyword: js.DoToken, Range: [2]int{t.Match(b) - 1, l.Cond[1] + 1}, Cond: l.Cond, Body: [2]int{t.Match(b), b + 1}}
			}
		}
		if s.spins(l) {
			return true
		}
	}
	return false
}

// What the prefilter knows of the module, in the order it learns it: a
// loop must pass the test at each level (see spins).
const (
	guess = iota // the loop's tokens: any name may be bound to a clock, any flag set elsewhere
	words        // and the names the module has (clockWords), where its flags are assigned
	names        // and what its names may be bound to (alias)
)

// scan holds what the prefilter learns of one module.
type scan struct {
	t     *jstokens.Tokens
	level int // guess, words or names

	// Built on the first look-up.
	sites   *sites
	aliases map[string]*alias // by name
	round   int               // of the look-up under way (see aliasName)
	grew    bool              // an alias grew in this round
	cyclic  bool              // a look-up in this round met a name under way
	pending []*alias          // the aliases the look-up under way computed
	chains  []site            // the sites of the names looked up, each after a separator
	depth   int
	budget  int // tokens the look-ups may still read before assuming the worst

	assigns map[string]*[]int // possible assignments, by name (for flags)
	facts   facts             // of the loop under way
	top     map[string]bool   // the names the module's top declares (for flags)
	named   uint8             // the clocks the module may read (see clockWords)
}

// verdict is what a call may do, as far as tokens tell.
type verdict uint8

const (
	callWork     verdict = iota // real work: a loop that makes the call is not idle
	callHarmless                // a harmless global's (Math.max, Number, Date.parse): idle, reads no clock
	callClock                   // may read a clock (Date.now(), new Date().getTime(), an alias, a wrapper)
	callShared                  // may also be Atomics.load, which spins without a comparison
)

// spins reports whether loop l may be reported: whether it may be idle
// and may have an exit, at every level. The tests run cheapest first:
// both on the loop's tokens (guess); then, with what one pass over the
// module tells (see survey), idle, which the calls of most loops fail at
// the names level; the exits last, whose scopes and assignments cost most
// per loop. Idle passes at the names level only where it passes at the
// words level (a call the words level takes for work, the names level
// takes for work too): the words level runs after, for what the exits
// need, whether the loop may read a clock.
func (s *scan) spins(l jstokens.Loop) bool {
	var reads [names + 1]bool // the loop may read a clock, by level
	idle := func(level int) bool {
		s.level = level
		r, ok := s.idle(l.Range)
		reads[level] = r
		return ok
	}
	exits := func(level int) bool {
		s.level = level
		return s.exits(l, func(e [2]int) bool { return s.clockExit(l, e, reads[level]) || s.flagExit(l, e) })
	}
	return idle(guess) && exits(guess) && idle(names) && idle(words) && exits(words) && exits(names)
}

// idle reports whether tokens r may be an idle loop, and whether they may
// read a clock.
func (s *scan) idle(r [2]int) (reads, ok bool) {
	t := s.t
	for k := r[0]; k < r[1]; k++ {
		switch t.Type(k) {
		case js.OpenParenToken:
			c, call := s.call(k)
			if !call {
				continue
			}
			switch s.callee(c, 0) {
			case callWork:
				return reads, false
			case callClock, callShared:
				reads = true
			}
		case js.NewToken:
			// new Date() or new Date: the rule accepts no arguments. A
			// name followed by arguments is classified at its parenthesis.
			reads = true
			j := k + 1
			if !js.IsIdentifierName(t.Type(j)) {
				continue // new.target, new (X)(): left to the calls
			}
			for (t.Type(j+1) == js.DotToken || t.Type(j+1) == js.OptChainToken) && js.IsIdentifierName(t.Type(j+2)) {
				j += 2
			}
			if t.Type(j+1) == js.OpenParenToken {
				if t.Match(j+1) != j+2 {
					return reads, false
				}
			} else if s.callee(j, 0) == callWork {
				return reads, false
			}
		case js.AwaitToken, js.YieldToken:
			if _, member := t.Member(k); !member && s.operator(k) {
				return reads, false
			}
		case js.FunctionToken, js.ClassToken:
			if _, member := t.Member(k); !member { // x.function() is a call
				return reads, false
			}
		case js.ArrowToken:
			return reads, false
		}
	}
	return reads, true
}

// operator reports whether await or yield at token k is surely an
// operator, not a name (which they can be outside async functions and
// generators): an operand follows on the same line.
func (s *scan) operator(k int) bool {
	switch tt := s.t.Type(k + 1); {
	case s.lineBreak(k), tt == js.InToken, tt == js.InstanceofToken, tt == js.OfToken:
		return false
	case js.IsIdentifierName(tt), js.IsNumeric(tt), tt == js.StringToken, tt == js.NotToken, tt == js.BitNotToken,
		tt == js.OpenBraceToken, tt == js.RegExpToken:
		return true
	}
	return false
}

// exits calls f on the token ranges of loop l's exit conditions (its
// condition, and the conditions of the ifs at the top of its body that
// break or return) until f returns true.
func (s *scan) exits(l jstokens.Loop, f func(cond [2]int) bool) bool {
	t := s.t
	if l.Cond[0] < l.Cond[1] && f(l.Cond) {
		return true
	}
	b := l.Body
	if t.Type(b[0]) != js.OpenBraceToken {
		return s.ifExit(b[0], f)
	}
	for k := b[0] + 1; k < b[1]-1; k++ {
		tt := t.Type(k)
		if tt == js.IfToken && t.Type(k-1) != js.ElseToken && s.ifExit(k, f) {
			return true
		}
		if (tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken) && t.Match(k) > k {
			k = t.Match(k)
		}
	}
	return false
}

// ifExit calls f on the condition of `if (...) break` or `if (...)
// return ...` (the body possibly in braces) at token k.
func (s *scan) ifExit(k int, f func(cond [2]int) bool) bool {
	t := s.t
	if t.Type(k) != js.IfToken || t.Type(k+1) != js.OpenParenToken || t.Match(k+1) < k {
		return false
	}
	end := t.Match(k + 1)
	next := end + 1
	if t.Type(next) == js.OpenBraceToken {
		next++
	}
	if tt := t.Type(next); tt != js.BreakToken && tt != js.ReturnToken {
		return false
	}
	return f([2]int{k + 2, end})
}

// clockExit reports whether exit condition e of loop l may test a clock
// reading: it reads a clock, or names a variable the loop assigns (which
// may hold a reading when the loop reads a clock); and it compares, may
// call Atomics.load, or names such a variable.
func (s *scan) clockExit(l jstokens.Loop, e [2]int, reads bool) bool {
	t := s.t
	var clocked, compares, loads bool
	for k := e[0]; k < e[1]; k++ {
		switch tt := t.Type(k); {
		case tt == js.OpenParenToken:
			if c, call := s.call(k); call {
				switch s.callee(c, 0) {
				case callClock:
					clocked = true
				case callShared:
					clocked, loads = true, true
				}
			}
		case tt == js.NewToken:
			clocked = true
		case tt == js.LtToken || tt == js.LtEqToken || tt == js.GtToken || tt == js.GtEqToken ||
			tt == js.EqEqToken || tt == js.EqEqEqToken || tt == js.NotEqToken || tt == js.NotEqEqToken:
			compares = true
		}
	}
	switch {
	case clocked && (compares || loads):
		return true
	case !clocked && !reads:
		return false
	}
	// Whether it names a variable the loop re-reads decides.
	for k := e[0]; k < e[1]; k++ {
		if js.IsIdentifier(t.Type(k)) && s.reassigned(l, k) {
			return true
		}
	}
	return false
}

// reassigned reports whether loop l assigns (=) the name at token k a
// value that may read a clock.
func (s *scan) reassigned(l jstokens.Loop, k int) bool {
	if _, member := s.t.Member(k); member {
		return false
	}
	return s.loopFacts(l).reread[string(s.t.Text(k))]
}

// readsClock reports whether the expression starting at token v (up to a
// comma, the end of its statement or a closing bracket) has new or a call
// that may read a clock.
func (s *scan) readsClock(v int) bool {
	t := s.t
	end := s.t.StatementEnd(v)
	depth := 0
	for k := v; k < end; k++ {
		switch tt := t.Type(k); tt {
		case js.OpenParenToken:
			if c, call := s.call(k); call && s.callee(c, 0) >= callClock {
				return true
			}
			depth++
		case js.OpenBraceToken, js.OpenBracketToken:
			depth++
		case js.CloseParenToken, js.CloseBraceToken, js.CloseBracketToken:
			depth--
		case js.CommaToken:
			if depth == 0 {
				return false
			}
		case js.NewToken:
			return true
		}
	}
	return false
}

// newDate reports whether new at token k may make a Date: new Date, new
// of a name that may be bound to Date (or of a global object's member),
// new (...).
func (s *scan) newDate(k int) bool {
	t := s.t
	if s.clockWords()&dates == 0 {
		return false
	}
	j := k + 1
	switch tt := t.Type(j); {
	case tt == js.OpenParenToken:
		return true
	case js.IsIdentifier(tt):
		switch name := string(t.Text(j)); name {
		case "Date", "globalThis", "global", "window":
			return true
		default:
			return s.alias(j) != none
		}
	}
	return false
}

// call reports whether token p opens the arguments of a call, and returns
// the last token of the callee.
func (s *scan) call(p int) (callee int, ok bool) {
	t := s.t
	if t.Type(p) != js.OpenParenToken || p == 0 {
		return -1, false
	}
	if t.Type(p-1) == js.OptChainToken {
		return p - 2, p >= 2 // f?.()
	}
	c, ok := t.CallAt(p)
	if !ok || c >= 0 {
		return c, ok
	}
	if t.Type(p-1) == js.CloseParenToken {
		// if (x) (y): a statement's condition, then a group
		if m := t.Match(p - 1); m > 0 {
			switch t.Type(m - 1) {
			case js.IfToken, js.WhileToken, js.ForToken, js.WithToken, js.SwitchToken, js.CatchToken:
				return -1, false
			}
		}
	}
	return p - 1, true
}

// callee classifies a call by the last token c of its callee.
func (s *scan) callee(c, depth int) verdict {
	t := s.t
	switch tt := t.Type(c); {
	case js.IsIdentifierName(tt):
		if o, ok := t.Member(c); ok {
			return s.member(t.Text(c), o)
		}
		return s.plain(c)
	case tt == js.CloseBracketToken:
		if o, name, ok := s.index(c); ok {
			return s.member([]byte(name), o)
		}
	case tt == js.CloseParenToken:
		m := t.Match(c)
		if m < 0 || depth > 4 {
			return s.reading()
		}
		if _, call := s.call(m); call {
			return callWork // f()(), new F()(): no clock, no harmless global
		}
		if t.Type(c-1) == js.CommaToken {
			c-- // (a, b,): the parser takes it
		}
		if c-1 > m {
			return s.callee(c-1, depth+1) // (0, Date.now)(): the group's last name
		}
	}
	return callWork
}

// index reports whether token c closes a string index, x['name'], and
// returns the object's last token and the name.
func (s *scan) index(c int) (object int, name string, ok bool) {
	t := s.t
	if t.Match(c) != c-2 || t.Type(c-1) != js.StringToken || c < 3 {
		return -1, "", false
	}
	if t.Type(c-3) == js.OptChainToken { // x?.['name']
		v, _ := s.str(c - 1)
		return c - 4, v, c >= 4
	}
	switch t.Type(c - 3) {
	case js.CloseParenToken, js.CloseBracketToken:
	default:
		if !js.IsIdentifierName(t.Type(c - 3)) {
			return -1, "", false // an array literal
		}
	}
	v, _ := s.str(c - 1)
	return c - 3, v, true
}

// member classifies a call of property prop of the object ending at token
// o: a clock's (Date.now, performance.now, hrtime.bigint, Atomics.load),
// process.hrtime, a method of new Date(), or a harmless global's (the
// chain starts at Math, Number, BigInt or Date, or at a name that may be
// bound to one).
func (s *scan) member(prop []byte, o int) verdict {
	switch w := s.clockWords(); {
	case string(prop) == "load" && w&atomics != 0:
		return callShared
	case string(prop) == "now" && w&nowClock != 0, (string(prop) == "bigint" || string(prop) == "hrtime") && w&hrClock != 0:
		return s.reading()
	}
	t := s.t
	if t.Type(o) == js.CloseParenToken {
		return s.instance(o)
	}
	next := prop // the chain's name after o
	for range 64 {
		switch tt := t.Type(o); {
		case js.IsIdentifierName(tt):
			if p, ok := t.Member(o); ok {
				next, o = t.Text(o), p
				continue
			}
			return s.root(o, next)
		case tt == js.CloseBracketToken:
			if p, name, ok := s.index(o); ok {
				next, o = []byte(name), p
				continue
			}
			return callWork // x[i].f(): no binding
		case tt == js.CloseParenToken:
			m := t.Match(o)
			if _, call := s.call(m); call || m < 0 {
				return callWork // f().g.h()
			}
			return callHarmless // (Math).max.apply()
		default:
			return callWork
		}
	}
	return callHarmless
}

// root classifies a call of a member chain by its first name, at token o,
// and the chain's next name.
func (s *scan) root(o int, next []byte) verdict {
	t := s.t
	tt := t.Type(o)
	if js.IsReservedWord(tt) {
		return callWork // this.f(), super.f()
	}
	switch string(t.Text(o)) {
	case "Math", "Number", "BigInt", "Date":
		return callHarmless
	case "globalThis", "global", "window":
		if harmlessName(next) {
			return callHarmless
		}
	}
	if s.alias(o) != none {
		return callHarmless
	}
	return callWork
}

// plain classifies a call of a name, at token c.
func (s *scan) plain(c int) verdict {
	t := s.t
	tt := t.Type(c)
	if js.IsReservedWord(tt) {
		return callWork // import(), super()
	}
	if harmlessName(t.Text(c)) {
		return callHarmless // Number(x), BigInt(x), Date()
	}
	switch s.alias(c) {
	case harmlessAlias:
		return callHarmless
	case clockAlias:
		return s.reading()
	}
	return callWork
}

func harmlessName(name []byte) bool {
	switch string(name) {
	case "Math", "Number", "BigInt", "Date":
		return true
	}
	return false
}

// instance classifies a method call on the value of the parenthesis
// closed at token o: a method of new Date() (no arguments) may read the
// clock; of another call's result, it is work.
func (s *scan) instance(o int) verdict {
	t := s.t
	m := t.Match(o)
	if m < 0 {
		return s.reading()
	}
	if s.clockWords()&dates == 0 {
		if _, call := s.call(m); call {
			return callWork // f().g()
		}
		return callHarmless // (Math).max()
	}
	if _, call := s.call(m); !call {
		return callClock // (new Date).getTime(), (x).f()
	}
	if o != m+1 {
		return callWork // new Date(x).getTime(): not a reading
	}
	r := m - 1
	for js.IsIdentifierName(t.Type(r)) {
		p, ok := t.Member(r)
		if !ok {
			break
		}
		r = p
	}
	if t.Type(r) == js.CloseParenToken && t.Match(r) >= 0 {
		r = t.Match(r) // new (Date)()
	}
	if t.Type(r-1) == js.NewToken {
		return callClock // new Date().getTime()
	}
	return callWork
}

// Which clocks a module may read, by the words it has (names, or strings
// for modules and indices): a clock's binding ends at the name of a
// reading and starts at Date, performance, process or Atomics, or at the
// module perf_hooks or process.
const (
	nowClock = 1 << iota // now, and Date, performance or perf_hooks
	hrClock              // hrtime, and process
	atomics              // load, and Atomics
	dates                // Date, and new
	wordsDone
)

// clockWords returns which clocks the module may read (nowClock...),
// computed once; before the words level, any.
func (s *scan) clockWords() uint8 {
	if s.level == guess {
		return nowClock | hrClock | atomics | dates
	}
	if s.named == 0 {
		s.survey()
	}
	return s.named
}

// clocks reports whether the module may read a clock at all: otherwise no
// name is bound to one, or to a function returning a reading.
func (s *scan) clocks() bool {
	return s.clockWords()&(nowClock|hrClock|atomics|dates) != 0
}

// reading is the verdict of a call that may read a clock: callShared when
// the module may call Atomics.load.
func (s *scan) reading() verdict {
	if s.clockWords()&atomics != 0 {
		return callShared
	}
	return callClock
}
