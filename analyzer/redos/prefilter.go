package redos

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	core "github.com/blockcheck/blockcheck/jsregex/redos"
)

// Prefilter is the rule's test on tokens: a module may hold a finding if
// one of its regular-expression literals is not linear (the verdict is
// cached for the rule), or if it calls RegExp with a pattern that is a
// constant string that is not linear, or may be one (tokenconst.go).
func Prefilter(t *jstokens.Tokens) bool { return scanOf(t).keep }

// Lexical reports whether the tokens decide every finding of a module the
// prefilter keeps, so the rule needs no syntax tree there: no RegExp call
// may build a constant pattern that is not linear (the tokens do not say
// where it is reported), and either
// no literal is polynomial or nothing in the module looks like request
// data (a polynomial pattern is an error only where it is applied to
// request data, which takes the tree and the hot path; elsewhere it is a
// warning).
func Lexical(t *jstokens.Tokens) bool { return scanOf(t).lexical }

// scan is what the rule learns from a module's tokens.
type scan struct {
	keep    bool // a finding is possible
	lexical bool // the tokens decide every finding
}

func scanOf(t *jstokens.Tokens) scan {
	return t.Memo("redos", func() any {
		s := scan{lexical: true}
		shaped := -1 // requestShaped(t), once asked
		for i := 0; i < t.Len() && s.lexical; i++ {
			switch t.Type(i) {
			case js.RegExpToken:
				p, ok := literal(t.Text(i), t.Span(i))
				if !ok {
					continue // not a pattern the rule reads
				}
				switch analyze(p.pattern, p.flags).Complexity {
				case core.Safe:
				case core.Polynomial:
					s.keep = true
					if shaped < 0 {
						shaped = 0
						if requestShaped(t) {
							shaped = 1
						}
					}
					s.lexical = shaped == 0
				default:
					s.keep = true
				}
			case js.IdentifierToken:
				open := regexpCallAt(t, i)
				if open < 0 {
					continue
				}
				// The tree reports a RegExp call only when its pattern is a
				// constant (the tokens cannot tell where it is reported).
				v, flags := tokenConstsOf(t).regexpCall(open)
				if v.status == unknown || v.status == known && analyze(v.value, flags).Complexity != core.Safe {
					s.keep, s.lexical = true, false
				}
			}
		}
		return s
	}).(scan)
}

// regexpCallAt returns the opening parenthesis of the arguments if
// identifier token i is the callee of a call or new expression the tree
// may take for the global RegExp: RegExp(...), new RegExp(...),
// RegExp?.(...), but not x.RegExp(...) (a member is not the global); -1
// otherwise.
func regexpCallAt(t *jstokens.Tokens, i int) int {
	if s := t.Span(i); s.End-s.Start != len("RegExp") || string(t.Text(i)) != "RegExp" {
		return -1
	}
	if i > 0 && (t.Type(i-1) == js.DotToken || t.Type(i-1) == js.OptChainToken) {
		return -1
	}
	switch t.Type(i + 1) {
	case js.OpenParenToken:
		return i + 1
	case js.OptChainToken:
		if t.Type(i+2) == js.OpenParenToken {
			return i + 2
		}
	}
	return -1
}

// requestShaped reports whether a module's tokens may hold what
// applications.requestData takes for request data: a request root (req,
// request, ctx, event) starting a member chain that reads a request field
// (req.body, ctx.request.query.q, req?.headers['x']), or an event named
// 'data' or 'message' passed with a listener (socket.on('data', ...)).
func requestShaped(t *jstokens.Tokens) bool {
	for i := 0; i < t.Len(); i++ {
		switch t.Type(i) {
		case js.StringToken:
			if v, _ := t.StringValue(i); (v == "data" || v == "message") && t.Type(i+1) == js.CommaToken {
				return true
			}
		case js.IdentifierToken:
			if !requestRoots[string(t.Text(i))] || i > 0 && (t.Type(i-1) == js.DotToken || t.Type(i-1) == js.OptChainToken) {
				continue
			}
			for k := i + 1; k < t.Len(); k++ {
				tt := t.Type(k)
				if tt == js.OpenBracketToken || tt == js.OpenParenToken {
					if k = t.Match(k); k < 0 {
						return true
					}
					continue
				}
				if tt != js.DotToken && tt != js.OptChainToken || !js.IsIdentifierName(t.Type(k+1)) {
					break
				}
				k++
				if requestFields[string(t.Text(k))] {
					return true
				}
			}
		}
	}
	return false
}
