package cpuloop

import (
	"bytes"
	"math"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Prefilter is the rule's test on tokens: a module may hold a finding if
// something in it may cost the threshold as the rule prices it (every
// bound below is an upper bound over what the tokens leave open):
//
//   - crypto.createDiffieHellman named (as a name, or a string key the
//     bindings resolve) while a prime search of the timing table costs
//     the threshold;
//   - X(n).fill with a constant n whose elements may cost it (any callee:
//     the tokens do not tell which is Array); in a module naming JSON's
//     parse or stringify (same forms), a value of a constant size that
//     may cost it: X(n).fill(v), 's'.repeat(n), {length: n} or {length}
//     (as Array.from takes);
//   - a for, while or do-while loop the rule may count, whose iteration
//     count times the cost of one iteration may reach it.
//
// A loop may be counted only in the rule's shapes: a counter compared
// (<, <=, >, >=, !=, !==) with a constant expression; in a for loop, an
// init giving the counter a constant and an update by a constant step
// (i++, i--, i += n, i -= n, i = i + n); in a while or do-while loop, a
// counter (either side of the comparison) declared with a constant and
// updated so in the body. Its count is bounded over the values the
// constants may have, in the direction of the comparison. It is not
// counted when a return, a throw or a break that leaves it (unlabelled,
// outside the inner loops and switches, or labelled) stands in a block of
// its body; braces that may open a function, a class or an object literal
// are not looked into (await and yield are not looked for).
//
// A constant expression is numbers, names, + - * / ** <<, negation and
// parentheses. A name stands for the values of every declarator (var,
// let, const, or a name = value after a comma) of that name giving it a
// constant expression whose scope may hold the reference: the innermost
// braces around a let or const, the innermost braces certainly a
// function's body (or the module) around a var; names are read as many
// deep as the rule reads them. Assignments are not looked at: a name the
// rule takes for no constant because it is reassigned still is one here.
//
// One iteration costs at most the empty loop plus, for each of its tokens
// (its header's too), the dearest timing row the rule may price a node
// there with: an operator, a division, a string concatenation (+=), a
// property, an index or an array, an object literal, new, a function, a
// template, a call (Date.now in a module naming now, a push, a method);
// each inner loop costs its own bound (or once) times its own iteration.
// A braceless body is taken to its statement's end, or further.
//
// The rows come from Timing and the threshold from the -threshold flag at
// each call; a threshold of zero or less keeps every module with a loop
// the rule may count.
func Prefilter(t *jstokens.Tokens) bool {
	p := &pre{t: t, th: float64(threshold), tab: Timing}
	return p.costlyCall() || p.costlyLoop()
}

// pre is the prefilter's state for one module.
type pre struct {
	t   *jstokens.Tokens
	th  float64
	tab *cost.Table
	w   words // what scan finds

	decls  *declIndex
	consts map[int]*[maxDepth]constant // the values of declarators, by depth
	rows   rowMins
	loops  []jstokens.Loop
	count  []float64 // iterations at most, per loop; 0: not counted
	ends   []int     // the end of each loop's tokens, at least; 0: not known yet
	per    []float64 // one iteration's cost at most, per loop; -1: not known yet
}

type constant struct {
	v         interval
	ok, known bool
}

// words are what scan finds: for costlyCall, the words it prices; for
// the loops, whether now is named (a call may be Date.now), whether a loop
// keyword is, the do keywords (to tell whether Loops paired each with its
// while); for declarations, the braces and the declarators in the order
// of the tokens, so that it need not read every token again.
type words struct {
	json, dh, now, loops bool
	dos                  int
	fills, repeats       [][2]int // the name, its call's parenthesis
	lengths              []int
	marks                []int32 // {, } and the names before = after var, let, const or a comma
}

// scan reads the tokens once for what costlyCall prices, the loops and
// the declarations need. What it finds is rare, and goes to w; next skips
// the other tokens (a type of token it reads must be in scanned).
func (p *pre) scan(w *words) {
	src, toks := p.t.Src, p.t.Tokens()
	w.marks = make([]int32, 0, len(toks)/12) // braces and declarators: about a fourteenth of the tokens
	for k := next(src, toks, 0); k < len(toks); k = next(src, toks, k+1) {
		switch toks[k].Type {
		case js.IdentifierToken:
			p.word(k, w)
		case js.StringToken:
			// x['now'], {'now': n} = x: a key the bindings resolve
			if k > 0 && toks[k-1].Type == js.OpenBracketToken || k+1 < len(toks) && toks[k+1].Type == js.ColonToken {
				p.key(k, w)
			}
		case js.OpenBraceToken, js.CloseBraceToken:
			w.marks = append(w.marks, int32(k))
		case js.EqToken:
			// a declarator, if a value follows
			if k >= 2 && k+1 < len(toks) && declares(toks[k-2].Type) && isName(toks[k-1].Type) {
				w.marks = append(w.marks, int32(k-1))
			}
		case js.ForToken, js.WhileToken:
			w.loops = true
		case js.DoToken:
			w.loops = true
			if !p.member(k) && p.t.Type(k+1) != js.ColonToken {
				w.dos++
			}
		}
	}
}

// next returns the index of the first token from k that scan reads, or
// len(toks): a token of a type it reads, or an identifier that may be one
// of the words word looks for, as its length and first letter tell. Most
// tokens are none: the loop keeps its state in registers, and branches
// once a token.
func next(src []byte, toks []jsast.Token, k int) int {
	if len(src) == 0 {
		return len(toks) // no text: no token scan reads
	}
	last := uint(len(src) - 1)
	for ; k < len(toks); k++ {
		tok := &toks[k]
		c := scanned[tok.Type]
		first := src[min(uint(tok.Start), last)]
		if uint64(c&sRead)|scanWords.May(first, tok.End-tok.Start)&uint64(c&sIdent) != 0 {
			return k
		}
	}
	return k
}

// What scan reads of a token, by its type (scanned).
const (
	sIdent uint8 = 1 // an identifier, if its initials may be one of scanWords
	sRead  uint8 = 2 // a string, a brace, =, for, while or do
)

var scanned = func() (c [1 << 16]uint8) {
	c[js.IdentifierToken] = sIdent
	for _, tt := range []js.TokenType{js.StringToken, js.OpenBraceToken, js.CloseBraceToken, js.EqToken, js.ForToken, js.WhileToken, js.DoToken} {
		c[tt] = sRead
	}
	return c
}()

// declares reports whether a name after a token of type tt, before =, may
// be declared: after var, let, const, or a comma.
func declares(tt js.TokenType) bool {
	return tt == js.VarToken || tt == js.LetToken || tt == js.ConstToken || tt == js.CommaToken
}

// scanWords are the names word looks for.
var scanWords = jstokens.NewInitials("now", "fill", "parse", "stringify", "repeat", "length", "createDiffieHellman")

// word notes what identifier k is to costlyCall, if anything: now, a
// .fill( or a 'string'.repeat( call, a length key, parse or stringify,
// createDiffieHellman.
func (p *pre) word(k int, w *words) {
	t := p.t
	switch s := t.Text(k); string(s) {
	case "now":
		w.now = true
	case "fill":
		if o := p.called(k); p.member(k) && o > 0 {
			w.fills = append(w.fills, [2]int{k, o})
		}
	case "parse", "stringify":
		w.json = true
	case "repeat":
		if o := p.called(k); p.member(k) && t.Type(k-2) == js.StringToken && o > 0 {
			w.repeats = append(w.repeats, [2]int{k, o})
		}
	case "length":
		if prev := t.Type(k - 1); (prev == js.OpenBraceToken || prev == js.CommaToken) && k > 0 {
			w.lengths = append(w.lengths, k)
		}
	case "createDiffieHellman":
		w.dh = true
	}
}

// key notes the name string key k may be: now, parse, stringify or
// createDiffieHellman.
func (p *pre) key(k int, w *words) {
	s := p.t.Text(k)
	if len(s) < 2 || len(s) > 2+len("createDiffieHellman") && bytes.IndexByte(s, '\\') < 0 {
		return
	}
	name := s[1 : len(s)-1]
	if bytes.IndexByte(s, '\\') >= 0 {
		v, _ := resolve.StringValue(s)
		name = []byte(v)
	}
	switch string(name) {
	case "now":
		w.now = true
	case "parse", "stringify":
		w.json = true
	case "createDiffieHellman":
		w.dh = true
	}
}

// costlyCall scans the tokens once for the calls the rule prices (and
// notes what the loops and the declarations need).
func (p *pre) costlyCall() bool {
	t := p.t
	w := &p.w
	p.scan(w)
	if w.dh {
		for _, key := range p.tab.Keys(cost.CPU) {
			if r, _ := p.tab.Lookup(key); strings.HasPrefix(key, "cpu.crypto.dh-") && float64(r.Cost.Min) >= p.th {
				return true
			}
		}
	}
	if len(w.fills) == 0 && !w.json {
		return false // nothing else to price (most modules)
	}
	fill, parse, stringify := p.rowMin("cpu.array.fill"), p.rowMin("cpu.json.parse"), p.rowMin("cpu.json.stringify")
	size := -1.0 // the largest constant size, in KB, a JSON call may get
	for _, f := range w.fills {
		n, ok := p.arrayLength(f[0] - 2)
		if !ok {
			continue
		}
		if mul(n.abs(), fill) >= p.th {
			return true
		}
		text := len(t.Src) // the arguments' length, at least the first one's
		if c := t.Match(f[1]); c > f[1] {
			text = t.Span(c).Start - t.Span(f[1]).End
		}
		size = max(size, mul(n.abs(), float64(text+1))/1024)
	}
	if w.json {
		for _, r := range w.repeats {
			n, end, ok := p.constAt(r[1] + 1)
			if ok && (t.Type(end) == js.CommaToken || t.Type(end) == js.CloseParenToken) {
				size = max(size, mul(n.abs(), float64(len(t.Text(r[0]-2))-2))/1024)
			}
		}
		for _, k := range w.lengths {
			var n interval
			switch t.Type(k + 1) {
			case js.ColonToken:
				v, end, ok := p.constAt(k + 2)
				if !ok || continues(t, end) {
					continue
				}
				n = v
			case js.CommaToken, js.CloseBraceToken, js.EqToken: // {length}
				c := p.constName(t.Text(k), k, 0)
				if !c.ok {
					continue
				}
				n = c.v
			default:
				continue
			}
			size = max(size, mul(n.abs(), 16)/1024)
		}
		if size >= 0 && mul(size, max(parse, stringify)) >= p.th {
			return true
		}
	}
	return false
}

// called returns the parenthesis of the arguments when token k is called
// (k(...) or k?.(...)), or -1.
func (p *pre) called(k int) int {
	switch p.t.Type(k + 1) {
	case js.OpenParenToken:
		return k + 1
	case js.OptChainToken:
		if p.t.Type(k+2) == js.OpenParenToken {
			return k + 2
		}
	}
	return -1
}

// arrayLength reads the constant n of X(n) or new X(n) (any callee: the
// tokens do not tell which is Array), possibly parenthesised, ending at
// token c. A parenthesis after another (a call's, or a for loop's header)
// is read both as arguments and as a group.
func (p *pre) arrayLength(c int) (interval, bool) {
	t := p.t
	for depth := 0; depth < 16; depth++ {
		if c < 0 || t.Type(c) != js.CloseParenToken {
			return interval{}, false
		}
		o := t.Match(c)
		if o < 0 || o >= c {
			return interval{}, false
		}
		if _, call := t.CallAt(o); call || t.Type(o-1) == js.OptChainToken {
			v, end, ok := p.constAt(o + 1)
			if ok && (end == c || t.Type(end) == js.CommaToken && end+1 == c) {
				return v, true
			}
		}
		c-- // a group: (new Array(n)).fill
	}
	return interval{}, false
}

func (p *pre) rowMin(key string) float64 {
	r, ok := p.tab.Lookup(key)
	if !ok {
		return 0
	}
	return float64(r.Cost.Min)
}

// costlyLoop reports whether a loop the rule may count may cost the
// threshold.
func (p *pre) costlyLoop() bool {
	t := p.t
	if !p.w.loops {
		return false // no loop keyword: Loops would find none
	}
	p.loops = t.Loops()
	dos := 0
	for _, l := range p.loops {
		if l.Keyword == js.DoToken {
			dos++
		}
	}
	if dos != p.w.dos {
		return true // a do-while the tokens could not delimit
	}
	p.count = make([]float64, len(p.loops))
	p.ends = make([]int, len(p.loops))
	counted := false
	for i := range p.loops {
		p.count[i] = p.iterations(i)
		counted = counted || p.count[i] > 0
	}
	if !counted {
		return false
	}
	if p.th <= 0 {
		return true
	}
	p.rows = p.rowMins()
	p.per = make([]float64, len(p.loops))
	for i := range p.per {
		p.per[i] = -1
	}
	for i, n := range p.count {
		if n > 0 && mul(n, p.perIteration(i)) >= p.th {
			return true
		}
	}
	return false
}

// iterations bounds the count the rule may give loop i: 0 when it does not
// count it.
func (p *pre) iterations(i int) float64 {
	t, l := p.t, p.loops[i]
	n := 0.0
	if l.Keyword == js.ForToken {
		open := l.Range[0] + 1
		close := t.Match(open)
		init, post := [2]int{open + 1, l.Cond[0] - 1}, [2]int{l.Cond[1] + 1, close}
		if close < 0 || init[0] >= init[1] || l.Cond[0] >= l.Cond[1] || post[0] >= post[1] {
			return 0
		}
		k, decl := init[0], false
		if tt := t.Type(k); tt == js.VarToken || tt == js.ConstToken || tt == js.LetToken && t.Type(k+1) != js.EqToken {
			k, decl = k+1, true
		}
		if !isName(t.Type(k)) || t.Type(k+1) != js.EqToken {
			return 0
		}
		counter := t.Text(k)
		// The shapes first, then whether the loop leaves early, the values
		// (which need the declarations) last.
		x, op, y, ok := p.comparison(l.Cond)
		if !ok {
			return 0
		}
		// The rule reads the counter on the right first: N > i is i < N.
		other := x
		if p.is(y, counter) {
			op = flip(op)
		} else if p.is(x, counter) {
			other = y
		} else {
			return 0
		}
		if !p.plain(other) {
			return 0
		}
		step, ok := p.step(post, counter)
		if !ok || p.leaves(l) {
			return 0
		}
		from, end, ok := p.constAt(k + 2)
		if !ok || end != init[1] && !(decl && t.Type(end) == js.CommaToken) {
			return 0
		}
		to, end, ok := p.constAt(other[0])
		if !ok || end != other[1] {
			return 0
		}
		n = iterationCount(from, to, step, op)
	} else {
		x, op, y, ok := p.comparison(l.Cond)
		if !ok {
			return 0
		}
		// The counter is either side: the rule takes the first that is a
		// variable without a constant value.
		body := [2]int{l.Body[0], p.end(i)}
		leaves := -1 // whether the loop leaves early, once known
		for _, side := range [][2][2]int{{x, y}, {y, x}} {
			c, other := side[0], side[1]
			c = p.ungroup(c)
			if c[1] != c[0]+1 || !isName(t.Type(c[0])) {
				continue
			}
			if !p.plain(other) {
				continue
			}
			counter := t.Text(c[0])
			step, ok := p.updates(body, counter)
			if !ok {
				continue
			}
			if leaves < 0 {
				leaves = 0
				if p.leaves(l) {
					leaves = 1
				}
			}
			if leaves == 1 {
				return 0
			}
			from := p.constName(counter, c[0], 0)
			if !from.ok {
				continue // the rule reads the counter's start from its declaration
			}
			to, end, ok := p.constAt(other[0])
			if !ok || end != other[1] {
				continue
			}
			o := op
			if side[0] == y {
				o = flip(op)
			}
			n = max(n, iterationCount(from.v, to, step, o))
		}
	}
	return n
}

// iterationCount bounds ceil((to - from) / by), plus one when the bound
// is inclusive, over the values the intervals allow, as the rule counts a
// loop whose counter moves by a step towards the bound; 0 when the rule
// does not count it.
func iterationCount(from, to, by interval, op js.TokenType) float64 {
	var span, step float64
	switch op {
	case js.LtToken, js.LtEqToken, js.NotEqToken, js.NotEqEqToken: // up
		if by.hi <= 0 {
			return 0
		}
		span, step = to.hi-from.lo, by.lo
	case js.GtToken, js.GtEqToken:
		if by.lo >= 0 {
			return 0
		}
		span, step = from.hi-to.lo, -by.hi
	default:
		return 0
	}
	if step <= 0 {
		return math.Inf(1) // a step as small as it gets
	}
	x := max(0, span) / step
	if op == js.LtEqToken || op == js.GtEqToken {
		x++
	}
	n := math.Ceil(x)
	if math.IsNaN(n) {
		return math.Inf(1)
	}
	return max(0, n)
}

// flip turns a comparison around: N > v is v < N.
func flip(op js.TokenType) js.TokenType {
	switch op {
	case js.LtToken:
		return js.GtToken
	case js.GtToken:
		return js.LtToken
	case js.LtEqToken:
		return js.GtEqToken
	case js.GtEqToken:
		return js.LtEqToken
	}
	return op
}

// comparison splits a condition (outer parentheses stripped) at its one
// comparison operator the rule reads (<, <=, >, >=, !=, !==).
func (p *pre) comparison(cond [2]int) (x [2]int, op js.TokenType, y [2]int, ok bool) {
	t := p.t
	cond = p.ungroup(cond)
	at := -1
	for k := cond[0]; k < cond[1]; k++ {
		switch tt := t.Type(k); tt {
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken:
			if m := t.Match(k); m > k {
				k = m
			}
		case js.LtToken, js.LtEqToken, js.GtToken, js.GtEqToken, js.NotEqToken, js.NotEqEqToken:
			if at >= 0 {
				return x, 0, y, false // a && or a comparison of comparisons: not the rule's
			}
			at, op = k, tt
		}
	}
	if at < 0 {
		return x, 0, y, false
	}
	return [2]int{cond[0], at}, op, [2]int{at + 1, cond[1]}, true
}

// plain reports whether a range may be a constant expression as far as
// its tokens' types tell: names, numbers, parentheses, + - * / ** <<.
func (p *pre) plain(r [2]int) bool {
	for k := r[0]; k < r[1]; k++ {
		switch tt := p.t.Type(k); tt {
		case js.OpenParenToken, js.CloseParenToken, js.AddToken, js.SubToken, js.MulToken, js.DivToken, js.ExpToken, js.LtLtToken:
		default:
			if !isName(tt) && !js.IsNumeric(tt) {
				return false
			}
		}
	}
	return r[0] < r[1]
}

// ungroup strips the parentheses around a range.
func (p *pre) ungroup(r [2]int) [2]int {
	for r[1]-r[0] >= 2 && p.t.Type(r[0]) == js.OpenParenToken && p.t.Match(r[0]) == r[1]-1 {
		r = [2]int{r[0] + 1, r[1] - 1}
	}
	return r
}

// is reports whether range r is the name (in parentheses or not).
func (p *pre) is(r [2]int, name []byte) bool {
	r = p.ungroup(r)
	return r[1] == r[0]+1 && isName(p.t.Type(r[0])) && bytes.Equal(p.t.Text(r[0]), name)
}

// step reads a for loop's update of counter (its whole update): i++, ++i,
// i--, --i, i += n, i -= n, i = i + n, with n constant.
func (p *pre) step(r [2]int, counter []byte) (interval, bool) {
	t := p.t
	name := func(k int) bool { return isName(t.Type(k)) && bytes.Equal(t.Text(k), counter) }
	if r[1]-r[0] == 2 {
		switch {
		case name(r[0]) && t.Type(r[0]+1) == js.IncrToken, t.Type(r[0]) == js.IncrToken && name(r[0]+1):
			return point(1), true
		case name(r[0]) && t.Type(r[0]+1) == js.DecrToken, t.Type(r[0]) == js.DecrToken && name(r[0]+1):
			return point(-1), true
		}
		return interval{}, false
	}
	if !name(r[0]) {
		return interval{}, false
	}
	var v interval
	var end int
	var ok bool
	switch t.Type(r[0] + 1) {
	case js.AddEqToken:
		v, end, ok = p.constAt(r[0] + 2)
	case js.SubEqToken:
		v, end, ok = p.constAt(r[0] + 2)
		v = v.neg()
	case js.EqToken:
		if name(r[0]+2) && t.Type(r[0]+3) == js.AddToken {
			v, end, ok = p.constAt(r[0] + 4)
		}
	}
	return v, ok && end == r[1]
}

// updates bounds the steps of the updates of a while loop's counter in
// its body (the rule takes the one write of the counter, which must be
// such an update): every i++, ++i, i--, --i, i += n, i -= n, i = i + n
// with a constant n; ok is false when there is none.
func (p *pre) updates(body [2]int, counter []byte) (interval, bool) {
	t := p.t
	var steps interval
	found := false
	add := func(v interval) {
		if !found {
			steps, found = v, true
			return
		}
		steps = interval{min(steps.lo, v.lo), max(steps.hi, v.hi)}
	}
	for k := body[0]; k < body[1]; k++ {
		if !isName(t.Type(k)) || p.member(k) || !bytes.Equal(t.Text(k), counter) {
			continue
		}
		switch t.Type(k + 1) {
		case js.IncrToken:
			add(point(1))
		case js.DecrToken:
			add(point(-1))
		case js.AddEqToken, js.SubEqToken:
			v, end, ok := p.constAt(k + 2)
			if ok && !continues(t, end) {
				if t.Type(k+1) == js.SubEqToken {
					v = v.neg()
				}
				add(v)
			}
		case js.EqToken:
			if isName(t.Type(k+2)) && bytes.Equal(t.Text(k+2), counter) && t.Type(k+3) == js.AddToken {
				if v, _, ok := p.constAt(k + 4); ok {
					add(v)
				}
			}
		}
		switch t.Type(k - 1) {
		case js.IncrToken:
			add(point(1))
		case js.DecrToken:
			add(point(-1))
		}
	}
	return steps, found
}

// member reports whether token k follows a dot: a property name.
func (p *pre) member(k int) bool {
	tt := p.t.Type(k - 1)
	return k > 0 && (tt == js.DotToken || tt == js.OptChainToken)
}

// isName reports whether a token may name a variable: an identifier, a
// contextual keyword (of, get, let...), or yield and await, which sloppy
// scripts may use as names.
func isName(tt js.TokenType) bool {
	return js.IsIdentifier(tt) || tt == js.YieldToken || tt == js.AwaitToken
}

// end returns where loop i's tokens end, or later (Loops delimits a
// braceless body by its first statement only).
func (p *pre) end(i int) int {
	l := p.loops[i]
	if l.Keyword == js.DoToken {
		return l.Range[1]
	}
	if p.ends[i] == 0 {
		p.ends[i] = max(l.Range[1], p.upperEnd(l.Body[0], 0))
	}
	return p.ends[i]
}

// perIteration bounds what one iteration of loop i costs the rule: the
// empty loop, each token's dearest row, and each inner loop's count (at
// least once) times its own iteration.
func (p *pre) perIteration(i int) float64 {
	if p.per[i] >= 0 {
		return p.per[i]
	}
	sum := p.rows.empty
	end := p.end(i)
	j := i + 1
	for k := p.loops[i].Range[0]; k < end; {
		for j < len(p.loops) && p.loops[j].Range[0] < k {
			j++
		}
		if j < len(p.loops) && p.loops[j].Range[0] == k {
			sum += mul(max(1, p.count[j]), p.perIteration(j))
			k = max(k+1, p.end(j))
			continue
		}
		sum += p.tokenCost(k)
		k++
	}
	p.per[i] = sum
	return sum
}

// rowMins are the lower ends of the timing rows the rule prices a loop
// with.
type rowMins struct {
	empty, arith, div, concat, member, index, alloc, call, push, now float64
}

func (p *pre) rowMins() rowMins {
	r := rowMins{
		empty:  p.rowMin("cpu.loop.empty"),
		arith:  p.rowMin("cpu.op.arith"),
		div:    p.rowMin("cpu.op.div"),
		concat: p.rowMin("cpu.loop.string-concat"),
		member: p.rowMin("cpu.op.member"),
		index:  p.rowMin("cpu.op.index"),
		alloc:  p.rowMin("cpu.op.alloc"),
		call:   max(p.rowMin("cpu.op.call"), p.rowMin("cpu.op.math")),
		push:   p.rowMin("cpu.loop.array-push"),
	}
	if p.w.now {
		r.now = p.rowMin("cpu.loop.date-now")
	}
	return r
}

// tokenCost bounds what the nodes the rule prices at token k cost: an
// operator (arithmetic, division, string concatenation), a property read,
// an index or an array, an object literal, an allocation (new, a
// function, a template), a call (Date.now in a module naming now, a push)
// or a method.
func (p *pre) tokenCost(k int) float64 {
	t, r := p.t, &p.rows
	c := 0.0
	switch t.Type(k) {
	case js.DivToken, js.DivEqToken, js.ModToken, js.ModEqToken, js.ExpToken, js.ExpEqToken:
		c = r.div
	case js.AddEqToken:
		c = r.concat
	case js.DotToken, js.OptChainToken:
		c = r.member
	case js.OpenBracketToken:
		c = max(r.index, r.alloc)
	case js.OpenBraceToken:
		switch t.Type(k - 1) {
		case js.CloseParenToken, js.SemicolonToken, js.OpenBraceToken, js.CloseBraceToken, js.ElseToken,
			js.DoToken, js.TryToken, js.FinallyToken, js.CatchToken, js.ArrowToken:
			// a block, or the body of a function priced at its keyword,
			// arrow or parameters
		default:
			c = r.alloc
		}
	case js.NewToken, js.FunctionToken, js.ArrowToken, js.TemplateToken, js.TemplateStartToken:
		c = r.alloc
	case js.OpenParenToken:
		c = max(r.call, r.now)
		if t.Type(k-1) == js.IdentifierToken && string(t.Text(k-1)) == "push" {
			c = max(c, r.push)
		}
		if m := t.Match(k); m > k && t.Type(m+1) == js.OpenBraceToken { // a method
			c = max(c, r.alloc)
		}
	}
	return max(r.arith, c)
}
