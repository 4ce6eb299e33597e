// Package interp is a small JavaScript interpreter for the programs that
// ordering questions are made of. It evaluates the tdewolff AST directly,
// schedules callbacks on an event-loop model, and records every line the
// program prints together with the task that printed it.
//
// Values are plain Go values: Undefined, Null, bool, float64, string,
// *big.Int (BigInt), *Symbol and *Object.
package interp

import (
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/jsast"
)

// Value is a JavaScript value.
type Value any

type undefinedType struct{}
type nullType struct{}

// Undefined and Null are the two JavaScript nullish values.
var (
	Undefined Value = undefinedType{}
	Null      Value = nullType{}
)

// Symbol is a JavaScript symbol.
type Symbol struct {
	Description string
	private     bool
}

// Well-known symbols.
var (
	SymIterator      = &Symbol{Description: "Symbol.iterator"}
	SymAsyncIterator = &Symbol{Description: "Symbol.asyncIterator"}
	SymHasInstance   = &Symbol{Description: "Symbol.hasInstance"}
	SymToStringTag   = &Symbol{Description: "Symbol.toStringTag"}
	SymToPrimitive   = &Symbol{Description: "Symbol.toPrimitive"}
	SymSpecies       = &Symbol{Description: "Symbol.species"}
	// symInspect stands for Symbol.for('nodejs.util.inspect.custom').
	symInspect = &Symbol{Description: "nodejs.util.inspect.custom"}
)

// PropKey is a property key: a string or a symbol.
type PropKey struct {
	S   string
	Sym *Symbol
}

func strKey(s string) PropKey { return PropKey{S: s} }

func (k PropKey) String() string {
	if k.Sym != nil {
		return "Symbol(" + k.Sym.Description + ")"
	}
	return k.S
}

// prop is one own property.
type prop struct {
	value      Value
	getter     *Object
	setter     *Object
	accessor   bool
	enumerable bool
	writable   bool
}

// Object is a JavaScript object. Arrays keep their elements in arr;
// functions carry fn; other exotic objects keep their state in internal.
type Object struct {
	proto      *Object
	class      string
	props      map[PropKey]*prop
	keys       []PropKey
	arr        []Value
	holes      map[int]bool // array indices that are holes (never assigned)
	fn         *Func
	internal   any
	frozen     bool
	extensible bool
}

func (o *Object) isArray() bool { return o.class == "Array" }

func (it *Interp) newObject(proto *Object) *Object {
	return &Object{proto: proto, class: "Object", extensible: true}
}

// NewPlain returns an empty ordinary object.
func (it *Interp) NewPlain() *Object { return it.newObject(it.ObjectProto) }

func (it *Interp) newArray(vals []Value) *Object {
	o := &Object{proto: it.ArrayProto, class: "Array", arr: vals, extensible: true}
	if o.arr == nil {
		o.arr = []Value{}
	}
	return o
}

// getOwn returns an own property.
func (o *Object) getOwn(k PropKey) *prop {
	if o.props == nil {
		return nil
	}
	return o.props[k]
}

// setOwn creates or overwrites a data property (enumerable, writable).
func (o *Object) setOwn(k PropKey, v Value) {
	if o.props == nil {
		o.props = map[PropKey]*prop{}
	}
	if p := o.props[k]; p != nil {
		p.value = v
		return
	}
	o.props[k] = &prop{value: v, enumerable: true, writable: true}
	o.keys = append(o.keys, k)
}

// defineHidden defines a non-enumerable data property.
func (o *Object) defineHidden(k PropKey, v Value) {
	o.setOwn(k, v)
	o.props[k].enumerable = false
}

func (o *Object) defineAccessor(k PropKey, get, set *Object, enumerable bool) {
	if o.props == nil {
		o.props = map[PropKey]*prop{}
	}
	p := o.props[k]
	if p == nil {
		p = &prop{}
		o.props[k] = p
		o.keys = append(o.keys, k)
	}
	p.accessor = true
	p.enumerable = enumerable
	if get != nil {
		p.getter = get
	}
	if set != nil {
		p.setter = set
	}
}

