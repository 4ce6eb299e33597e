package jsast

import (
	"bytes"
	"encoding/binary"
	"math/bits"

	"github.com/tdewolff/parse/v2/js"
)

// fastLex lexes the common case: source whose identifiers and white
// space are ASCII and which has no HTML-like comments. It scans bytes
// directly (the tdewolff lexer it stands in for peeks through an input
// abstraction and Unicode tables for every character) and produces the
// same tokens, which TestFastLexMatches checks on real code. It reports
// false on anything outside that case, having produced nothing usable but
// its token slice (to release); Lexed.lex then uses slowLex.
func fastLex(buf []byte, regexStarts map[int]bool, wantComments bool) (tokens, []Span, bool) {
	ts := newTokens(buf)
	list := ts.list // appended to here, and stored in ts when another reader needs it
	// The state few tokens touch is reached through a pointer, so that it
	// stays in memory: held in registers too, the loop's variables would
	// outnumber them and be spilled and reloaded on every token.
	st := &lexState{}
	n := len(buf)
	for i := 0; i < n; {
		c := buf[i]
		switch byteClass[c] {
		case classSpace:
			i++
			for i < n && byteClass[buf[i]] == classSpace {
				i++
			}
		case classHigh:
			return tokens{list: list}, nil, false // non-ASCII outside a literal: leave it to the full lexer
		case classIdent:
			var j int
			var key uint64 // the name's first 8 bytes, for keywordOf
			if i+8 <= n {
				key = binary.LittleEndian.Uint64(buf[i:])
				if l := identPrefix(key); l < 8 {
					j = i + l
					key &= 1<<(8*l) - 1
				} else {
					j = identEnd(buf, i+8)
				}
			} else {
				j = identEnd(buf, i+1)
				key = le64(buf[i:j])
			}
			if j < n && (buf[j] >= 0x80 || buf[j] == '\\') {
				return tokens{list: list}, nil, false
			}
			list = append(list, Token{keywordOf(buf, i, j, key), int32(i), int32(j), -1})
			i = j
		case classOpen:
			if len(st.tmpl) > 0 && c == '{' {
				st.tmpl[len(st.tmpl)-1]++
			}
			st.stack = append(st.stack, int32(len(list)))
			list = append(list, Token{singles[c], int32(i), int32(i + 1), -1})
			i++
		case classClose:
			if c == '}' && len(st.tmpl) > 0 {
				if st.tmpl[len(st.tmpl)-1] == 0 {
					j, tt, ok := scanTemplate(buf, i+1, js.TemplateEndToken, js.TemplateMiddleToken)
					if !ok {
						return tokens{list: list}, nil, false
					}
					if tt == js.TemplateEndToken {
						st.tmpl = st.tmpl[:len(st.tmpl)-1]
					}
					list = append(list, Token{tt, int32(i), int32(j), -1})
					i = j
					break
				}
				st.tmpl[len(st.tmpl)-1]--
			}
			k, tt := int32(len(list)), singles[c]
			list = append(list, Token{tt, int32(i), int32(i + 1), -1})
			if m := len(st.stack); m > 0 {
				o := st.stack[m-1]
				st.stack = st.stack[:m-1]
				list[o].Match, list[k].Match = k, o
				st.unbalanced = st.unbalanced || list[o].Type != opening(tt)
			} else {
				st.unbalanced = true
			}
			i++
		case classSingle:
			list = append(list, Token{singles[c], int32(i), int32(i + 1), -1})
			i++
		case classDigit:
			j := scanNumber(buf, i)
			list = append(list, Token{js.DecimalToken, int32(i), int32(j), -1})
			i = j
		case classQuote:
			j := i + 1
			for j < n && buf[j] != c {
				if buf[j] == '\\' {
					j++
				} else if buf[j] == '\n' || buf[j] == '\r' {
					return tokens{list: list}, nil, false
				}
				j++
			}
			if j >= n {
				return tokens{list: list}, nil, false
			}
			list = append(list, Token{js.StringToken, int32(i), int32(j + 1), -1})
			i = j + 1
		case classBackquote:
			j, tt, ok := scanTemplate(buf, i+1, js.TemplateToken, js.TemplateStartToken)
			if !ok {
				return tokens{list: list}, nil, false
			}
			if tt == js.TemplateStartToken {
				st.tmpl = append(st.tmpl, 0)
			}
			list = append(list, Token{tt, int32(i), int32(j), -1})
			i = j
		case classSlash:
			switch {
			case i+1 < n && buf[i+1] == '/':
				j := i + 2
				for j < n && buf[j] != '\n' && buf[j] != '\r' {
					if buf[j] == 0xE2 && j+2 < n && buf[j+1] == 0x80 && (buf[j+2] == 0xA8 || buf[j+2] == 0xA9) {
						return tokens{list: list}, nil, false // U+2028/2029 end a line comment
					}
					j++
				}
				if wantComments {
					st.comments = append(st.comments, Span{i, j})
				}
				i = j
			case i+1 < n && buf[i+1] == '*':
				k := bytes.Index(buf[i+2:], []byte("*/"))
				if k < 0 {
					return tokens{list: list}, nil, false
				}
				j := i + 2 + k + 2
				if wantComments {
					st.comments = append(st.comments, Span{i, j})
				}
				i = j
			case regexStarts != nil && regexStarts[i] || regexStarts == nil && regexMayFollowIn(list):
				j, ok := scanRegExp(buf, i)
				if !ok {
					return tokens{list: list}, nil, false
				}
				list = append(list, Token{js.RegExpToken, int32(i), int32(j), -1})
				ts.regexps++
				i = j
			default:
				tt, l := punctuator(buf[i:])
				list = append(list, Token{tt, int32(i), int32(i + l), -1})
				i += l
			}
		default:
			if c == '.' && i+1 < n && buf[i+1] >= '0' && buf[i+1] <= '9' {
				j := scanNumber(buf, i)
				list = append(list, Token{js.DecimalToken, int32(i), int32(j), -1})
				i = j
				break
			}
			if c == '#' && i+1 < n && isIdentStart(buf[i+1]) {
				j := i + 2
				for j < n && isIdentPart(buf[j]) {
					j++
				}
				if j < n && (buf[j] >= 0x80 || buf[j] == '\\') {
					return tokens{list: list}, nil, false
				}
				list = append(list, Token{js.PrivateIdentifierToken, int32(i), int32(j), -1})
				i = j
				break
			}
			// HTML-like comments (<!-- anywhere, --> at a line's start) are
			// comments in scripts: leave them to the full lexer.
			if c == '<' && bytes.HasPrefix(buf[i:], []byte("<!--")) || c == '-' && bytes.HasPrefix(buf[i:], []byte("-->")) && lineStart(buf, list, i) {
				return tokens{list: list}, nil, false
			}
			tt, l := punctuator(buf[i:])
			if tt == js.ErrorToken {
				return tokens{list: list}, nil, false
			}
			list = append(list, Token{tt, int32(i), int32(i + l), -1})
			i += l
		}
	}
	ts.list = list
	ts.unbalanced = st.unbalanced
	ts.complete = len(st.stack) == 0 && len(st.tmpl) == 0 && !st.unbalanced
	return ts, st.comments, true
}

