package jsregex

import (
	"sort"
	"sync"
	"unicode"
)

// MaxRune is the largest code point a u- or v-mode pattern can match.
const MaxRune = 0x10FFFF

// MaxUnit is the largest UTF-16 code unit; non-Unicode patterns match code units.
const MaxUnit = 0xFFFF

// Range is an inclusive range of code points (or code units in non-Unicode mode).
type Range struct{ Lo, Hi rune }

// CharSet is a set of characters as sorted, disjoint, non-adjacent ranges.
// The zero value is the empty set.
type CharSet struct{ R []Range }

// NewCharSet builds a normalized set from arbitrary ranges.
func NewCharSet(rs ...Range) CharSet {
	var s CharSet
	s.R = append(s.R, rs...)
	s.normalize()
	return s
}

// Single returns the set holding only r.
func Single(r rune) CharSet { return CharSet{R: []Range{{r, r}}} }

func (s *CharSet) normalize() {
	if len(s.R) < 2 {
		return
	}
	sort.Slice(s.R, func(i, j int) bool { return s.R[i].Lo < s.R[j].Lo })
	out := s.R[:1]
	for _, r := range s.R[1:] {
		last := &out[len(out)-1]
		if r.Lo <= last.Hi+1 {
			if r.Hi > last.Hi {
				last.Hi = r.Hi
			}
			continue
		}
		out = append(out, r)
	}
	s.R = out
}

// Empty reports whether s holds no character.
func (s CharSet) Empty() bool { return len(s.R) == 0 }

// Contains reports whether r is in s.
func (s CharSet) Contains(r rune) bool {
	i := sort.Search(len(s.R), func(i int) bool { return s.R[i].Hi >= r })
	return i < len(s.R) && s.R[i].Lo <= r
}

// Size is the number of characters in s.
func (s CharSet) Size() int {
	n := 0
	for _, r := range s.R {
		n += int(r.Hi-r.Lo) + 1
	}
	return n
}

// Union returns s ∪ t.
func (s CharSet) Union(t CharSet) CharSet {
	out := CharSet{R: make([]Range, 0, len(s.R)+len(t.R))}
	out.R = append(append(out.R, s.R...), t.R...)
	out.normalize()
	return out
}

// Intersect returns s ∩ t.
func (s CharSet) Intersect(t CharSet) CharSet {
	var out CharSet
	i, j := 0, 0
	for i < len(s.R) && j < len(t.R) {
		a, b := s.R[i], t.R[j]
		lo, hi := max(a.Lo, b.Lo), min(a.Hi, b.Hi)
		if lo <= hi {
			out.R = append(out.R, Range{lo, hi})
		}
		if a.Hi < b.Hi {
			i++
		} else {
			j++
		}
	}
	return out
}

// Overlaps reports whether s ∩ t is non-empty, without allocating.
func (s CharSet) Overlaps(t CharSet) bool {
	i, j := 0, 0
	for i < len(s.R) && j < len(t.R) {
		a, b := s.R[i], t.R[j]
		if max(a.Lo, b.Lo) <= min(a.Hi, b.Hi) {
			return true
		}
		if a.Hi < b.Hi {
			i++
		} else {
			j++
		}
	}
	return false
}

// Complement returns [0, maxRune] \ s.
func (s CharSet) Complement(maxRune rune) CharSet {
	var out CharSet
	next := rune(0)
	for _, r := range s.R {
		if r.Lo > maxRune {
			break
		}
		if r.Lo > next {
			out.R = append(out.R, Range{next, r.Lo - 1})
		}
		next = r.Hi + 1
	}
	if next <= maxRune {
		out.R = append(out.R, Range{next, maxRune})
	}
	return out
}

// Subtract returns s \ t, without characters above MaxRune.
func (s CharSet) Subtract(t CharSet) CharSet {
	var out CharSet
	j := 0
	for _, r := range s.R {
		lo, hi := r.Lo, min(r.Hi, MaxRune)
		for j < len(t.R) && t.R[j].Hi < lo {
			j++
		}
		for k := j; k < len(t.R) && t.R[k].Lo <= hi && lo <= hi; k++ {
			if t.R[k].Lo > lo {
				out.R = append(out.R, Range{lo, t.R[k].Lo - 1})
			}
			lo = max(lo, t.R[k].Hi+1)
		}
		if lo <= hi {
			out.R = append(out.R, Range{lo, hi})
		}
	}
	return out
}

