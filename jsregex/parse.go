package jsregex

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a syntax error in a pattern or its flags. Msg follows the wording
// of V8's SyntaxError where there is one.
type Error struct {
	Pattern string
	Flags   string
	Offset  int // byte offset into Pattern; -1 for a flags error
	Msg     string
}

func (e *Error) Error() string {
	return fmt.Sprintf("Invalid regular expression: /%s/%s: %s (at offset %d)", e.Pattern, e.Flags, e.Msg, e.Offset)
}

// ParseFlags parses a flags string such as "gi".
func ParseFlags(flags string) (Flags, error) {
	var f Flags
	for _, c := range flags {
		var p *bool
		switch c {
		case 'd':
			p = &f.HasIndices
		case 'g':
			p = &f.Global
		case 'i':
			p = &f.IgnoreCase
		case 'm':
			p = &f.Multiline
		case 's':
			p = &f.DotAll
		case 'u':
			p = &f.Unicode
		case 'v':
			p = &f.UnicodeSets
		case 'y':
			p = &f.Sticky
		}
		if p == nil || *p {
			return Flags{}, &Error{Flags: flags, Offset: -1, Msg: "Invalid regular expression flags"}
		}
		*p = true
	}
	if f.Unicode && f.UnicodeSets {
		return Flags{}, &Error{Flags: flags, Offset: -1, Msg: "Invalid regular expression flags"}
	}
	return f, nil
}

// Parse parses pattern (the text between the slashes of a literal, or the
// decoded first argument of new RegExp) with the given flags. It never panics;
// invalid input yields an *Error.
func Parse(pattern, flags string) (re *Regexp, err error) {
	f, err := ParseFlags(flags)
	if err != nil {
		e := err.(*Error)
		e.Pattern = pattern
		return nil, e
	}
	p := &parser{src: pattern, flags: f, u: f.UnicodeMode(), v: f.UnicodeSets, flagText: flags}
	p.re = &Regexp{Source: pattern, Flags: f, Names: map[string][]int{}}
	p.totalGroups, p.hasNames = prescan(pattern, p.v)
	p.namedMode = p.u || p.hasNames
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			re, err = nil, pe
		}
	}()
	root := p.disjunction()
	if p.pos < len(p.src) {
		if p.src[p.pos] == ')' {
			p.fail(p.pos, "Unmatched ')'")
		}
		p.fail(p.pos, "Unexpected character")
	}
	p.re.Root = root
	for _, b := range p.backrefs {
		idx, ok := p.re.Names[b.Name]
		if !ok {
			p.fail(b.Start, "Invalid named capture referenced")
		}
		b.Indices = idx
	}
	return p.re, nil
}

type parser struct {
	src      string
	flagText string
	pos      int
	flags    Flags
	u, v     bool // Unicode mode; UnicodeSets mode
	re       *Regexp

	totalGroups int  // capturing groups in the whole pattern (for \N in Annex B)
	hasNames    bool // the pattern has a named group, which makes \k special
	namedMode   bool
	backrefs    []*Backref // named references, resolved at the end
	pendingUnit rune       // low surrogate of an astral class member not yet read
	inClass     int        // bracket nesting depth
}

