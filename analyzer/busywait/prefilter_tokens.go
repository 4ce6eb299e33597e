package busywait

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/resolve"
)

// Lexical helpers of the prefilter.

// lineBreak reports whether a line break separates tokens j and j+1.
func (s *scan) lineBreak(j int) bool {
	if j < 0 || j+1 >= s.t.Len() {
		return true
	}
	for _, c := range s.t.Src[s.t.Span(j).End:s.t.Span(j+1).Start] {
		if c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

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

// ends reports whether token k may end an expression (not let: let, a
// line break and a name declare the name).
func (s *scan) ends(k int) bool {
	switch tt := s.t.Type(k); {
	case tt == js.LetToken:
		return false
	case js.IsIdentifier(tt), js.IsNumeric(tt):
		return true
	default:
		switch tt {
		case js.ThisToken, js.SuperToken, js.NullToken, js.TrueToken, js.FalseToken, js.StringToken, js.RegExpToken,
			js.TemplateToken, js.TemplateEndToken, js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken,
			js.IncrToken, js.DecrToken:
			return true
		}
	}
	return false
}

// starts reports whether token k, after a line break, starts another
// statement rather than continuing an expression (automatic semicolon
// insertion).
func (s *scan) starts(k int) bool {
	switch tt := s.t.Type(k); {
	case tt == js.InToken || tt == js.InstanceofToken:
		return false
	case js.IsIdentifierName(tt), js.IsNumeric(tt), tt == js.StringToken, tt == js.IncrToken, tt == js.DecrToken,
		tt == js.OpenBraceToken, tt == js.NotToken, tt == js.BitNotToken:
		return true
	}
	return false
}

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