// lexState is fastLex's state that most tokens leave alone.
type lexState struct {
	stack      []int32 // open brackets, for matching
	tmpl       []int   // for each open template substitution, the { depth inside it
	comments   []Span
	unbalanced bool
}

// lineStart reports whether only white space and comments precede offset
// i on its line: whether a line break (alone or in a multi-line comment)
// follows the last token.
func lineStart(buf []byte, list []Token, i int) bool {
	return len(list) == 0 || bytes.ContainsAny(buf[list[len(list)-1].End:i], "\n\r")
}

// Byte classes for fastLex's dispatch: one table lookup and a jump
// instead of a chain of tests.
const (
	classOther     = iota // the other punctuators, and bytes that start no token
	classSpace            // white space and line terminators
	classHigh             // non-ASCII
	classIdent            // a-z A-Z _ $
	classDigit            // 0-9
	classOpen             // { ( [
	classClose            // } ) ]
	classSingle           // ; , : ~: punctuators no other starts with
	classQuote            // " '
	classBackquote        // `
	classSlash            // /
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 0x80:
			t[c] = classHigh
		case c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\n' || c == '\r':
			t[c] = classSpace
		case identBytes[c]&identStart != 0:
			t[c] = classIdent
		case c >= '0' && c <= '9':
			t[c] = classDigit
		case c == '{' || c == '(' || c == '[':
			t[c] = classOpen
		case c == '}' || c == ')' || c == ']':
			t[c] = classClose
		case singles[c] != 0:
			t[c] = classSingle
		case c == '"' || c == '\'':
			t[c] = classQuote
		case c == '`':
			t[c] = classBackquote
		case c == '/':
			t[c] = classSlash
		}
	}
	return t
}()

