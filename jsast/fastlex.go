package jsast

import (
	"bytes"
	"encoding/binary"

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
	var comments []Span
	var stack []int32 // open brackets, for matching
	var tmpl []int    // for each open template substitution, the { depth inside it
	unbalanced := false
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
			j := i + 1
			for j < n && isIdentPart(buf[j]) {
				j++
			}
			if j < n && (buf[j] >= 0x80 || buf[j] == '\\') {
				return tokens{list: list}, nil, false
			}
			list = append(list, Token{keywordAt(buf, i, j), int32(i), int32(j), -1})
			i = j
		case classOpen:
			if len(tmpl) > 0 && c == '{' {
				tmpl[len(tmpl)-1]++
			}
			stack = append(stack, int32(len(list)))
			list = append(list, Token{singles[c], int32(i), int32(i + 1), -1})
			i++
		case classClose:
			if c == '}' && len(tmpl) > 0 {
				if tmpl[len(tmpl)-1] == 0 {
					j, tt, ok := scanTemplate(buf, i+1, js.TemplateEndToken, js.TemplateMiddleToken)
					if !ok {
						return tokens{list: list}, nil, false
					}
					if tt == js.TemplateEndToken {
						tmpl = tmpl[:len(tmpl)-1]
					}
					list = append(list, Token{tt, int32(i), int32(j), -1})
					i = j
					break
				}
				tmpl[len(tmpl)-1]--
			}
			k, tt := int32(len(list)), singles[c]
			list = append(list, Token{tt, int32(i), int32(i + 1), -1})
			if m := len(stack); m > 0 {
				o := stack[m-1]
				stack = stack[:m-1]
				list[o].Match, list[k].Match = k, o
				unbalanced = unbalanced || list[o].Type != opening(tt)
			} else {
				unbalanced = true
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
				tmpl = append(tmpl, 0)
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
					comments = append(comments, Span{i, j})
				}
				i = j
			case i+1 < n && buf[i+1] == '*':
				k := bytes.Index(buf[i+2:], []byte("*/"))
				if k < 0 {
					return tokens{list: list}, nil, false
				}
				j := i + 2 + k + 2
				if wantComments {
					comments = append(comments, Span{i, j})
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
	ts.unbalanced = unbalanced
	ts.complete = len(stack) == 0 && len(tmpl) == 0 && !unbalanced
	return ts, comments, true
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
	rest string // the name past its first 8 bytes
	tt   js.TokenType
}

// keywords indexes js.Keywords by length and first letter: most
// identifiers are not keywords and are rejected without looking further;
// the others are compared as one integer (and the rest of a name longer
// than 8 bytes).
var keywords = func() (t [16][26][]keyword) {
	for name, tt := range js.Keywords {
		if l := len(name); l < 16 && name[0] >= 'a' && name[0] <= 'z' {
			t[l][name[0]-'a'] = append(t[l][name[0]-'a'], keyword{le64(name), name[min(l, 8):], tt})
		}
	}
	return t
}()

// keywordAt returns the token type of the ASCII identifier buf[i:j]: its
// keyword type, or IdentifierToken.
func keywordAt(buf []byte, i, j int) js.TokenType {
	l, c := j-i, buf[i]
	if l >= 16 || c < 'a' || c > 'z' {
		return js.IdentifierToken
	}
	ks := keywords[l][c-'a']
	if len(ks) == 0 {
		return js.IdentifierToken
	}
	var key uint64
	if i+8 <= len(buf) {
		key = binary.LittleEndian.Uint64(buf[i:])
		if l < 8 {
			key &= 1<<(8*l) - 1
		}
	} else {
		key = le64(buf[i:j])
	}
	for _, k := range ks {
		if k.key == key && (l <= 8 || k.rest == string(buf[i+8:j])) {
			return k.tt
		}
	}
	return js.IdentifierToken
}

// keywordType returns the token type of an ASCII identifier: its keyword
// type, or IdentifierToken.
func keywordType(b []byte) js.TokenType { return keywordAt(b, 0, len(b)) }
