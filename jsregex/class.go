package jsregex

import (
	"slices"
	"strings"
)

// classItem is one operand inside brackets: a single character (single) or a
// set, plus multi-character strings in v mode.
type classItem struct {
	set    CharSet
	strs   []string
	c      rune
	single bool
}

func charItem(c rune) classItem { return classItem{set: Single(c), c: c, single: true} }

func (p *parser) class() Node {
	start := p.pos
	p.pos++
	p.inClass++
	defer func() { p.inClass-- }()
	neg := false
	if p.peek() == '^' {
		p.pos++
		neg = true
	}
	var it classItem
	if p.v {
		it = p.classSetExpression(start)
		if neg && len(it.strs) > 0 {
			p.fail(start, "Negated character class may contain strings")
		}
	} else {
		it = p.classRanges(start)
	}
	return &Class{Span: Span{start, p.pos}, Kind: ClassBracket, Negated: neg, Set: it.set, Strings: it.strs}
}

// classRanges parses the body of a class without the v flag, through ']'.
func (p *parser) classRanges(start int) classItem {
	var set CharSet
	var adds []Range
	for {
		if p.eof() {
			p.fail(start, "Unterminated character class")
		}
		if p.pendingUnit == 0 && p.peek() == ']' {
			p.pos++
			break
		}
		a := p.classAtom()
		if p.pendingUnit == 0 && p.peek() == '-' && p.peekAt(1) != ']' && p.peekAt(1) != -1 {
			dash := p.pos
			p.pos++
			b := p.classAtom()
			if !a.single || !b.single {
				if p.u {
					p.fail(dash, "Invalid character class")
				}
				set = set.Union(a.set).Union(b.set)
				adds = append(adds, Range{'-', '-'})
				continue
			}
			if a.c > b.c {
				p.fail(dash, "Range out of order in character class")
			}
			adds = append(adds, Range{a.c, b.c})
			continue
		}
		set = set.Union(a.set)
	}
	return classItem{set: set.Union(NewCharSet(adds...))}
}

// classAtom reads one ClassAtom (non-v mode). An astral character in
// non-Unicode mode is two code units, read as two atoms.
func (p *parser) classAtom() classItem {
	if lo := p.pendingUnit; lo != 0 {
		p.pendingUnit = 0
		return charItem(lo)
	}
	start := p.pos
	c := p.next()
	if c != '\\' {
		if c > MaxUnit && !p.u {
			hi, lo := utf16Pair(c)
			p.pendingUnit = lo
			return charItem(hi)
		}
		return charItem(c)
	}
	if p.eof() {
		p.fail(start, "\\ at end of pattern")
	}
	switch e := p.peek(); {
	case e == 'b':
		p.pos++
		return charItem('\b')
	case e == '-' && p.u:
		p.pos++
		return charItem('-')
	case e >= '0' && e <= '9':
		if p.u {
			if e == '0' && !(p.peekAt(1) >= '0' && p.peekAt(1) <= '9') {
				p.pos++
				return charItem(0)
			}
			p.fail(start, "Invalid class escape")
		}
		if e >= '8' {
			p.pos++
			return charItem(e)
		}
		return charItem(p.legacyOctal())
	}
	if cls := p.classEscape(start); cls != nil {
		return classItem{set: cls.Set, strs: cls.Strings}
	}
	return charItem(p.characterEscape(start, true))
}

// classSetExpression parses a v-mode class body through ']'.
func (p *parser) classSetExpression(start int) classItem {
	if p.peek() == ']' {
		p.pos++
		return classItem{}
	}
	first := p.classSetOperand(start, true)
	switch {
	case p.lookingAt("&&"), p.lookingAt("--"):
		op := p.src[p.pos : p.pos+2]
		if first.single && first.isRange {
			p.fail(p.pos, "Invalid set operation in character class")
		}
		acc := first.classItem
		for p.lookingAt(op) {
			p.pos += 2
			if op == "&&" && p.peek() == '&' {
				p.fail(p.pos, "Invalid character in character class")
			}
			rhs := p.classSetOperand(start, false)
			if op == "&&" {
				acc = intersectItems(acc, rhs.classItem)
			} else {
				acc = subtractItems(acc, rhs.classItem)
			}
		}
		if p.peek() != ']' {
			if p.eof() {
				p.fail(start, "Unterminated character class")
			}
			p.fail(p.pos, "Invalid set operation in character class")
		}
		p.pos++
		return acc
	}
	acc := first.classItem
	for {
		if p.eof() {
			p.fail(start, "Unterminated character class")
		}
		if p.peek() == ']' {
			p.pos++
			return acc
		}
		if p.lookingAt("&&") || p.lookingAt("--") {
			p.fail(p.pos, "Invalid set operation in character class")
		}
		next := p.classSetOperand(start, true)
		acc = unionItems(acc, next.classItem)
	}
}

