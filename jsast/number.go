package jsast

import (
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// NumberLiteral returns the value of a numeric literal's text: decimal,
// 0x 0o 0b, legacy octal (017 is 15), separators, a BigInt's n suffix; ok
// is false for other text.
func NumberLiteral(data []byte) (float64, bool) {
	s := strings.TrimSuffix(strings.ReplaceAll(string(data), "_", ""), "n")
	if v, prefixed, ok := RadixInteger(s); prefixed {
		return v, ok
	}
	if len(s) > 1 && s[0] == '0' {
		if !strings.ContainsAny(s, ".eE89") {
			n, err := strconv.ParseUint(s[1:], 8, 64)
			return float64(n), err == nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// RadixInteger reads an integer written with a 0x, 0o or 0b prefix (in
// either case): prefixed reports whether s has one, ok whether the digits
// after it are valid (and fit 64 bits).
func RadixInteger(s string) (v float64, prefixed, ok bool) {
	if len(s) < 2 || s[0] != '0' {
		return 0, false, false
	}
	base := 0
	switch s[1] {
	case 'x', 'X':
		base = 16
	case 'o', 'O':
		base = 8
	case 'b', 'B':
		base = 2
	default:
		return 0, false, false
	}
	n, err := strconv.ParseUint(s[2:], base, 64)
	return float64(n), true, err == nil
}

// Number evaluates a constant numeric expression: numeric literals,
// parentheses, negation, + - * / ** <<, and the variables value gives an
// initialiser for (nil: not a constant). Resolved variables are passed to
// value.
func Number(x js.IExpr, value func(v *js.Var) js.IExpr) (float64, bool) {
	return number(x, value, 0)
}

func number(x js.IExpr, value func(*js.Var) js.IExpr, depth int) (float64, bool) {
	if depth > 16 || x == nil {
		return 0, false
	}
	switch x := x.(type) {
	case *js.GroupExpr:
		return number(x.X, value, depth+1)
	case *js.LiteralExpr:
		return NumberLiteral(x.Data)
	case *js.Var:
		if init := value(Resolve(x)); init != nil {
			return number(init, value, depth+1)
		}
	case *js.UnaryExpr:
		if n, ok := number(x.X, value, depth+1); ok && x.Op == js.NegToken {
			return -n, true
		}
	case *js.BinaryExpr:
		a, ok1 := number(x.X, value, depth+1)
		b, ok2 := number(x.Y, value, depth+1)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch x.Op {
		case js.AddToken:
			return a + b, true
		case js.SubToken:
			return a - b, true
		case js.MulToken:
			return a * b, true
		case js.DivToken:
			return a / b, b != 0
		case js.ExpToken:
			return math.Pow(a, b), true
		case js.LtLtToken:
			return float64(int64(a) << uint(b)), b >= 0 && b < 63
		}
	}
	return 0, false
}
