package redos

import (
	"slices"
	"unicode/utf16"

	"github.com/blockcheck/blockcheck/jsregex"
)

// The matcher is a backtracking interpreter with ECMAScript semantics (the
// continuation-passing algorithm of the spec, which V8's irregexp implements
// as compiled backtracking code): alternatives in order, greedy and lazy
// quantifiers, the empty-iteration check, atomic lookarounds, backward
// matching for lookbehind, captures reset per iteration. It counts one step
// per node entry and stops at a step limit, so a caller can compare the work
// done for growing inputs deterministically. Like V8, it does not memoize.

type mkind uint8

const (
	mSet mkind = iota
	mSeq
	mAlt
	mRepeat
	mGroup
	mLook
	mBackref
	mAssert
	mStrings // v-mode class with multi-character strings
)

type mnode struct {
	kind   mkind
	set    jsregex.CharSet
	ascii  [2]uint64
	kids   []*mnode
	min    int
	max    int // -1: unbounded
	greedy bool
	// capture bookkeeping: group index (mGroup), or the range of groups
	// inside a repeat that are reset each iteration.
	capIndex         int
	capFirst, capEnd int
	behind, negated  bool
	refs             []int
	assert           jsregex.AssertKind
	strs             [][]rune
}

func (n *mnode) has(c rune) bool {
	if c < 128 {
		return n.ascii[c>>6]&(1<<(c&63)) != 0
	}
	return n.set.Contains(c)
}

