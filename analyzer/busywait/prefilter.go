package busywait

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// Prefilter is the rule's test on tokens: a module may hold a busy wait
// if it has a loop that is idle as far as tokens tell (no calls except of
// plain names, clock readings and Math-like globals; no new except Date;
// no await, yield or function) and either calls something (a clock) or has
// a condition on names that the loop does not assign (a flag). A loop
// that calls can read a clock (through a wrapper function too) only in a
// module that names one.
func Prefilter(t *jstokens.Tokens) bool {
	clocks := -1 // whether the module names a clock: looked up for the first idle loop that calls
	for _, l := range t.Loops() {
		calls, ok := idleTokens(t, l.Range)
		if !ok {
			continue
		}
		if calls && clocks < 0 {
			clocks = 0
			for k := 0; k < t.Len(); k++ {
				if js.IsIdentifierName(t.Type(k)) && clockWords[string(t.Text(k))] {
					clocks = 1
					break
				}
			}
		}
		if calls && clocks == 1 || flagCondition(t, l, l.Cond) {
			return true
		}
		for k := l.Body[0]; k < l.Body[1]; k++ {
			if t.Type(k) == js.IfToken && t.Type(k+1) == js.OpenParenToken && t.Match(k+1) > k {
				if flagCondition(t, l, [2]int{k + 2, t.Match(k + 1)}) {
					return true
				}
			}
		}
	}
	return false
}

// clockWords name the clocks.
var clockWords = map[string]bool{"now": true, "hrtime": true, "Date": true, "Atomics": true}

// clockNames are the property names of the calls a spinning loop may make.
var clockNames = map[string]bool{"now": true, "hrtime": true, "bigint": true, "load": true, "getTime": true, "valueOf": true}

// idleTokens reports whether the tokens of r may be an idle loop, and
// whether they call anything.
func idleTokens(t *jstokens.Tokens, r [2]int) (calls, ok bool) {
	for k := r[0]; k < r[1]; k++ {
		switch t.Type(k) {
		case js.OpenParenToken:
			callee, call := t.CallAt(k)
			if !call {
				continue
			}
			calls = true
			if callee < 0 {
				return calls, false
			}
			obj, member := t.Member(callee)
			if member && !clockNames[string(t.Text(callee))] && !harmless[string(t.Text(obj))] {
				return calls, false
			}
		case js.NewToken:
			if !t.IsName(k+1, "Date") {
				return calls, false
			}
			calls = true
		case js.AwaitToken, js.YieldToken, js.FunctionToken, js.ClassToken, js.ArrowToken:
			return calls, false
		}
	}
	return calls, true
}

// flagCondition reports whether tokens c may be a condition on a flag:
// names, literals and operators only, with a name loop l does not assign.
func flagCondition(t *jstokens.Tokens, l jstokens.Loop, c [2]int) bool {
	named := false
	for k := c[0]; k < c[1]; k++ {
		switch tt := t.Type(k); {
		case tt == js.DotToken || tt == js.OptChainToken || tt == js.OpenBracketToken || tt == js.NewToken:
			return false
		case tt == js.OpenParenToken:
			if _, call := t.CallAt(k); call {
				return false
			}
		case tt == js.IdentifierToken:
			named = true
			for j := l.Range[0]; j < l.Range[1]; j++ {
				if t.Type(j) == js.IdentifierToken && string(t.Text(j)) == string(t.Text(k)) && t.Assigned(j) {
					return false
				}
			}
		}
	}
	return named
}