type setOperand struct {
	classItem
	isRange bool
}

// classSetOperand reads a nested class, \q{...}, a class escape, a single
// character, or (when ranges) a range a-b.
func (p *parser) classSetOperand(start int, ranges bool) setOperand {
	if p.eof() {
		p.fail(start, "Unterminated character class")
	}
	at := p.pos
	var it classItem
	switch c := p.peek(); {
	case c == '[':
		n := p.class().(*Class)
		it = classItem{set: n.Set, strs: n.Strings}
		if n.Negated {
			it.set = n.Set.Complement(MaxRune)
		}
		return setOperand{classItem: it}
	case c == '\\':
		p.pos++
		if p.eof() {
			p.fail(at, "\\ at end of pattern")
		}
		switch e := p.peek(); {
		case e == 'q':
			p.pos++
			return setOperand{classItem: p.classStrings(at)}
		case e == 'b':
			p.pos++
			it = charItem('\b')
		case strings.ContainsRune("&-!#%,:;<=>@`~", e):
			p.pos++
			it = charItem(e)
		case e >= '0' && e <= '9':
			if e == '0' && !(p.peekAt(1) >= '0' && p.peekAt(1) <= '9') {
				p.pos++
				it = charItem(0)
			} else {
				p.fail(at, "Invalid class escape")
			}
		default:
			if cls := p.classEscape(at); cls != nil {
				return setOperand{classItem: classItem{set: cls.Set, strs: cls.Strings}}
			}
			it = charItem(p.characterEscape(at, true))
		}
	default:
		if strings.ContainsRune("()[]{}/-\\|", c) {
			p.fail(at, "Invalid character in character class")
		}
		if isDoublePunct(p.src[p.pos:]) {
			p.fail(at, "Invalid set operation in character class")
		}
		it = charItem(p.next())
	}
	if ranges && p.peek() == '-' && !p.lookingAt("--") {
		dash := p.pos
		p.pos++
		hi := p.classSetOperand(start, false)
		if !hi.single || hi.isRange {
			p.fail(dash, "Invalid character class")
		}
		if it.c > hi.c {
			p.fail(dash, "Range out of order in character class")
		}
		return setOperand{classItem: classItem{set: NewCharSet(Range{it.c, hi.c}), single: true}, isRange: true}
	}
	return setOperand{classItem: it}
}

func isDoublePunct(s string) bool {
	return len(s) >= 2 && s[0] == s[1] && strings.IndexByte("&!#$%*+,.:;<=>?@^`~", s[0]) >= 0
}

// classStrings reads "{a|bc|}" after \q.
func (p *parser) classStrings(at int) classItem {
	if p.peek() != '{' {
		p.fail(at, "Invalid escape")
	}
	p.pos++
	var it classItem
	var cur []rune
	flush := func() {
		if len(cur) == 1 {
			it.set = it.set.Union(Single(cur[0]))
		} else {
			it.strs = appendUnique(it.strs, string(cur))
		}
		cur = cur[:0]
	}
	for {
		if p.eof() {
			p.fail(at, "Unterminated character class")
		}
		switch c := p.peek(); c {
		case '}':
			p.pos++
			flush()
			return it
		case '|':
			p.pos++
			flush()
		case '\\':
			e := p.pos
			p.pos++
			if p.eof() {
				p.fail(e, "\\ at end of pattern")
			}
			if x := p.peek(); x == 'b' {
				p.pos++
				cur = append(cur, '\b')
			} else if strings.ContainsRune("&-!#%,:;<=>@`~", x) {
				p.pos++
				cur = append(cur, x)
			} else {
				cur = append(cur, p.characterEscape(e, true))
			}
		default:
			if strings.ContainsRune("()[]{}/-|", c) {
				p.fail(p.pos, "Invalid character in character class")
			}
			cur = append(cur, p.next())
		}
	}
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func unionItems(a, b classItem) classItem {
	out := classItem{set: a.set.Union(b.set), strs: slices.Clone(a.strs)}
	for _, s := range b.strs {
		out.strs = appendUnique(out.strs, s)
	}
	return out
}

func intersectItems(a, b classItem) classItem {
	out := classItem{set: a.set.Intersect(b.set)}
	for _, s := range a.strs {
		if slices.Contains(b.strs, s) {
			out.strs = append(out.strs, s)
		}
	}
	return out
}

func subtractItems(a, b classItem) classItem {
	out := classItem{set: a.set.Subtract(b.set)}
	for _, s := range a.strs {
		if !slices.Contains(b.strs, s) {
			out.strs = append(out.strs, s)
		}
	}
	return out
}