// identEnd returns the end of the run of identifier bytes from i.
func identEnd(buf []byte, i int) int {
	for ; i+8 <= len(buf); i += 8 {
		if k := identPrefix(binary.LittleEndian.Uint64(buf[i:])); k < 8 {
			return i + k
		}
	}
	for i < len(buf) && isIdentPart(buf[i]) {
		i++
	}
	return i
}

// identPrefix returns how many of the bytes of w, from the lowest, are
// identifier bytes (a-z A-Z 0-9 _ $). It tests the eight at once, as most
// names are no longer: a loop over the bytes would end on a branch
// mispredicted at a length that differs from name to name. Each test
// leaves a byte's high bit set where it holds; the ranges are tested on
// the bytes' low 7 bits, whose sums carry into no neighbour, and a byte
// with its high bit set is not ASCII.
func identPrefix(w uint64) int {
	const ones = 0x0101010101010101
	const high = 0x80 * ones
	y := w &^ high
	f := y | 0x20*ones // A-Z folded onto a-z
	letter := (f + (0x80-'a')*ones) &^ (f + (0x7f-'z')*ones)
	digit := (y + (0x80-'0')*ones) &^ (y + (0x7f-'9')*ones)
	under := ^((y ^ '_'*ones) + 0x7f*ones) // the high bit stays clear where the xor left a zero
	dollar := ^((y ^ '$'*ones) + 0x7f*ones)
	ident := (letter | digit | under | dollar) &^ w & high
	return bits.TrailingZeros64(^ident&high) >> 3
}

func isIdentStart(c byte) bool { return identBytes[c]&identStart != 0 }

func isIdentPart(c byte) bool { return identBytes[c] != 0 }

const (
	identStart = 1 << iota // a-z A-Z _ $
	identPart              // and 0-9
)

// identBytes classifies ASCII bytes for identifiers (a table lookup per
// byte: identifiers are most of a module's bytes).
var identBytes = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$':
			t[c] = identStart | identPart
		case c >= '0' && c <= '9':
			t[c] = identPart
		}
	}
	return t
}()

// scanNumber returns the end of the numeric literal at i (decimal, hex,
// octal, binary, exponent, separators, BigInt suffix).
func scanNumber(buf []byte, i int) int {
	n := len(buf)
	j := i
	if buf[j] == '0' && j+1 < n && (buf[j+1]|0x20 == 'x' || buf[j+1]|0x20 == 'o' || buf[j+1]|0x20 == 'b') {
		j += 2
		for j < n && (isIdentPart(buf[j])) {
			j++
		}
		return j
	}
	for j < n && (buf[j] >= '0' && buf[j] <= '9' || buf[j] == '_') {
		j++
	}
	if j < n && buf[j] == '.' {
		j++
		for j < n && (buf[j] >= '0' && buf[j] <= '9' || buf[j] == '_') {
			j++
		}
	}
	if j < n && buf[j]|0x20 == 'e' {
		k := j + 1
		if k < n && (buf[k] == '+' || buf[k] == '-') {
			k++
		}
		if k < n && buf[k] >= '0' && buf[k] <= '9' {
			j = k
			for j < n && (buf[j] >= '0' && buf[j] <= '9' || buf[j] == '_') {
				j++
			}
		}
	}
	if j < n && buf[j] == 'n' {
		j++
	}
	return j
}

