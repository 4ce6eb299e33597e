package jsregex

import "strings"

// Flags are the flags of a regular expression literal.
type Flags struct {
	HasIndices  bool // d
	Global      bool // g
	IgnoreCase  bool // i
	Multiline   bool // m
	DotAll      bool // s
	Unicode     bool // u
	UnicodeSets bool // v
	Sticky      bool // y
}

// UnicodeMode reports whether the pattern matches code points (u or v flag)
// rather than UTF-16 code units, and follows the strict (non-Annex B) grammar.
func (f Flags) UnicodeMode() bool { return f.Unicode || f.UnicodeSets }

// MaxRune is the largest character the pattern can match: a code point in
// Unicode mode, a UTF-16 code unit otherwise.
func (f Flags) MaxRune() rune {
	if f.UnicodeMode() {
		return MaxRune
	}
	return MaxUnit
}

// String returns the flags in canonical order ("dgimsuvy").
func (f Flags) String() string {
	var b strings.Builder
	for _, x := range []struct {
		on bool
		c  byte
	}{{f.HasIndices, 'd'}, {f.Global, 'g'}, {f.IgnoreCase, 'i'}, {f.Multiline, 'm'}, {f.DotAll, 's'}, {f.Unicode, 'u'}, {f.UnicodeSets, 'v'}, {f.Sticky, 'y'}} {
		if x.on {
			b.WriteByte(x.c)
		}
	}
	return b.String()
}

// Regexp is a parsed regular expression.
type Regexp struct {
	Source string // the pattern, as RegExp.prototype.source
	Flags  Flags
	Root   Node
	// Groups is the number of capturing groups; group i (1-based) is
	// GroupNodes[i-1].
	Groups     int
	GroupNodes []*Group
	// Names maps each group name to its group indices.
	Names map[string][]int
	// Approximate is set when a character set could not be computed exactly
	// from Go's Unicode tables (some binary properties, properties of strings).
	Approximate bool
}

// Span is a half-open range of byte offsets into Regexp.Source.
type Span struct{ Start, End int }

// Pos returns the span itself, so every node exposes its position.
func (s Span) Pos() Span { return s }

// Node is an element of the pattern syntax tree: one of *Alternation,
// *Concat, *Char, *Dot, *Class, *Assertion, *Lookaround, *Group, *Backref,
// *Repeat.
type Node interface {
	Pos() Span
}

// Alternation is a|b|c.
type Alternation struct {
	Span
	Alts []Node
}

// Concat is a sequence of terms; an empty Concat matches the empty string.
type Concat struct {
	Span
	Items []Node
}

// Char is a literal character (a code point in Unicode mode, else a code unit).
type Char struct {
	Span
	Value rune
}

// Dot is '.'.
type Dot struct{ Span }

// ClassKind says where a Class came from.
type ClassKind int

const (
	ClassBracket  ClassKind = iota // [...]
	ClassEscape                    // \d \D \s \S \w \W
	ClassProperty                  // \p{...} \P{...}
)

// Class is a set of characters: a bracket class, a class escape or a property
// escape. Set holds the members before negation and before case folding; use
// Matches for the effective set. Strings holds the multi-character members of a
// v-mode class (\q{abc}, properties of strings).
type Class struct {
	Span
	Kind    ClassKind
	Negated bool
	Set     CharSet
	Strings []string
}

// Matches returns the characters the class matches under flags f: case
// closure under i, then negation, clipped to the flag mode's alphabet.
func (c *Class) Matches(f Flags) CharSet {
	s := c.Set
	if f.IgnoreCase {
		s = CaseClosure(s, f.UnicodeMode())
	}
	if c.Negated {
		s = s.Complement(f.MaxRune())
	}
	return s.Clip(f.MaxRune())
}

// AssertKind is the kind of a zero-width Assertion.
type AssertKind int

const (
	AssertStart           AssertKind = iota // ^
	AssertEnd                               // $
	AssertWordBoundary                      // \b
	AssertNotWordBoundary                   // \B
)

// Assertion is ^, $, \b or \B.
type Assertion struct {
	Span
	Kind AssertKind
}

// Lookaround is (?=...), (?!...), (?<=...) or (?<!...).
type Lookaround struct {
	Span
	Behind  bool
	Negated bool
	Body    Node
}

// Group is (...), (?<name>...) or (?:...).
type Group struct {
	Span
	Capturing bool
	Index     int    // 1-based capture index, 0 for (?:...)
	Name      string // "" unless named
	Body      Node
}

// Backref is \1 or \k<name>. Indices lists the groups it may refer to (one,
// unless duplicate names are used in different alternatives).
type Backref struct {
	Span
	Name    string
	Indices []int
}

// Repeat is a quantified atom. Max is -1 for no upper bound.
type Repeat struct {
	Span
	Min, Max int
	Greedy   bool
	Body     Node
}

// Walk calls fn for n and every node below it, in pre-order; when fn returns
// false the children of that node are skipped.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	switch n := n.(type) {
	case *Alternation:
		for _, a := range n.Alts {
			Walk(a, fn)
		}
	case *Concat:
		for _, a := range n.Items {
			Walk(a, fn)
		}
	case *Lookaround:
		Walk(n.Body, fn)
	case *Group:
		Walk(n.Body, fn)
	case *Repeat:
		Walk(n.Body, fn)
	}
}
