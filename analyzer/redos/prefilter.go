package redos

import (
	"bytes"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	core "github.com/blockcheck/blockcheck/jsregex/redos"
)

// Prefilter is the rule's test on tokens: a module may hold a finding if
// one of its regular-expression literals is not linear (the verdict is
// cached for the rule), or if it calls RegExp with an argument that may be
// a constant string: strings, names (consts), + and parentheses.
func Prefilter(t *jstokens.Tokens) bool {
	for i := 0; i < t.Len(); i++ {
		switch t.Type(i) {
		case js.RegExpToken:
			text := t.Text(i)
			end := bytes.LastIndexByte(text, '/')
			if end <= 0 {
				return true
			}
			if analyze(string(text[1:end]), string(text[end+1:])).Complexity != core.Safe {
				return true
			}
		case js.IdentifierToken:
			if string(t.Text(i)) == "RegExp" && t.Type(i+1) == js.OpenParenToken && maybeConstant(t, i+2, t.Match(i+1)) {
				return true
			}
		}
	}
	return false
}

// maybeConstant reports whether the tokens of the first argument, from
// token i up to a comma or token end, may be a constant string
// expression.
func maybeConstant(t *jstokens.Tokens, i, end int) bool {
	if end < 0 {
		return true
	}
	if i == end {
		return false // RegExp(): no pattern
	}
	for k := i; k < end; k++ {
		switch tt := t.Type(k); {
		case tt == js.CommaToken:
			return true
		case tt == js.StringToken || tt == js.TemplateToken || tt == js.AddToken || tt == js.CloseParenToken:
		case tt == js.OpenParenToken:
			if _, call := t.CallAt(k); call {
				return false
			}
		case tt == js.IdentifierToken:
			if _, member := t.Member(k); member {
				return false
			}
		default:
			return false
		}
	}
	return true
}
