package cpuloop

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// Prefilter is the rule's test on tokens: a module may hold a finding if
// it names a call the rule prices (createDiffieHellman; JSON.parse or
// JSON.stringify with Array, repeat or fill; Array with fill), or has a
// loop whose cost may reach the threshold. A loop's cost is bounded from
// above by its tokens: its condition must be names, numbers, arithmetic and
// comparisons only (anything else and the rule cannot count iterations);
// its iterations are at most the product of (1 + |n|) over the numbers of
// its header and of the values its names are given (a name given a value
// that is not a constant expression, or none, and the bound is unknown,
// hence infinite, or the loop is not counted); one iteration costs at most
// perToken for each of its tokens, inner loops multiplying.
func Prefilter(t *jstokens.Tokens) bool {
	has := map[string]bool{}
	for i := 0; i < t.Len(); i++ {
		if js.IsIdentifierName(t.Type(i)) {
			switch name := string(t.Text(i)); name {
			case "createDiffieHellman", "JSON", "parse", "stringify", "Array", "fill", "repeat":
				has[name] = true
			}
		}
	}
	if has["createDiffieHellman"] || has["JSON"] && (has["parse"] || has["stringify"]) && (has["Array"] || has["repeat"] || has["fill"]) || has["Array"] && has["fill"] {
		return true
	}
	loops := t.Loops()
	bounds := make([]float64, len(loops)) // iterations at most; 0: not a counted loop
	for i, l := range loops {
		bounds[i] = iterationBound(t, l)
	}
	for i, l := range loops {
		if bounds[i] == 0 {
			continue
		}
		inner := 1.0
		for j := i + 1; j < len(loops) && loops[j].Range[0] < l.Range[1]; j++ {
			inner *= max(1, bounds[j])
		}
		perIteration := float64(perToken) * float64(l.Range[1]-l.Range[0]) * inner
		if bounds[i]*perIteration >= float64(threshold) {
			return true
		}
	}
	return false
}

// perToken bounds the cost of what one token of a loop does per
// iteration: the timing table's most expensive row the estimate uses per
// operation is Date.now() at 39-62 ns.
const perToken = 50 * time.Nanosecond

// iterationBound bounds the iterations of loop l from its tokens (see
// Prefilter); 0 means the rule does not count them.
func iterationBound(t *jstokens.Tokens, l jstokens.Loop) float64 {
	if l.Cond[0] >= l.Cond[1] {
		return 0
	}
	for k := l.Cond[0]; k < l.Cond[1]; k++ {
		switch tt := t.Type(k); {
		case tt == js.IdentifierToken, js.IsNumeric(tt), isArithmetic(tt), tt == js.CloseParenToken:
		case tt == js.OpenParenToken:
			if _, call := t.CallAt(k); call {
				return 0
			}
		default:
			return 0
		}
	}
	header := [2]int{l.Cond[0], l.Cond[1]}
	local := map[string]float64{} // names the init of a for loop gives a value: that one counts
	if l.Keyword == js.ForToken {
		header = [2]int{l.Range[0] + 2, l.Body[0] - 1}
		for k := header[0]; k < l.Cond[0]-1; k++ {
			if t.Type(k) == js.IdentifierToken && t.Type(k+1) == js.EqToken {
				if _, member := t.Member(k); !member {
					local[string(t.Text(k))] = expressionBound(t, k+2, l.Cond[0]-1)
				}
			}
		}
	}
	bound, seen := 1.0, map[string]bool{}
	for k := header[0]; k < header[1]; k++ {
		switch tt := t.Type(k); {
		case js.IsNumeric(tt):
			bound *= factor(t.Text(k))
		case tt == js.IdentifierToken:
			name := string(t.Text(k))
			if _, member := t.Member(k); member || seen[name] {
				continue
			}
			seen[name] = true
			if b, ok := local[name]; ok {
				if b == 0 {
					return 0
				}
				bound *= b
				continue
			}
			v, ok := valueBound(t, name)
			if !ok {
				return 0
			}
			bound *= v
		}
	}
	return bound
}

// expressionBound bounds the constant expression at token k, ending at a
// comma, the end of its statement or token end: the product of (1 + |n|)
// over its numbers, infinite if it uses a name or an operator that grows
// fast (**, <<), 0 if it is not a constant expression.
func expressionBound(t *jstokens.Tokens, k, end int) float64 {
	if !t.Plain(k) {
		return 0
	}
	end = min(end, t.Statement(k)[1])
	b := 1.0
	for ; k < end; k++ {
		switch tt := t.Type(k); {
		case tt == js.CommaToken:
			return b
		case tt == js.OpenParenToken || tt == js.OpenBracketToken || tt == js.OpenBraceToken:
			if _, call := t.CallAt(k); call || tt != js.OpenParenToken {
				return 0
			}
		case tt == js.DotToken || tt == js.OptChainToken || tt == js.StringToken || tt == js.ThisToken:
			return 0
		case js.IsNumeric(tt):
			b *= factor(t.Text(k))
		case tt == js.IdentifierToken, tt == js.ExpToken, tt == js.LtLtToken, tt == js.ExpEqToken, tt == js.LtLtEqToken:
			b = math.Inf(1)
		}
	}
	return b
}

// valueBound bounds the constant values a declaration gives name (the
// rule reads a name's value from its declaration): expressionBound, the
// largest; ok is false when none may be constant.
func valueBound(t *jstokens.Tokens, name string) (float64, bool) {
	bound := 0.0
	for _, v := range t.Values()[name] {
		switch t.Type(v - 3) { // v-2 is =, v-3 the token before the name
		case js.VarToken, js.LetToken, js.ConstToken, js.CommaToken:
			bound = max(bound, expressionBound(t, v, t.Len()))
		}
	}
	return bound, bound > 0
}

// factor is 1 + |n| for a numeric literal, and 1/|n| too for a fraction
// (a step of 0.001 multiplies the iterations by 1,000).
func factor(lit []byte) float64 {
	s := strings.TrimSuffix(strings.ReplaceAll(string(lit), "_", ""), "n")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		n, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			return math.Inf(1)
		}
		f = float64(n)
	}
	f = math.Abs(f)
	if f > 0 && f < 1 {
		return (1 + f) / f
	}
	return 1 + f
}

func isArithmetic(tt js.TokenType) bool {
	switch tt {
	case js.AddToken, js.SubToken, js.MulToken, js.DivToken, js.ExpToken, js.LtLtToken,
		js.LtToken, js.LtEqToken, js.GtToken, js.GtEqToken, js.NotEqToken, js.NotEqEqToken:
		return true
	}
	return false
}