func (p *parser) fail(off int, msg string) {
	panic(&Error{Pattern: p.src, Flags: p.flagText, Offset: off, Msg: msg})
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

// peek returns the next character without consuming it, or -1 at the end.
func (p *parser) peek() rune {
	if p.eof() {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *parser) peekAt(off int) rune {
	if p.pos+off >= len(p.src) {
		return -1
	}
	return rune(p.src[p.pos+off])
}

func (p *parser) next() rune {
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += n
	return r
}

func (p *parser) lookingAt(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

// prescan counts capturing groups and notes named groups, which decide how
// \N and \k parse in Annex B mode before the groups themselves are reached.
func prescan(s string, v bool) (groups int, named bool) {
	depth := 0 // class nesting
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			if depth == 0 || v {
				depth++
			}
		case ']':
			if depth > 0 {
				depth--
			}
		case '(':
			if depth > 0 {
				continue
			}
			if i+1 < len(s) && s[i+1] == '?' {
				if i+3 < len(s) && s[i+2] == '<' && s[i+3] != '=' && s[i+3] != '!' {
					groups++
					named = true
				}
				continue
			}
			groups++
		}
	}
	return
}

func (p *parser) disjunction() Node {
	start := p.pos
	alts := []Node{p.alternative()}
	for !p.eof() && p.src[p.pos] == '|' {
		p.pos++
		alts = append(alts, p.alternative())
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &Alternation{Span: Span{start, p.pos}, Alts: alts}
}

func (p *parser) alternative() Node {
	c := &Concat{Span: Span{p.pos, p.pos}}
	for !p.eof() && p.src[p.pos] != '|' && p.src[p.pos] != ')' {
		c.Items = p.term(c.Items)
	}
	c.End = p.pos
	return c
}

// term parses one term and appends it (two items when a non-Unicode pattern
// holds an astral character: the quantifier binds to the low surrogate).
func (p *parser) term(items []Node) []Node {
	start := p.pos
	c := p.peek()
	switch c {
	case '^':
		p.pos++
		return append(items, &Assertion{Span{start, p.pos}, AssertStart})
	case '$':
		p.pos++
		return append(items, &Assertion{Span{start, p.pos}, AssertEnd})
	case '\\':
		if k := p.peekAt(1); k == 'b' || k == 'B' {
			p.pos += 2
			kind := AssertWordBoundary
			if k == 'B' {
				kind = AssertNotWordBoundary
			}
			items = append(items, &Assertion{Span{start, p.pos}, kind})
			if p.isQuantifierStart() {
				p.fail(p.pos, "Nothing to repeat")
			}
			return items
		}
	case '(':
		if p.lookingAt("(?=") || p.lookingAt("(?!") || p.lookingAt("(?<=") || p.lookingAt("(?<!") {
			behind := p.src[p.pos+2] == '<'
			neg := p.src[p.pos+2] == '!' || (behind && p.src[p.pos+3] == '!')
			p.pos += 3
			if behind {
				p.pos++
			}
			body := p.disjunction()
			if p.eof() {
				p.fail(start, "Unterminated group")
			}
			p.pos++
			var n Node = &Lookaround{Span: Span{start, p.pos}, Behind: behind, Negated: neg, Body: body}
			if p.isQuantifierStart() {
				if behind || p.u {
					p.fail(p.pos, "Invalid quantifier")
				}
				n = p.quantifier(n, start)
			}
			return append(items, n)
		}
	case '*', '+', '?':
		p.fail(start, "Nothing to repeat")
	case '{':
		if _, _, ok := p.braceQuantifier(true); ok {
			p.fail(start, "Nothing to repeat")
		}
		if p.u {
			p.fail(start, "Lone quantifier brackets")
		}
	case '}', ']':
		if p.u {
			p.fail(start, "Lone quantifier brackets")
		}
	}
	atoms := p.atom()
	last := atoms[len(atoms)-1]
	items = append(items, atoms[:len(atoms)-1]...)
	if p.isQuantifierStart() {
		last = p.quantifier(last, last.Pos().Start)
	}
	return append(items, last)
}

func (p *parser) isQuantifierStart() bool {
	switch p.peek() {
	case '*', '+', '?':
		return true
	case '{':
		if _, _, ok := p.braceQuantifier(true); ok {
			return true
		}
		if p.u {
			p.fail(p.pos, "Incomplete quantifier")
		}
	}
	return false
}

// braceQuantifier reads {n}, {n,} or {n,m} at the current position. With
// peekOnly it leaves the position unchanged.
func (p *parser) braceQuantifier(peekOnly bool) (lo, hi int, ok bool) {
	i := p.pos + 1
	num := func() (int, bool) {
		s := i
		v := 0
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			if v < 1<<30 {
				v = v*10 + int(p.src[i]-'0')
			}
			i++
		}
		return min(v, 1<<30), i > s
	}
	lo, ok = num()
	if !ok {
		return 0, 0, false
	}
	hi = lo
	if i < len(p.src) && p.src[i] == ',' {
		i++
		var has bool
		hi, has = num()
		if !has {
			hi = -1
		}
	}
	if i >= len(p.src) || p.src[i] != '}' {
		return 0, 0, false
	}
	if !peekOnly {
		p.pos = i + 1
	}
	return lo, hi, true
}

func (p *parser) quantifier(body Node, start int) Node {
	qpos := p.pos
	var lo, hi int
	switch p.next() {
	case '*':
		lo, hi = 0, -1
	case '+':
		lo, hi = 1, -1
	case '?':
		lo, hi = 0, 1
	case '{':
		p.pos = qpos
		lo, hi, _ = p.braceQuantifier(false)
		if hi >= 0 && lo > hi {
			p.fail(qpos, "numbers out of order in {} quantifier")
		}
	}
	greedy := true
	if p.peek() == '?' {
		p.pos++
		greedy = false
	}
	if p.isQuantifierStart() {
		p.fail(p.pos, "Nothing to repeat")
	}
	return &Repeat{Span: Span{start, p.pos}, Min: lo, Max: hi, Greedy: greedy, Body: body}
}

func (p *parser) atom() []Node {
	start := p.pos
	switch c := p.peek(); c {
	case '.':
		p.pos++
		return []Node{&Dot{Span{start, p.pos}}}
	case '(':
		return []Node{p.group()}
	case '[':
		return []Node{p.class()}
	case '\\':
		return []Node{p.atomEscape()}
	default:
		p.next()
		if c > MaxUnit && !p.u {
			hi, lo := utf16Pair(c)
			mid := start + 2 // split the 4-byte UTF-8 sequence's span roughly
			return []Node{&Char{Span{start, mid}, hi}, &Char{Span{mid, p.pos}, lo}}
		}
		return []Node{&Char{Span{start, p.pos}, c}}
	}
}

func utf16Pair(c rune) (hi, lo rune) {
	c -= 0x10000
	return 0xD800 + (c>>10)&0x3FF, 0xDC00 + c&0x3FF
}

func (p *parser) group() Node {
	start := p.pos
	p.pos++
	g := &Group{}
	if p.lookingAt("?:") {
		p.pos += 2
	} else if p.lookingAt("?<") {
		p.pos += 2
		g.Name = p.groupName()
		g.Capturing = true
	} else if p.peek() == '?' {
		p.fail(p.pos, "Invalid group")
	} else {
		g.Capturing = true
	}
	if g.Capturing {
		p.re.Groups++
		g.Index = p.re.Groups
		p.re.GroupNodes = append(p.re.GroupNodes, g)
		if g.Name != "" {
			if _, dup := p.re.Names[g.Name]; dup {
				p.fail(start, "Duplicate capture group name")
			}
			p.re.Names[g.Name] = []int{g.Index}
		}
	}
	g.Body = p.disjunction()
	if p.eof() {
		p.fail(start, "Unterminated group")
	}
	p.pos++
	g.Span = Span{start, p.pos}
	return g
}

// groupName reads "name>" after "<".
func (p *parser) groupName() string {
	start := p.pos
	var b strings.Builder
	first := true
	for {
		if p.eof() {
			p.fail(start, "Invalid capture group name")
		}
		c := p.next()
		if c == '>' {
			break
		}
		if c == '\\' {
			if p.peek() != 'u' {
				p.fail(start, "Invalid capture group name")
			}
			p.pos++
			var ok bool
			c, ok = p.unicodeEscapeBody(true)
			if !ok {
				p.fail(start, "Invalid capture group name")
			}
		} else if c >= 0xD800 && c <= 0xDBFF {
			p.fail(start, "Invalid capture group name")
		}
		if !(first && isIDStart(c) || !first && isIDPart(c)) {
			p.fail(start, "Invalid capture group name")
		}
		b.WriteRune(c)
		first = false
	}
	if first {
		p.fail(start, "Invalid capture group name")
	}
	return b.String()
}

func isIDStart(c rune) bool {
	return c == '$' || c == '_' || unicode.IsLetter(c) || unicode.Is(unicode.Nl, c) || unicode.Is(unicode.Other_ID_Start, c)
}

func isIDPart(c rune) bool {
	return isIDStart(c) || c == 0x200C || c == 0x200D || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)
}

