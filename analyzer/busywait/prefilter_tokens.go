package busywait

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
)

// Lexical helpers of the prefilter.

// lineBreak reports whether a line break separates tokens j and j+1.
func (s *scan) lineBreak(j int) bool { return s.t.LineBreakBefore(j + 1) }

// stmtEnd returns the end of the statement starting at token k, as
// Tokens.Statement does (a semicolon, a closing bracket, or a line break
// where a semicolon is inserted), but a keyword before a line break (var,
// new, return...) does not end it here.
func (s *scan) stmtEnd(k int) int {
	t := s.t
	for i := k; i < t.Len(); i++ {
		switch tt := t.Type(i); {
		case tt == js.SemicolonToken:
			return i + 1
		case tt == js.CloseBraceToken || tt == js.CloseParenToken || tt == js.CloseBracketToken:
			return i
		case (tt == js.OpenBraceToken || tt == js.OpenParenToken || tt == js.OpenBracketToken) && t.Match(i) > i:
			i = t.Match(i)
			continue
		}
		if i > k && s.ends(i-1) && s.starts(i) && s.lineBreak(i-1) {
			return i
		}
	}
	return t.Len()
}

// ends reports whether token k may end an expression.
func (s *scan) ends(k int) bool { return jstokens.EndsExpression(s.t.Type(k)) }

// starts reports whether token k, after a line break, starts another
// statement rather than continuing an expression.
func (s *scan) starts(k int) bool { return jstokens.StartsStatement(s.t.Type(k)) }

// same reports whether tokens i and j are the same name.
func (s *scan) same(i, j int) bool {
	return js.IsIdentifier(s.t.Type(i)) && string(s.t.Text(i)) == string(s.t.Text(j))
}

// str returns the value of string token k (or of a template without
// substitutions), its escapes decoded.
func (s *scan) str(k int) (string, bool) {
	v, ok := s.t.StringValue(k)
	if ok && strings.IndexByte(v, '\\') >= 0 {
		return resolve.StringValue(s.t.Text(k))
	}
	return v, ok
}
