package busywait

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/resolve"
)

// Lexical helpers of the prefilter.

// lineBreak reports whether a line break separates tokens j and j+1.
func (s *scan) lineBreak(j int) bool { return s.t.LineBreakBefore(j + 1) }

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