func (o *Object) deleteOwn(k PropKey) bool {
	if o.props == nil || o.props[k] == nil {
		return true
	}
	if o.frozen {
		return false
	}
	delete(o.props, k)
	for i, kk := range o.keys {
		if kk == k {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
	return true
}

// arrayIndex reports whether s is a canonical array index.
func arrayIndex(s string) (int, bool) {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < math.MaxInt32
}

// ownKeys lists own property keys in ES order: integer keys ascending, then
// strings in insertion order, then symbols (when withSymbols).
func (o *Object) ownKeys(withSymbols bool) []PropKey {
	var ints, strs, syms []PropKey
	if o.isArray() || o.class == "String" {
		n := len(o.arr)
		if o.class == "String" {
			n = len([]rune(o.internal.(string)))
		}
		for i := 0; i < n; i++ {
			ints = append(ints, strKey(strconv.Itoa(i)))
		}
	}
	var extraInts []PropKey
	for _, k := range o.keys {
		switch {
		case k.Sym != nil:
			if !k.Sym.private {
				syms = append(syms, k)
			}
		default:
			if _, ok := arrayIndex(k.S); ok {
				extraInts = append(extraInts, k)
			} else {
				strs = append(strs, k)
			}
		}
	}
	if len(extraInts) > 1 {
		sort.Slice(extraInts, func(i, j int) bool {
			a, _ := arrayIndex(extraInts[i].S)
			b, _ := arrayIndex(extraInts[j].S)
			return a < b
		})
	}
	out := append(ints, extraInts...)
	out = append(out, strs...)
	if withSymbols {
		out = append(out, syms...)
	}
	return out
}

// isEnumerableOwn reports whether k is an enumerable own property.
func (o *Object) isEnumerableOwn(k PropKey) bool {
	if k.Sym == nil {
		if i, ok := arrayIndex(k.S); ok && o.isArray() && i < len(o.arr) {
			return true
		}
		if i, ok := arrayIndex(k.S); ok && o.class == "String" {
			if s, ok := o.internal.(string); ok && i < len([]rune(s)) {
				return true
			}
		}
	}
	p := o.getOwn(k)
	return p != nil && p.enumerable
}

// ---- conversions ----

func isNullish(v Value) bool { return v == Undefined || v == Null }

func typeOf(v Value) string {
	switch x := v.(type) {
	case undefinedType:
		return "undefined"
	case nullType:
		return "object"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case *big.Int:
		return "bigint"
	case *Symbol:
		return "symbol"
	case *Object:
		if x.fn != nil {
			return "function"
		}
		return "object"
	}
	return "undefined"
}

func toBool(v Value) bool {
	switch x := v.(type) {
	case undefinedType, nullType:
		return false
	case bool:
		return x
	case float64:
		return !(x == 0 || math.IsNaN(x))
	case string:
		return x != ""
	case *big.Int:
		return x.Sign() != 0
	}
	return true
}

// numberToString formats a number like Number.prototype.toString().
func numberToString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	// Shortest round-trip digits, then lay them out per ES Number::toString.
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64)
	mant, expS, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(expS)
	n := e + 1 // position of the decimal point relative to digits
	k := len(digits)
	var out string
	switch {
	case k <= n && n <= 21:
		out = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		out = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		out = "0." + strings.Repeat("0", -n) + digits
	default:
		sign := "+"
		if n-1 < 0 {
			sign = "-"
		}
		ex := n - 1
		if ex < 0 {
			ex = -ex
		}
		if k == 1 {
			out = digits + "e" + sign + strconv.Itoa(ex)
		} else {
			out = digits[:1] + "." + digits[1:] + "e" + sign + strconv.Itoa(ex)
		}
	}
	if f < 0 {
		out = "-" + out
	}
	return out
}

// stringToNumber implements ToNumber on strings.
func stringToNumber(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if v, prefixed, ok := jsast.RadixInteger(s); prefixed {
		if !ok {
			return math.NaN()
		}
		return v
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return math.NaN()
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f
		}
		return math.NaN()
	}
	return f
}

func toInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int32(uint32(int64(math.Mod(math.Trunc(f), 4294967296))))
}

func toUint32(f float64) uint32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return uint32(int64(math.Mod(math.Trunc(f), 4294967296)))
}

// toLength implements ToLength: an integer from 0 to 2^53 - 1.
func toLength(f float64) int {
	f = toIntegerOrInfinity(f)
	if f <= 0 {
		return 0
	}
	return int(math.Min(f, 1<<53-1))
}

// toIntegerOrInfinity implements ToIntegerOrInfinity.
func toIntegerOrInfinity(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f)
}

func strictEquals(a, b Value) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case *big.Int:
		y, ok := b.(*big.Int)
		return ok && x.Cmp(y) == 0
	}
	return a == b
}

func sameValueZero(a, b Value) bool {
	if x, ok := a.(float64); ok {
		if y, ok := b.(float64); ok && math.IsNaN(x) && math.IsNaN(y) {
			return true
		}
	}
	return strictEquals(a, b)
}

func sameValue(a, b Value) bool {
	if x, ok := a.(float64); ok {
		if y, ok := b.(float64); ok {
			if x == 0 && y == 0 {
				return math.Signbit(x) == math.Signbit(y)
			}
		}
	}
	return sameValueZero(a, b)
}