func (p *parser) atomEscape() Node {
	start := p.pos
	p.pos++
	if p.eof() {
		p.fail(start, "\\ at end of pattern")
	}
	c := p.peek()
	switch {
	case c >= '1' && c <= '9':
		save := p.pos
		n := p.decimal()
		if n <= p.totalGroups {
			return &Backref{Span: Span{start, p.pos}, Indices: []int{n}}
		}
		if p.u {
			p.fail(start, "Invalid escape")
		}
		p.pos = save
		if c >= '8' {
			p.pos++
			return &Char{Span{start, p.pos}, c}
		}
		return &Char{Span{start, p.pos}, p.legacyOctal()}
	case c == 'k' && p.namedMode:
		p.pos++
		if p.peek() != '<' {
			p.fail(start, "Invalid named reference")
		}
		p.pos++
		name := p.groupName()
		b := &Backref{Span: Span{start, p.pos}, Name: name}
		p.backrefs = append(p.backrefs, b)
		return b
	}
	if cls := p.classEscape(start); cls != nil {
		return cls
	}
	r := p.characterEscape(start, false)
	return &Char{Span{start, p.pos}, r}
}

func (p *parser) decimal() int {
	n := 0
	for !p.eof() && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		if n < 1<<30 {
			n = n*10 + int(p.src[p.pos]-'0')
		}
		p.pos++
	}
	return n
}