func setNode(s jsregex.CharSet) *mnode {
	n := &mnode{kind: mSet, set: s}
	for _, r := range s.R {
		for c := r.Lo; c <= r.Hi && c < 128; c++ {
			n.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return n
}

// program is a compiled pattern for the matcher.
type program struct {
	root      *mnode
	groups    int
	flags     jsregex.Flags
	anchored  bool // every alternative starts with ^ (without m): one start position
	wordChars jsregex.CharSet
	sets      map[jsregex.Node]jsregex.CharSet // charSet's results: the automata ask again
}

func compileProgram(re *jsregex.Regexp) *program {
	p := &program{groups: re.Groups, flags: re.Flags, wordChars: jsregex.WordChars(re.Flags.UnicodeMode(), re.Flags.IgnoreCase)}
	if p.flags.IgnoreCase {
		p.wordChars = jsregex.CaseClosure(p.wordChars, p.flags.UnicodeMode())
	}
	p.root = p.compile(re.Root)
	p.anchored = startAnchored(re.Root, re.Flags)
	return p
}

// charSet returns the characters a Char, Dot or Class node matches. The
// result is shared: it must not be modified.
func (p *program) charSet(n jsregex.Node) jsregex.CharSet {
	if s, ok := p.sets[n]; ok {
		return s
	}
	if p.sets == nil {
		p.sets = map[jsregex.Node]jsregex.CharSet{}
	}
	s := p.computeCharSet(n)
	p.sets[n] = s
	return s
}

func (p *program) computeCharSet(n jsregex.Node) jsregex.CharSet {
	f := p.flags
	switch n := n.(type) {
	case *jsregex.Char:
		s := jsregex.Single(n.Value)
		if f.IgnoreCase {
			s = jsregex.CaseClosure(s, f.UnicodeMode())
		}
		return s
	case *jsregex.Dot:
		if f.DotAll {
			return jsregex.NewCharSet(jsregex.Range{Lo: 0, Hi: f.MaxRune()})
		}
		return jsregex.LineTerminators.Complement(f.MaxRune())
	case *jsregex.Class:
		return n.Matches(f)
	}
	return jsregex.CharSet{}
}

func (p *program) compile(n jsregex.Node) *mnode {
	switch n := n.(type) {
	case *jsregex.Char, *jsregex.Dot:
		return setNode(p.charSet(n))
	case *jsregex.Class:
		s := setNode(p.charSet(n))
		if len(n.Strings) == 0 || n.Negated {
			return s
		}
		m := &mnode{kind: mStrings, kids: []*mnode{s}}
		for _, str := range n.Strings {
			m.strs = append(m.strs, []rune(str))
		}
		// Longest strings are tried first (ClassStrings order).
		slices.SortStableFunc(m.strs, func(a, b []rune) int { return len(b) - len(a) })
		return m
	case *jsregex.Concat:
		m := &mnode{kind: mSeq}
		for _, it := range n.Items {
			m.kids = append(m.kids, p.compile(it))
		}
		return m
	case *jsregex.Alternation:
		m := &mnode{kind: mAlt}
		for _, it := range n.Alts {
			m.kids = append(m.kids, p.compile(it))
		}
		return m
	case *jsregex.Group:
		if !n.Capturing {
			return p.compile(n.Body)
		}
		return &mnode{kind: mGroup, capIndex: n.Index, kids: []*mnode{p.compile(n.Body)}}
	case *jsregex.Repeat:
		first, end := groupRange(n.Body)
		return &mnode{kind: mRepeat, min: n.Min, max: n.Max, greedy: n.Greedy, capFirst: first, capEnd: end, kids: []*mnode{p.compile(n.Body)}}
	case *jsregex.Lookaround:
		first, end := groupRange(n.Body)
		return &mnode{kind: mLook, behind: n.Behind, negated: n.Negated, capFirst: first, capEnd: end, kids: []*mnode{p.compile(n.Body)}}
	case *jsregex.Backref:
		return &mnode{kind: mBackref, refs: n.Indices}
	case *jsregex.Assertion:
		return &mnode{kind: mAssert, assert: n.Kind}
	}
	return &mnode{kind: mSeq}
}

// groupRange returns the capture indices [first, end) defined inside n.
func groupRange(n jsregex.Node) (first, end int) {
	first, end = 1<<30, 0
	jsregex.Walk(n, func(x jsregex.Node) bool {
		if g, ok := x.(*jsregex.Group); ok && g.Capturing {
			first = min(first, g.Index)
			end = max(end, g.Index+1)
		}
		return true
	})
	if end == 0 {
		return 0, 0
	}
	return first, end
}

// startAnchored reports whether every match must start at index 0.
func startAnchored(n jsregex.Node, f jsregex.Flags) bool {
	if f.Multiline {
		return false
	}
	switch n := n.(type) {
	case *jsregex.Assertion:
		return n.Kind == jsregex.AssertStart
	case *jsregex.Concat:
		for _, it := range n.Items {
			if startAnchored(it, f) {
				return true
			}
			if !zeroWidth(it) {
				return false
			}
		}
		return false
	case *jsregex.Alternation:
		for _, a := range n.Alts {
			if !startAnchored(a, f) {
				return false
			}
		}
		return true
	case *jsregex.Group:
		return startAnchored(n.Body, f)
	}
	return false
}

func zeroWidth(n jsregex.Node) bool {
	switch n.(type) {
	case *jsregex.Assertion, *jsregex.Lookaround:
		return true
	}
	return false
}

// toInput converts s to the matcher's alphabet: code points in Unicode mode,
// UTF-16 code units otherwise.
func toInput(s string, unicodeMode bool) []rune {
	return appendInput(nil, s, unicodeMode)
}

// appendInput appends s in the matcher's alphabet to dst.
func appendInput(dst []rune, s string, unicodeMode bool) []rune {
	for _, r := range s {
		if !unicodeMode && r > 0xFFFF {
			r1, r2 := utf16.EncodeRune(r)
			dst = append(dst, r1, r2)
			continue
		}
		dst = append(dst, r)
	}
	return dst
}

type cont func(pos int) bool

type matcher struct {
	prog    *program
	in      []rune
	caps    []int
	saved   []int // stack of capture snapshots (save/restore/drop)
	steps   int64
	limit   int64
	aborted bool
}

// save pushes caps[lo:hi] and returns the snapshot's position.
func (m *matcher) save(lo, hi int) int {
	mark := len(m.saved)
	m.saved = append(m.saved, m.caps[lo:hi]...)
	return mark
}

func (m *matcher) restore(mark, lo, hi int) { copy(m.caps[lo:hi], m.saved[mark:mark+hi-lo]) }

func (m *matcher) drop(mark int) { m.saved = m.saved[:mark] }

// run searches s the way String.prototype.replace (global) or RegExp.test
// does, and returns the steps spent; aborted is set when limit was reached.
func (p *program) run(s string, limit int64) (steps int64, aborted bool) {
	m := &matcher{prog: p}
	return m.run(toInput(s, p.flags.UnicodeMode()), limit)
}

// run is program.run on an input already in the matcher's alphabet. A
// matcher can run many inputs: its capture buffers are reused.
func (m *matcher) run(in []rune, limit int64) (steps int64, aborted bool) {
	p := m.prog
	m.in, m.steps, m.limit, m.aborted = in, 0, limit, false
	if n := 2 * (p.groups + 1); len(m.caps) != n {
		m.caps = make([]int, n)
	}
	m.saved = m.saved[:0]
	last := len(m.in)
	if p.anchored || p.flags.Sticky {
		last = 0
	}
	end := -1
	found := func(y int) bool { end = y; return true }
	for start := 0; start <= last && !m.aborted; start++ {
		for i := range m.caps {
			m.caps[i] = -1
		}
		end = -1
		if m.match(p.root, start, 1, found) {
			if !p.flags.Global {
				break
			}
			if end > start {
				start = end - 1
			}
		}
	}
	return m.steps, m.aborted
}

func (m *matcher) isWord(i int) bool {
	return i >= 0 && i < len(m.in) && m.prog.wordChars.Contains(m.in[i])
}

func isLineTerm(c rune) bool { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 }

// tick counts one step (a node entered) and reports whether matching must
// stop: the limit is reached.
func (m *matcher) tick() bool {
	m.steps++
	if m.steps > m.limit {
		m.aborted = true
	}
	return m.aborted
}

// char matches set node n at pos and returns the position after it.
func (m *matcher) char(n *mnode, pos, dir int) (int, bool) {
	i := pos
	if dir < 0 {
		i--
	}
	return pos + dir, uint(i) < uint(len(m.in)) && n.has(m.in[i])
}

func (m *matcher) match(n *mnode, pos, dir int, k cont) bool {
	if m.tick() {
		return false
	}
	switch n.kind {
	case mSet:
		y, ok := m.char(n, pos, dir)
		return ok && k(y)
	case mStrings:
		for _, s := range n.strs {
			if m.matchRunes(s, pos, dir, false) {
				if k(pos + dir*len(s)) {
					return true
				}
			}
		}
		return m.match(n.kids[0], pos, dir, k)
	case mSeq:
		return m.seq(n.kids, pos, dir, k)
	case mAlt:
		for _, a := range n.kids {
			if a.kind == mSet {
				// match(a, pos, dir, k) without its frame
				if m.tick() {
					return false
				}
				if y, ok := m.char(a, pos, dir); ok && k(y) {
					return true
				}
			} else if m.match(a, pos, dir, k) {
				return true
			}
			if m.aborted {
				return false
			}
		}
		return false
	case mGroup:
		i := 2 * n.capIndex
		return m.match(n.kids[0], pos, dir, func(y int) bool {
			os, oe := m.caps[i], m.caps[i+1]
			if dir > 0 {
				m.caps[i], m.caps[i+1] = pos, y
			} else {
				m.caps[i], m.caps[i+1] = y, pos
			}
			if k(y) {
				return true
			}
			m.caps[i], m.caps[i+1] = os, oe
			return false
		})
	case mRepeat:
		if b := n.kids[0]; b.kind == mSet {
			return m.charLoop(n, b, pos, dir, k)
		}
		return m.repeat(n, pos, dir, n.min, n.max, k)
	case mLook:
		return m.look(n, pos, k)
	case mBackref:
		for _, g := range n.refs {
			s, e := m.caps[2*g], m.caps[2*g+1]
			if s < 0 || e < 0 {
				continue
			}
			if !m.matchRunes(m.in[s:e], pos, dir, m.prog.flags.IgnoreCase) {
				return false
			}
			if dir > 0 {
				return k(pos + e - s)
			}
			return k(pos - (e - s))
		}
		return k(pos)
	case mAssert:
		return m.assertion(n, pos) && k(pos)
	}
	return false
}

func (m *matcher) assertion(n *mnode, pos int) bool {
	ml := m.prog.flags.Multiline
	switch n.assert {
	case jsregex.AssertStart:
		return pos == 0 || ml && isLineTerm(m.in[pos-1])
	case jsregex.AssertEnd:
		return pos == len(m.in) || ml && isLineTerm(m.in[pos])
	case jsregex.AssertWordBoundary:
		return m.isWord(pos-1) != m.isWord(pos)
	case jsregex.AssertNotWordBoundary:
		return m.isWord(pos-1) == m.isWord(pos)
	}
	return false
}

// look matches lookaround n at pos. (Its own function: match has too many
// returns for the compiler to inline the deferred drop, and a deferred
// call run through the runtime is slow on this hot path.)
func (m *matcher) look(n *mnode, pos int, k cont) bool {
	mark := m.save(0, len(m.caps))
	defer m.drop(mark)
	d := 1
	if n.behind {
		d = -1
	}
	r := m.match(n.kids[0], pos, d, func(int) bool { return true })
	if m.aborted {
		return false
	}
	if n.negated {
		m.restore(mark, 0, len(m.caps))
		if r {
			return false
		}
		return k(pos)
	}
	if !r {
		return false
	}
	if k(pos) {
		return true
	}
	m.restore(mark, 0, len(m.caps))
	return false
}

func (m *matcher) seq(kids []*mnode, pos, dir int, k cont) bool {
	// Characters and assertions leave nothing to backtrack into: they are
	// matched here, as match would, but without two frames each (the
	// runtime copies and walks every frame when the stack grows, and deep
	// inputs make it grow a lot).
	for len(kids) > 0 {
		i := 0
		if dir < 0 {
			i = len(kids) - 1
		}
		n := kids[i]
		if n.kind != mSet && n.kind != mAssert {
			break
		}
		if m.tick() {
			return false
		}
		if n.kind == mSet {
			y, ok := m.char(n, pos, dir)
			if !ok {
				return false
			}
			pos = y
		} else if !m.assertion(n, pos) {
			return false
		}
		if dir > 0 {
			kids = kids[1:]
		} else {
			kids = kids[:len(kids)-1]
		}
	}
	if len(kids) == 0 {
		return k(pos)
	}
	n, rest := kids[0], kids[1:]
	if dir < 0 {
		n, rest = kids[len(kids)-1], kids[:len(kids)-1]
	}
	next := k // the last item continues with k itself
	if len(rest) > 0 {
		next = func(y int) bool { return m.seq(rest, y, dir, k) }
	}
	if n.kind == mRepeat && n.kids[0].kind == mSet {
		// match(n, pos, dir, next) without its frame
		if m.tick() {
			return false
		}
		return m.charLoop(n, n.kids[0], pos, dir, next)
	}
	return m.match(n, pos, dir, next)
}

// charLoop is repeat for a single-character body, done iteratively as
// irregexp's greedy/lazy character loops do: one step per character
// consumed and one per backtracking attempt.
func (m *matcher) charLoop(n, body *mnode, pos, dir int, k cont) bool {
	avail := func(p int) bool {
		if dir > 0 {
			return p < len(m.in) && body.has(m.in[p])
		}
		return p > 0 && body.has(m.in[p-1])
	}
	cnt, p := 0, pos
	for cnt < n.min {
		if !avail(p) {
			return false
		}
		cnt++
		p += dir
	}
	m.steps += int64(cnt)
	if n.greedy {
		start := cnt
		for (n.max < 0 || cnt < n.max) && avail(p) {
			cnt++
			p += dir
		}
		m.steps += int64(cnt - start)
		for ; cnt >= n.min; cnt-- {
			if m.tick() {
				return false
			}
			if k(pos + dir*cnt) {
				return true
			}
		}
		return false
	}
	for {
		if m.tick() {
			return false
		}
		if k(p) {
			return true
		}
		if n.max >= 0 && cnt >= n.max || !avail(p) {
			return false
		}
		cnt++
		p += dir
	}
}

// repeat is the spec's RepeatMatcher.
func (m *matcher) repeat(n *mnode, pos, dir, lo, hi int, k cont) bool {
	if hi == 0 {
		return k(pos)
	}
	d := func(y int) bool {
		if lo == 0 && y == pos {
			return false // an iteration may not match the empty string
		}
		nlo, nhi := max(lo-1, 0), hi
		if hi > 0 {
			nhi = hi - 1
		}
		return m.repeat(n, y, dir, nlo, nhi, k)
	}
	lo0, hi0 := 2*n.capFirst, 2*n.capEnd
	hasCaps := hi0 > lo0
	mark := 0
	if hasCaps {
		mark = m.save(lo0, hi0)
		defer m.drop(mark)
		for i := lo0; i < hi0; i++ {
			m.caps[i] = -1
		}
	}
	restore := func() {
		if hasCaps {
			m.restore(mark, lo0, hi0)
		}
	}
	if lo > 0 {
		if m.match(n.kids[0], pos, dir, d) {
			return true
		}
		restore()
		return false
	}
	if n.greedy {
		if m.match(n.kids[0], pos, dir, d) {
			return true
		}
		restore()
		return !m.aborted && k(pos)
	}
	restore()
	if k(pos) {
		return true
	}
	if m.aborted {
		return false
	}
	if hasCaps {
		for i := lo0; i < hi0; i++ {
			m.caps[i] = -1
		}
	}
	if m.match(n.kids[0], pos, dir, d) {
		return true
	}
	restore()
	return false
}

func (m *matcher) matchRunes(s []rune, pos, dir int, fold bool) bool {
	if dir < 0 {
		pos -= len(s)
	}
	if pos < 0 || pos+len(s) > len(m.in) {
		return false
	}
	for i, c := range s {
		d := m.in[pos+i]
		if c != d && !(fold && sameFold(c, d, m.prog.flags.UnicodeMode())) {
			return false
		}
	}
	return true
}

func sameFold(a, b rune, unicodeMode bool) bool {
	return jsregex.CaseClosure(jsregex.Single(a), unicodeMode).Contains(b)
}
