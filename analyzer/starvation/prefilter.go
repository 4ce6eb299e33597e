package starvation

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// Prefilter is the rule's test on tokens: a module may starve the loop if
// it names process.nextTick or queueMicrotask, chains then/catch/finally on
// Promise.resolve or Promise.reject, has a loop that awaits what may be a
// settled value, or has an async function that calls itself by name.
func Prefilter(t *jstokens.Tokens) bool {
	for i := 0; i < t.Len(); i++ {
		if !js.IsIdentifierName(t.Type(i)) {
			continue
		}
		switch string(t.Text(i)) {
		case "nextTick", "queueMicrotask":
			return true
		case "resolve", "reject":
			// x.resolve(...).then: a chain on a settled promise.
			if _, member := t.Member(i); member && t.Type(i+1) == js.OpenParenToken {
				if end := t.Match(i + 1); end > i && t.Type(end+1) == js.DotToken {
					switch string(t.Text(end + 2)) {
					case "then", "catch", "finally":
						return true
					}
				}
			}
		}
	}
	for _, l := range t.Loops() {
		for k := l.Range[0]; k < l.Range[1]; k++ {
			if t.Type(k) == js.AwaitToken && settled(t, k+1) {
				return true
			}
		}
	}
	return asyncSelfCall(t)
}

// settled reports whether the expression at token k may be a settled
// value: a literal, undefined, void, or Promise.resolve.
func settled(t *jstokens.Tokens, k int) bool {
	switch tt := t.Type(k); {
	case js.IsNumeric(tt), tt == js.StringToken, tt == js.TemplateToken, tt == js.RegExpToken,
		tt == js.NullToken, tt == js.TrueToken, tt == js.FalseToken, tt == js.VoidToken,
		tt == js.OpenBraceToken, tt == js.OpenBracketToken, tt == js.OpenParenToken:
		return true
	}
	return t.IsName(k, "undefined") || t.IsName(k, "Promise") && t.IsName(k+2, "resolve")
}

// asyncSelfCall reports whether an async function declared or assigned
// with a name calls that name in its body.
func asyncSelfCall(t *jstokens.Tokens) bool {
	for i := 0; i < t.Len(); i++ {
		if t.Type(i) != js.AsyncToken {
			continue
		}
		var name []byte
		k := i + 1
		switch {
		case t.Type(k) == js.FunctionToken:
			k++
			if t.Type(k) == js.MulToken {
				k++
			}
			if t.Type(k) != js.IdentifierToken {
				continue
			}
			name = t.Text(k)
			k++
		case i >= 2 && t.Type(i-1) == js.EqToken && t.Type(i-2) == js.IdentifierToken:
			name = t.Text(i - 2)
			if t.Type(k) == js.FunctionToken {
				k++
				if t.Type(k) == js.MulToken {
					k++
				}
				if t.Type(k) == js.IdentifierToken {
					k++
				}
			}
		default:
			continue
		}
		// The parameters, then the body: a block or an arrow's expression.
		if t.Type(k) == js.OpenParenToken && t.Match(k) > k {
			k = t.Match(k) + 1
		} else if t.Type(k) == js.IdentifierToken {
			k++
		}
		if t.Type(k) == js.ArrowToken {
			k++
		}
		body := t.Statement(k)
		for j := body[0]; j < body[1]; j++ {
			if t.Type(j) == js.IdentifierToken && string(t.Text(j)) == string(name) && t.Type(j+1) == js.OpenParenToken {
				return true
			}
		}
	}
	return false
}