// legacyOctal reads an Annex B octal escape (up to \377) after the backslash.
func (p *parser) legacyOctal() rune {
	v := rune(p.next() - '0')
	if d := p.peek(); d >= '0' && d <= '7' {
		p.pos++
		v = v*8 + (d - '0')
		if d2 := p.peek(); v < 32 && d2 >= '0' && d2 <= '7' {
			p.pos++
			v = v*8 + (d2 - '0')
		}
	}
	return v
}

// classEscape parses \d \D \s \S \w \W \p{..} \P{..} (after the backslash)
// or returns nil without consuming anything.
func (p *parser) classEscape(start int) *Class {
	c := p.peek()
	var set CharSet
	neg := false
	switch c {
	case 'd', 'D':
		set, neg = DigitSet, c == 'D'
	case 's', 'S':
		set, neg = SpaceSet, c == 'S'
	case 'w', 'W':
		set, neg = WordChars(p.u, p.flags.IgnoreCase), c == 'W'
	case 'p', 'P':
		if !p.u {
			return nil
		}
		p.pos++
		cls := p.property(start, c == 'P')
		return cls
	default:
		return nil
	}
	p.pos++
	if neg {
		set = set.Complement(p.flags.MaxRune())
	}
	return &Class{Span: Span{start, p.pos}, Kind: ClassEscape, Set: set}
}