// scanTemplate scans template characters from i: it returns the end of
// the token and endType if the template closes with a backquote, or
// openType if a substitution ${ opens.
func scanTemplate(buf []byte, i int, endType, openType js.TokenType) (int, js.TokenType, bool) {
	for j := i; j < len(buf); j++ {
		switch buf[j] {
		case '\\':
			j++
		case '`':
			return j + 1, endType, true
		case '$':
			if j+1 < len(buf) && buf[j+1] == '{' {
				return j + 2, openType, true
			}
		}
	}
	return 0, js.ErrorToken, false
}

// scanRegExp returns the end of the regular-expression literal at i,
// flags included.
func scanRegExp(buf []byte, i int) (int, bool) {
	inClass := false
	for j := i + 1; j < len(buf); j++ {
		switch buf[j] {
		case '\\':
			j++
			if j < len(buf) && (buf[j] == '\n' || buf[j] == '\r') {
				return 0, false
			}
		case '\n', '\r':
			return 0, false
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				j++
				for j < len(buf) && isIdentPart(buf[j]) {
					j++
				}
				return j, true
			}
		}
	}
	return 0, false
}

// punct is a punctuator and its text.
type punct struct {
	text string
	tt   js.TokenType
}

// punctKey is a punctuator of punctuators: its text is the key's low
// bytes (a little-endian load of up to 4 bytes), which one masked
// comparison matches.
type punctKey struct {
	key, mask uint32
	len       int
	tt        js.TokenType
}

// punctuators lists, by first byte, the punctuators longest first: an
// array, since a map lookup per token costs more than the match.
var punctuators = func() (t [256][]punctKey) {
	for c, ps := range punctuatorList {
		for _, p := range ps {
			t[c] = append(t[c], punctKey{uint32(le64(p.text)), 1<<(8*len(p.text)) - 1, len(p.text), p.tt})
		}
	}
	return t
}()

// le64 returns the first 8 bytes of s (fewer, zero-padded) as a
// little-endian integer.
func le64[T string | []byte](s T) uint64 {
	var k uint64
	for i := min(len(s), 8) - 1; i >= 0; i-- {
		k = k<<8 | uint64(s[i])
	}
	return k
}

// singles are the punctuators no other starts with.
var singles = func() (t [256]js.TokenType) {
	for c, ps := range punctuatorList {
		if len(ps) == 1 && len(ps[0].text) == 1 {
			t[c] = ps[0].tt
		}
	}
	return t
}()

var punctuatorList = map[byte][]punct{
	'{': {{"{", js.OpenBraceToken}}, '}': {{"}", js.CloseBraceToken}},
	'(': {{"(", js.OpenParenToken}}, ')': {{")", js.CloseParenToken}},
	'[': {{"[", js.OpenBracketToken}}, ']': {{"]", js.CloseBracketToken}},
	';': {{";", js.SemicolonToken}}, ',': {{",", js.CommaToken}}, ':': {{":", js.ColonToken}},
	'~': {{"~", js.BitNotToken}},
	'.': {{"...", js.EllipsisToken}, {".", js.DotToken}},
	'?': {{"??=", js.NullishEqToken}, {"??", js.NullishToken}, {"?.", js.OptChainToken}, {"?", js.QuestionToken}},
	'=': {{"===", js.EqEqEqToken}, {"==", js.EqEqToken}, {"=>", js.ArrowToken}, {"=", js.EqToken}},
	'!': {{"!==", js.NotEqEqToken}, {"!=", js.NotEqToken}, {"!", js.NotToken}},
	'<': {{"<<=", js.LtLtEqToken}, {"<<", js.LtLtToken}, {"<=", js.LtEqToken}, {"<", js.LtToken}},
	'>': {{">>>=", js.GtGtGtEqToken}, {">>>", js.GtGtGtToken}, {">>=", js.GtGtEqToken}, {">>", js.GtGtToken}, {">=", js.GtEqToken}, {">", js.GtToken}},
	'+': {{"++", js.IncrToken}, {"+=", js.AddEqToken}, {"+", js.AddToken}},
	'-': {{"--", js.DecrToken}, {"-=", js.SubEqToken}, {"-", js.SubToken}},
	'*': {{"**=", js.ExpEqToken}, {"**", js.ExpToken}, {"*=", js.MulEqToken}, {"*", js.MulToken}},
	'/': {{"/=", js.DivEqToken}, {"/", js.DivToken}},
	'%': {{"%=", js.ModEqToken}, {"%", js.ModToken}},
	'&': {{"&&=", js.AndEqToken}, {"&&", js.AndToken}, {"&=", js.BitAndEqToken}, {"&", js.BitAndToken}},
	'|': {{"||=", js.OrEqToken}, {"||", js.OrToken}, {"|=", js.BitOrEqToken}, {"|", js.BitOrToken}},
	'^': {{"^=", js.BitXorEqToken}, {"^", js.BitXorToken}},
}