// Equal reports whether s and t hold the same characters.
func (s CharSet) Equal(t CharSet) bool {
	if len(s.R) != len(t.R) {
		return false
	}
	for i := range s.R {
		if s.R[i] != t.R[i] {
			return false
		}
	}
	return true
}

// Clip removes characters above maxRune.
func (s CharSet) Clip(maxRune rune) CharSet {
	return s.Intersect(CharSet{R: []Range{{0, maxRune}}})
}

// Pick returns a representative character of s, preferring printable ASCII
// letters and digits so generated attack strings stay readable. ok is false for
// an empty set.
func (s CharSet) Pick() (r rune, ok bool) {
	if s.Empty() {
		return 0, false
	}
	for _, want := range []Range{{'a', 'z'}, {'0', '9'}, {'A', 'Z'}, {'!', '~'}, {' ', ' '}, {'\t', '\r'}} {
		for _, x := range s.R {
			lo, hi := max(x.Lo, want.Lo), min(x.Hi, want.Hi)
			if lo <= hi {
				return lo, true
			}
		}
	}
	return s.R[0].Lo, true
}

// CaseClosure adds every case variant of the members of s, following the
// Canonicalize operation of ECMAScript: simple case folding in Unicode mode; in
// non-Unicode mode upper-casing that never maps a non-ASCII character to ASCII.
func CaseClosure(s CharSet, unicodeMode bool) CharSet {
	foldOnce.Do(buildFoldable)
	var add []Range
	for _, r := range s.R {
		i := sort.Search(len(foldable), func(i int) bool { return foldable[i] >= r.Lo })
		for ; i < len(foldable) && foldable[i] <= r.Hi; i++ {
			c := foldable[i]
			for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
				if !unicodeMode && ((c < 128) != (f < 128) || f > MaxUnit) {
					continue
				}
				add = append(add, Range{f, f})
			}
		}
	}
	if len(add) == 0 {
		return s
	}
	return s.Union(CharSet{R: add})
}

var (
	foldOnce sync.Once
	foldable []rune // every character with a case variant, ascending
)

func buildFoldable() {
	for c := rune(0); c <= 0x1FFFF; c++ {
		if unicode.SimpleFold(c) != c {
			foldable = append(foldable, c)
		}
	}
}

// Builtin sets, per the ECMAScript CharacterClassEscape definitions.
var (
	DigitSet = CharSet{R: []Range{{'0', '9'}}}
	WordSet  = CharSet{R: []Range{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}}
	// SpaceSet is WhiteSpace plus LineTerminator.
	SpaceSet = NewCharSet(Range{'\t', '\r'}, Range{' ', ' '}, Range{0xA0, 0xA0}, Range{0x1680, 0x1680},
		Range{0x2000, 0x200A}, Range{0x2028, 0x2029}, Range{0x202F, 0x202F}, Range{0x205F, 0x205F},
		Range{0x3000, 0x3000}, Range{0xFEFF, 0xFEFF})
	// LineTerminators are the characters '.' does not match without the s flag.
	LineTerminators = NewCharSet(Range{'\n', '\n'}, Range{'\r', '\r'}, Range{0x2028, 0x2029})
)

// WordChars is the set \w matches: with both u (or v) and i it also holds the
// two non-ASCII characters that case-fold into it (U+017F, U+212A).
func WordChars(unicodeMode, ignoreCase bool) CharSet {
	if unicodeMode && ignoreCase {
		return WordSet.Union(NewCharSet(Range{0x17F, 0x17F}, Range{0x212A, 0x212A}))
	}
	return WordSet
}

func tableSet(t *unicode.RangeTable) CharSet {
	var s CharSet
	for _, r := range t.R16 {
		if r.Stride == 1 {
			s.R = append(s.R, Range{rune(r.Lo), rune(r.Hi)})
			continue
		}
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			s.R = append(s.R, Range{c, c})
		}
	}
	for _, r := range t.R32 {
		if r.Stride == 1 {
			s.R = append(s.R, Range{rune(r.Lo), rune(r.Hi)})
			continue
		}
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			s.R = append(s.R, Range{c, c})
		}
	}
	s.normalize()
	return s
}