func (p *parser) property(start int, negated bool) *Class {
	end := strings.IndexByte(p.src[p.pos:], '}')
	if p.peek() != '{' || end < 0 {
		if p.inClass > 0 {
			p.fail(start, "Invalid property name in character class")
		}
		p.fail(start, "Invalid property name")
	}
	body := p.src[p.pos+1 : p.pos+end]
	p.pos += end + 1
	name, value, hasValue := strings.Cut(body, "=")
	set, strs, approx, ok := lookupProperty(name, value, hasValue, p.v)
	if !ok || strs && negated {
		if p.inClass > 0 {
			p.fail(start, "Invalid property name in character class")
		}
		p.fail(start, "Invalid property name")
	}
	if approx {
		p.re.Approximate = true
	}
	cls := &Class{Span: Span{start, p.pos}, Kind: ClassProperty, Set: set, Negated: false}
	if negated {
		cls.Set = set.Complement(MaxRune)
	}
	if strs {
		cls.Strings = emojiStringsPlaceholder
	}
	return cls
}

// characterEscape parses a CharacterEscape after the backslash (shared by
// atoms and classes) and returns the character.
func (p *parser) characterEscape(start int, inClass bool) rune {
	c := p.next()
	switch c {
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	case 'c':
		if l := p.peek(); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
			p.pos++
			return l % 32
		}
		if p.u {
			p.fail(start, "Invalid Unicode escape")
		}
		if l := p.peek(); inClass && (l >= '0' && l <= '9' || l == '_') {
			p.pos++
			return l % 32
		}
		p.pos-- // Annex B: the backslash is literal and 'c' is read again
		return '\\'
	case '0':
		if d := p.peek(); d >= '0' && d <= '9' {
			if p.u {
				p.fail(start, "Invalid decimal escape")
			}
			p.pos--
			return p.legacyOctal()
		}
		return 0
	case 'x':
		if v, ok := p.hex(2); ok {
			return v
		}
		if p.u {
			p.fail(start, "Invalid escape")
		}
		return 'x'
	case 'u':
		if v, ok := p.unicodeEscapeBody(p.u); ok {
			return v
		}
		if p.u {
			p.fail(start, "Invalid Unicode escape")
		}
		return 'u'
	}
	if p.u {
		if strings.ContainsRune("^$\\.*+?()[]{}|/", c) || inClass && c == '-' {
			return c
		}
		p.fail(start, "Invalid escape")
	}
	if c == 'k' && p.namedMode {
		p.fail(start, "Invalid escape")
	}
	if c > MaxUnit {
		// \ followed by an astral character: the escape covers the high
		// surrogate only; keep the character whole, which is what matters for
		// matching as a sequence is not representable here.
		return c
	}
	return c
}

func (p *parser) hex(n int) (rune, bool) {
	if p.pos+n > len(p.src) {
		return 0, false
	}
	var v rune
	for i := 0; i < n; i++ {
		d := hexVal(p.src[p.pos+i])
		if d < 0 {
			return 0, false
		}
		v = v*16 + rune(d)
	}
	p.pos += n
	return v, true
}

func hexVal(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

// unicodeEscapeBody reads XXXX or {X...} after "\u". With unicodeMode, a
// surrogate pair written as two escapes is combined and braces are allowed.
func (p *parser) unicodeEscapeBody(unicodeMode bool) (rune, bool) {
	save := p.pos
	if unicodeMode && p.peek() == '{' {
		p.pos++
		var v rune
		n := 0
		for !p.eof() && hexVal(p.src[p.pos]) >= 0 {
			v = v*16 + rune(hexVal(p.src[p.pos]))
			if v > MaxRune {
				p.pos = save
				return 0, false
			}
			p.pos++
			n++
		}
		if n == 0 || p.peek() != '}' {
			p.pos = save
			return 0, false
		}
		p.pos++
		return v, true
	}
	v, ok := p.hex(4)
	if !ok {
		return 0, false
	}
	if unicodeMode && v >= 0xD800 && v <= 0xDBFF && p.lookingAt("\\u") {
		save2 := p.pos
		p.pos += 2
		if lo, ok := p.hex(4); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return 0x10000 + (v-0xD800)<<10 + (lo - 0xDC00), true
		}
		p.pos = save2
	}
	return v, true
}