func punctuator(b []byte) (js.TokenType, int) {
	if tt := singles[b[0]]; tt != 0 {
		return tt, 1
	}
	var key uint32
	if len(b) >= 4 {
		key = binary.LittleEndian.Uint32(b)
	} else {
		key = uint32(le64(b))
	}
	for _, p := range punctuators[b[0]] {
		if key&p.mask == p.key {
			if p.tt == js.OptChainToken && len(b) > 2 && b[2] >= '0' && b[2] <= '9' {
				continue // a ? .5 : b
			}
			return p.tt, p.len
		}
	}
	return js.ErrorToken, 0
}

// keyword is an entry of keywords.
type keyword struct {
	key  uint64 // le64 of the name
	tt   js.TokenType
	len  uint8  // the name's length; 0 in an empty entry
	rest string // the name past its first 8 bytes
}

// keywords is js.Keywords as a perfect hash table on the first 8 bytes of
// a name, little-endian: one multiplication, one load and one comparison
// tell an identifier from a keyword (the table by length and first letter
// it replaces took several loads and branches). The multiplier,
// keywordHash, is the first from a fixed start that sends no two keywords
// to the same entry: some 800 are tried, in some 50 microseconds.
var keywords, keywordHash = func() (t [256]keyword, mul uint64) {
	var keys []uint64
	for name := range js.Keywords {
		keys = append(keys, le64(name))
	}
	for mul = 0x9E3779B97F4A7C15; mul < 0x9E3779B97F4A7C15+1<<20; mul += 2 {
		var used [4]uint64
		ok := true
		for _, k := range keys {
			h := k * mul >> 56
			ok = ok && used[h/64]&(1<<(h%64)) == 0
			used[h/64] |= 1 << (h % 64)
		}
		if ok {
			for name, tt := range js.Keywords {
				k := le64(name)
				t[k*mul>>56] = keyword{k, tt, uint8(len(name)), name[min(len(name), 8):]}
			}
			return t, mul
		}
	}
	panic("jsast: no perfect hash for js.Keywords: do two share their first 8 bytes?")
}()

// keywordOf returns the token type of the ASCII identifier buf[i:j]: its
// keyword type, or IdentifierToken. key holds its first 8 bytes (fewer
// for a shorter name, zero-padded), little-endian.
func keywordOf(buf []byte, i, j int, key uint64) js.TokenType {
	e := &keywords[key*keywordHash>>56]
	if e.key == key && int(e.len) == j-i && (j-i <= 8 || e.rest == string(buf[i+8:j])) {
		return e.tt
	}
	return js.IdentifierToken
}

// keywordAt returns the token type of the ASCII identifier buf[i:j]: its
// keyword type, or IdentifierToken.
func keywordAt(buf []byte, i, j int) js.TokenType { return keywordOf(buf, i, j, le64(buf[i:j])) }

// keywordType returns the token type of an ASCII identifier: its keyword
// type, or IdentifierToken.
func keywordType(b []byte) js.TokenType { return keywordAt(b, 0, len(b)) }
