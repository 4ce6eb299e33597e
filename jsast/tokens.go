package jsast

import (
	"sort"
	"unsafe"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// token is one significant token (no whitespace, line terminators or
// comments) of the re-lexed source.
type token struct {
	typ        js.TokenType
	start, end int32
}

type tokens struct {
	list  []token
	match []int32            // index of the matching bracket, or -1
	names map[string][]int32 // identifier-like tokens by text, token indices in order
}

// lex re-lexes buf (the parser's input, cap len+1). regexStarts holds the
// offsets where the AST has a regular-expression literal: the lexer cannot
// tell a regex from a division by itself.
func lex(buf []byte, regexStarts map[int]bool, wantComments bool) (tokens, []Comment) {
	in := parse.NewInputBytes(buf)
	l := js.NewLexer(in)
	ts := tokens{
		list:  make([]token, 0, len(buf)/4),
		names: make(map[string][]int32),
	}
	var comments []Comment
	var stack []int32
	for {
		tt, data := l.Next()
		if tt == js.ErrorToken {
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
				comments = append(comments, Comment{Span{start, start + len(text)}, string(text)})
			}
			continue
		case js.DivToken, js.DivEqToken:
			if regexStarts[start] {
				tt, data = l.RegExp()
				if tt == js.ErrorToken {
					return ts, comments
				}
				start = offsetIn(buf, data, in.Offset())
				end = start + len(data)
			}
		}
		i := int32(len(ts.list))
		ts.list = append(ts.list, token{tt, int32(start), int32(end)})
		ts.match = append(ts.match, -1)
		switch tt {
		case js.OpenBraceToken, js.OpenParenToken, js.OpenBracketToken:
			stack = append(stack, i)
		case js.CloseBraceToken, js.CloseParenToken, js.CloseBracketToken:
			if n := len(stack); n > 0 {
				o := stack[n-1]
				stack = stack[:n-1]
				ts.match[o], ts.match[i] = i, o
			}
		case js.PrivateIdentifierToken:
			ts.names[string(data)] = append(ts.names[string(data)], i)
		default:
			if js.IsIdentifierName(tt) {
				ts.names[string(data)] = append(ts.names[string(data)], i)
			}
		}
	}
	return ts, comments
}

// at returns the index of the first token starting at or after off.
func (ts *tokens) at(off int) int {
	return sort.Search(len(ts.list), func(i int) bool { return int(ts.list[i].start) >= off })
}

// typ returns the type of token i, or ErrorToken out of range.
func (ts *tokens) typ(i int) js.TokenType {
	if i < 0 || i >= len(ts.list) {
		return js.ErrorToken
	}
	return ts.list[i].typ
}

// find returns the index of the first token at or after off with type tt,
// or -1.
func (ts *tokens) find(off int, tt js.TokenType) int {
	for i := ts.at(off); i < len(ts.list); i++ {
		if ts.list[i].typ == tt {
			return i
		}
	}
	return -1
}

// claim returns the index of the first identifier token named name that
// starts at or after off, or -1.
func (ts *tokens) claim(name []byte, off int) int {
	idx := ts.names[string(name)]
	k := sort.Search(len(idx), func(i int) bool { return int(ts.list[idx[i]].start) >= off })
	if k == len(idx) {
		return -1
	}
	return int(idx[k])
}

// closing returns the end offset of the bracket matching the open bracket of
// type open found at or after off, or -1.
func (ts *tokens) closing(off int, open js.TokenType) int {
	i := ts.find(off, open)
	if i < 0 || ts.match[i] < 0 {
		return -1
	}
	return int(ts.list[ts.match[i]].end)
}

// offsetIn returns the offset of a token's bytes in buf; the lexer's tokens
// alias its input. fallback is used for an empty token.
func offsetIn(buf, data []byte, fallback int) int {
	if len(data) == 0 {
		return fallback
	}
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(data))) - uintptr(unsafe.Pointer(unsafe.SliceData(buf))))
}
