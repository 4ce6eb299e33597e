package jsast

import (
	"io"
	"sort"
	"sync"
	"unsafe"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Token is one significant token (no whitespace, line terminators or
// comments) of a lexed module: 16 bytes, so that a reader of a token's
// type, span and match touches one record (see Lexed.Tokens).
type Token struct {
	Type       js.TokenType
	Start, End int32 // its byte span
	Match      int32 // the index of the matching bracket, or -1
}

type tokens struct {
	buf     []byte
	list    []Token
	regexps int // number of regular-expression tokens
	// complete reports that the lexer reached the end of the source
	// without an error and every bracket was closed by its own kind.
	complete   bool
	unbalanced bool // a closing bracket without its own opening one
	hint       int  // the previous answer of at
}

// opening returns the opening bracket of a closing one.
func opening(close js.TokenType) js.TokenType {
	switch close {
	case js.CloseBraceToken:
		return js.OpenBraceToken
	case js.CloseParenToken:
		return js.OpenParenToken
	}
	return js.OpenBracketToken
}

// slowLex lexes buf (cap len+1, as the tdewolff lexer writes a NUL
// sentinel after it) with the tdewolff lexer: any valid JavaScript, where
// fastLex gives up. The lexer cannot tell a regular expression from a
// division by itself: regexStarts, when not nil, holds the offsets where
// the AST has a regular-expression literal; otherwise the previous token
// decides, as most tokenizers do, and the caller checks the guess against
// the AST.
func slowLex(buf []byte, regexStarts map[int]bool, wantComments bool) (tokens, []Span) {
	in := parse.NewInputBytes(buf)
	l := js.NewLexer(in)
	ts := newTokens(buf)
	var comments []Span
	var stack []int32
	templates := 0 // open template substitutions
	for {
		tt, data := l.Next()
		switch tt {
		case js.TemplateStartToken:
			templates++
		case js.TemplateEndToken:
			templates--
		}
		if tt == js.ErrorToken {
			ts.complete = l.Err() == io.EOF && len(stack) == 0 && templates == 0 && !ts.unbalanced
			break
		}
		start := offsetIn(buf, data, in.Offset())
		end := start + len(data)
		switch tt {
		case js.WhitespaceToken, js.LineTerminatorToken:
			continue
		case js.CommentToken, js.CommentLineTerminatorToken:
			if wantComments {
				text := data
				for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == '\r') {
					text = text[:len(text)-1]
				}
				comments = append(comments, Span{start, start + len(text)})
			}
			continue
		case js.DivToken, js.DivEqToken:
			isRegex := regexStarts[start]
			if regexStarts == nil {
				isRegex = ts.regexMayFollow()
			}
			if isRegex {
				tt, data = l.RegExp()
				if tt == js.ErrorToken {
					return ts, comments
				}
				start = offsetIn(buf, data, in.Offset())
				end = start + len(data)
				ts.regexps++
			}
		}
		ts.add(tt, start, end, &stack)
	}
	return ts, comments
}

// add appends a token and matches brackets: stack holds the indices of the
// brackets still open; only brackets take the call to bracket.
func (ts *tokens) add(tt js.TokenType, start, end int, stack *[]int32) {
	ts.list = append(ts.list, Token{tt, int32(start), int32(end), -1})
	if isBracket(tt) {
		ts.bracket(stack)
	}
}

// isBracket reports whether tt is one of { } ( ) [ ], which js numbers
// consecutively from OpenBraceToken, each opening one before its closing
// one.
func isBracket(tt js.TokenType) bool {
	return tt-js.OpenBraceToken <= js.CloseBracketToken-js.OpenBraceToken
}

// isOpening reports whether tt is {, ( or [.
func isOpening(tt js.TokenType) bool {
	return isBracket(tt) && (tt-js.OpenBraceToken)&1 == 0
}

// bracket matches the bracket just added.
func (ts *tokens) bracket(stack *[]int32) {
	i := int32(len(ts.list) - 1)
	tt := ts.list[i].Type
	if isOpening(tt) {
		*stack = append(*stack, i)
		return
	}
	if n := len(*stack); n > 0 {
		o := (*stack)[n-1]
		*stack = (*stack)[:n-1]
		ts.list[o].Match, ts.list[i].Match = i, o
		ts.unbalanced = ts.unbalanced || ts.list[o].Type != opening(tt)
	} else {
		ts.unbalanced = true
	}
}

// regexMayFollow reports whether a / after the last token starts a regular
// expression rather than a division: after the ) of if (...), while (...),
// for (...) and with (...) it does; after any other ) it does not.
func (ts *tokens) regexMayFollow() bool { return regexMayFollowIn(ts.list) }

// regexMayFollowIn is regexMayFollow after the tokens of list.
func regexMayFollowIn(list []Token) bool {
	n := len(list)
	if n == 0 {
		return true
	}
	if prev := list[n-1].Type; prev != js.CloseParenToken {
		return regexMayFollow(prev)
	}
	if o := list[n-1].Match; o > 0 {
		switch list[o-1].Type {
		case js.IfToken, js.WhileToken, js.ForToken, js.WithToken:
			return true
		}
	}
	return false
}

// regexMayFollow reports whether a / after a token of type prev starts a
// regular expression rather than a division.
func regexMayFollow(prev js.TokenType) bool {
	switch prev {
	case js.ErrorToken:
		return true
	case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.IncrToken, js.DecrToken,
		js.StringToken, js.TemplateToken, js.TemplateEndToken, js.RegExpToken, js.PrivateIdentifierToken,
		js.ThisToken, js.SuperToken, js.NullToken, js.TrueToken, js.FalseToken:
		return false
	case js.ReturnToken, js.TypeofToken, js.InstanceofToken, js.InToken, js.OfToken, js.NewToken,
		js.DeleteToken, js.VoidToken, js.ThrowToken, js.CaseToken, js.DoToken, js.ElseToken,
		js.YieldToken, js.AwaitToken:
		return true
	}
	if js.IsNumeric(prev) || js.IsIdentifierName(prev) {
		return false
	}
	return true // punctuators and operators
}

// at returns the index of the first token starting at or after off. The
// walker asks for offsets that mostly move forward, so it first steps on
// from the previous answer (or back, for an offset a little before it) and
// falls back to a binary search. (tokens is used by one goroutine, while
// indexing.)
func (ts *tokens) at(off int) int {
	list := ts.list
	h := min(ts.hint, len(list))
	if h == 0 || int(list[h-1].Start) < off {
		// The answer is h or after.
		for end := min(h+8, len(list)); h < end; h++ {
			if int(list[h].Start) >= off {
				ts.hint = h
				return h
			}
		}
		if h == len(list) {
			ts.hint = h
			return h
		}
	} else {
		// The answer is before h.
		for end := max(h-8, 0); h > end; h-- {
			if h == 1 || int(list[h-2].Start) < off {
				ts.hint = h - 1
				return h - 1
			}
		}
	}
	i := sort.Search(len(list), func(i int) bool { return int(list[i].Start) >= off })
	ts.hint = i
	return i
}

// typ returns the type of token i, or ErrorToken out of range.
func (ts *tokens) typ(i int) js.TokenType {
	if i < 0 || i >= len(ts.list) {
		return js.ErrorToken
	}
	return ts.list[i].Type
}

// commas counts the commas between bracket token open and its match, not
// inside other brackets (a comma in a template's substitution counts: too
// many is harmless to the one caller, which looks for too few).
func (ts *tokens) commas(open int) int {
	if open < 0 || open >= len(ts.list) || ts.list[open].Match < 0 {
		return 0
	}
	return len(ts.topLevel(open+1, int(ts.list[open].Match), js.CommaToken))
}

// topLevel returns the indices of the tokens of type tt in [from, to) that
// are not inside brackets opened in that range.
func (ts *tokens) topLevel(from, to int, tt js.TokenType) []int {
	var out []int
	for k := max(from, 0); k < min(to, len(ts.list)); k++ {
		switch t := ts.list[k]; {
		case t.Type == tt:
			out = append(out, k)
		case isOpening(t.Type) && int(t.Match) > k:
			k = int(t.Match)
		}
	}
	return out
}

// find returns the index of the first token at or after off with type tt,
// or -1.
func (ts *tokens) find(off int, tt js.TokenType) int {
	for i := ts.at(off); i < len(ts.list); i++ {
		if ts.list[i].Type == tt {
			ts.hint = i // the walker's next question is usually just past it
			return i
		}
	}
	return -1
}

// maxClaimScan bounds the forward search for an identifier token; the
// walker's lower bound keeps real searches to a few tokens.
const maxClaimScan = 1 << 14

// claim returns the index of the first identifier token named name that
// starts at or after off, or -1.
func (ts *tokens) claim(name []byte, off int) int {
	i := ts.at(off)
	for end := min(len(ts.list), i+maxClaimScan); i < end; i++ {
		t := ts.list[i]
		if int(t.End-t.Start) == len(name) && (js.IsIdentifierName(t.Type) || t.Type == js.PrivateIdentifierToken) &&
			sameName(ts.buf[t.Start:t.End], name) {
			ts.hint = i
			return i
		}
	}
	return -1
}

// sameName reports whether a and b, of the same length, hold the same
// bytes: the same memory (a name's own occurrence) or the same first byte
// before the full comparison.
func sameName(a, b []byte) bool {
	if len(a) == 0 || unsafe.SliceData(a) == unsafe.SliceData(b) {
		return true
	}
	return a[0] == b[0] && string(a) == string(b)
}

// closing returns the end offset of the bracket matching the open bracket of
// type open found at or after off, or -1.
func (ts *tokens) closing(off int, open js.TokenType) int {
	i := ts.find(off, open)
	if i < 0 || ts.list[i].Match < 0 {
		return -1
	}
	return int(ts.list[ts.list[i].Match].End)
}

// offsetIn returns the offset of a token's bytes in buf; the lexer's tokens
// alias its input. fallback is used for an empty token.
func offsetIn(buf, data []byte, fallback int) int {
	if len(data) == 0 {
		return fallback
	}
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(data))) - uintptr(unsafe.Pointer(unsafe.SliceData(buf))))
}

// newTokens returns empty tokens for buf, with a slice from the pool.
func newTokens(buf []byte) tokens {
	ts := tokens{buf: buf}
	if b, ok := tokenPool.Get().(*[]Token); ok {
		ts.list = (*b)[:0]
	} else {
		ts.list = make([]Token, 0, len(buf)/5)
	}
	return ts
}

// tokenPool keeps token slices (as *[]Token) for the next module: a
// module's tokens live only while it is indexed, and lexing a large tree
// would otherwise allocate (and clear) them again for every file.
var tokenPool sync.Pool

// release returns the token slice to the pool; ts must not be used after.
func (ts *tokens) release() {
	const maxPooled = 1 << 22 // do not keep the slice of a huge file
	if cap(ts.list) <= maxPooled {
		list := ts.list
		tokenPool.Put(&list)
	}
	ts.list = nil
}
