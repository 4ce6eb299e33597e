package interp

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

type nativeFn = func(it *Interp, this Value, args []Value) Value

func (it *Interp) defineGlobal(name string, v Value) {
	it.globalObj.defineHidden(strKey(name), v)
}

func (it *Interp) method(o *Object, name string, n int, fn nativeFn) *Object {
	f := it.NativeFunc(name, n, fn)
	o.defineHidden(strKey(name), f)
	return f
}

func (it *Interp) symMethod(o *Object, sym *Symbol, name string, fn nativeFn) {
	o.defineHidden(PropKey{Sym: sym}, it.NativeFunc(name, 0, fn))
}

// ctor builds a constructor function with a prototype object.
func (it *Interp) ctor(name string, n int, proto *Object, call nativeFn, construct func(it *Interp, args []Value, nt *Object) Value) *Object {
	f := &Func{name: name, native: call, nativeCtor: construct}
	if call == nil && construct != nil {
		f.native = nil
	}
	c := it.newFuncObject(f, n)
	if call != nil && construct != nil {
		// callable and constructible: callObj uses native, construct nativeCtor
		c.fn.native = call
	}
	c.defineHidden(strKey("prototype"), proto)
	proto.defineHidden(strKey("constructor"), c)
	it.defineGlobal(name, c)
	return c
}

func (it *Interp) thisNum(this Value) float64 {
	switch x := this.(type) {
	case float64:
		return x
	case *Object:
		if f, ok := x.internal.(float64); ok && x.class == "Number" {
			return f
		}
	}
	it.throwError("TypeError", "Number.prototype.valueOf requires that 'this' be a Number")
	return 0
}

func (it *Interp) thisStr(this Value) string {
	switch x := this.(type) {
	case string:
		return x
	case *Object:
		if s, ok := x.internal.(string); ok && x.class == "String" {
			return s
		}
	}
	if isNullish(this) {
		it.throwError("TypeError", "String.prototype method called on null or undefined")
	}
	return it.toString(this)
}

func (it *Interp) argNum(args []Value, i int, def float64) float64 {
	if i >= len(args) || args[i] == Undefined {
		return def
	}
	return it.toNumber(args[i])
}

// argInt returns argument i as ToIntegerOrInfinity does (NaN is 0), the
// infinities clamped to ±2^53 so that index arithmetic cannot overflow.
func (it *Interp) argInt(args []Value, i int, def float64) int {
	return int(math.Max(-(1 << 53), math.Min(toIntegerOrInfinity(it.argNum(args, i, def)), 1<<53)))
}

// maxDenseArray is the longest array new Array(n) makes: V8 makes a sparse
// one past that, the interpreter's arrays are dense.
const maxDenseArray = 1 << 24

// maxStringLength is V8's longest string (2^29 - 24 UTF-16 units).
const maxStringLength = 1<<29 - 24

// digits reads argument 0 of toFixed, toPrecision or toExponential: an
// integer from lo to 100, else a RangeError.
func (it *Interp) digits(a []Value, lo int, what string) int {
	d := toIntegerOrInfinity(it.argNum(a, 0, 0))
	if d < float64(lo) || d > 100 {
		it.throwError("RangeError", "%s must be between %d and 100", what, lo)
	}
	return int(d)
}

// radix reads the radix argument of Number and BigInt toString: an integer
// from 2 to 36 (10 when absent), else a RangeError.
func (it *Interp) radix(a []Value) int {
	r := toIntegerOrInfinity(it.argNum(a, 0, 10))
	if r < 2 || r > 36 {
		it.throwError("RangeError", "toString() radix must be between 2 and 36")
	}
	return int(r)
}

func (it *Interp) callable(v Value, what string) *Object {
	o, ok := v.(*Object)
	if !ok || o.fn == nil {
		it.throwError("TypeError", "%s is not a function", it.inspect(v, inspectOpts{depth: 0}))
	}
	return o
}

// relIndex resolves a relative index argument against length n.
func relIndex(f float64, n int) int {
	f = toIntegerOrInfinity(f)
	if f < 0 {
		f += float64(n)
		if f < 0 {
			return 0
		}
	}
	if f > float64(n) {
		return n
	}
	return int(f)
}

func (it *Interp) setupBuiltins() {
	g := it.globalObj
	it.defineGlobal("globalThis", g)
	it.defineGlobal("global", g)
	it.defineGlobal("NaN", math.NaN())
	it.defineGlobal("Infinity", math.Inf(1))

	// Function.prototype
	fp := it.FuncProto
	it.method(fp, "call", 1, func(it *Interp, this Value, a []Value) Value {
		var rest []Value
		if len(a) > 1 {
			rest = a[1:]
		}
		return it.call(this, arg(a, 0), rest)
	})
	it.method(fp, "apply", 2, func(it *Interp, this Value, a []Value) Value {
		var list []Value
		if al, ok := arg(a, 1).(*Object); ok {
			list = it.arrayLike(al)
		}
		return it.call(this, arg(a, 0), list)
	})
	it.method(fp, "bind", 1, func(it *Interp, this Value, a []Value) Value {
		t := it.callable(this, "bind target")
		var rest []Value
		if len(a) > 1 {
			rest = append(rest, a[1:]...)
		}
		f := &Func{name: "bound " + t.fn.name, boundTarget: t, boundThis: arg(a, 0), boundArgs: rest}
		return it.newFuncObject(f, 0)
	})
	it.method(fp, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		if o, ok := this.(*Object); ok && o.fn != nil {
			return "function " + o.fn.name + "() { [native code] }"
		}
		return "function () {}"
	})
	it.defaultHasInstance = it.NativeFunc("[Symbol.hasInstance]", 1, func(it *Interp, this Value, a []Value) Value {
		return it.instanceOf(arg(a, 0), this)
	})
	fp.defineHidden(PropKey{Sym: SymHasInstance}, it.defaultHasInstance)

	it.setupObject()
	it.setupArray()
	it.setupString()
	it.setupNumberMath()
	it.setupErrors()
	it.setupSymbol()
	it.setupIterators()
	it.setupCollections()
	it.setupJSON()
	it.setupPromise()
	it.setupMisc()
}

func (it *Interp) arrayLike(o *Object) []Value {
	if o.isArray() || o.class == "Arguments" {
		return append([]Value(nil), o.arr...)
	}
	n := toLength(it.toNumber(it.getV(o, strKey("length"))))
	out := make([]Value, 0, min(n, 1024))
	for i := 0; i < n; i++ {
		it.tick() // {length: 1e15} ends at the step budget
		out = append(out, it.getV(o, strKey(strconv.Itoa(i))))
	}
	return out
}

func (it *Interp) setupObject() {
	op := it.ObjectProto
	objCtor := it.ctor("Object", 1, op, func(it *Interp, this Value, a []Value) Value {
		if isNullish(arg(a, 0)) {
			return it.NewPlain()
		}
		return it.toObject(arg(a, 0))
	}, func(it *Interp, a []Value, nt *Object) Value {
		if isNullish(arg(a, 0)) {
			return it.NewPlain()
		}
		return it.toObject(arg(a, 0))
	})
	it.method(op, "hasOwnProperty", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(this)
		k := it.toPropKey(arg(a, 0))
		return o.getOwn(k) != nil || (o.isArray() && k.Sym == nil && isIndexIn(k.S, len(o.arr)))
	})
	it.method(op, "isPrototypeOf", 1, func(it *Interp, this Value, a []Value) Value {
		o, ok := arg(a, 0).(*Object)
		if !ok {
			return false
		}
		for p := o.proto; p != nil; p = p.proto {
			if Value(p) == this {
				return true
			}
		}
		return false
	})
	it.method(op, "propertyIsEnumerable", 1, func(it *Interp, this Value, a []Value) Value {
		return it.toObject(this).isEnumerableOwn(it.toPropKey(arg(a, 0)))
	})
	it.method(op, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		switch x := this.(type) {
		case undefinedType:
			return "[object Undefined]"
		case nullType:
			return "[object Null]"
		case *Object:
			if t, ok := it.getV(x, PropKey{Sym: SymToStringTag}).(string); ok {
				return "[object " + t + "]"
			}
			switch x.class {
			case "Array", "Function", "Error", "Date", "RegExp", "Arguments":
				return "[object " + x.class + "]"
			}
			if x.fn != nil {
				return "[object Function]"
			}
		}
		return "[object Object]"
	})
	it.method(op, "toLocaleString", 0, func(it *Interp, this Value, a []Value) Value {
		return it.toString(this)
	})
	it.method(op, "valueOf", 0, func(it *Interp, this Value, a []Value) Value { return it.toObject(this) })
	op.defineAccessor(strKey("__proto__"), it.NativeFunc("get __proto__", 0, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(this)
		if o.proto == nil {
			return Null
		}
		return o.proto
	}), it.NativeFunc("set __proto__", 1, func(it *Interp, this Value, a []Value) Value {
		if o, ok := this.(*Object); ok {
			if p, ok := arg(a, 0).(*Object); ok {
				o.proto = p
			} else if arg(a, 0) == Null {
				o.proto = nil
			}
		}
		return Undefined
	}), false)

	it.method(objCtor, "keys", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(false) {
			if o.isEnumerableOwn(k) {
				out = append(out, k.S)
			}
		}
		return it.newArray(out)
	})
	it.method(objCtor, "values", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(false) {
			if o.isEnumerableOwn(k) {
				out = append(out, it.getV(o, k))
			}
		}
		return it.newArray(out)
	})
	it.method(objCtor, "entries", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(false) {
			if o.isEnumerableOwn(k) {
				out = append(out, it.newArray([]Value{k.S, it.getV(o, k)}))
			}
		}
		return it.newArray(out)
	})
	it.method(objCtor, "fromEntries", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.NewPlain()
		it.iterate(arg(a, 0), func(e Value) bool {
			o.setOwn(it.toPropKey(it.getV(e, strKey("0"))), it.getV(e, strKey("1")))
			return true
		})
		return o
	})
	it.method(objCtor, "assign", 2, func(it *Interp, this Value, a []Value) Value {
		t := it.toObject(arg(a, 0))
		for _, s := range a[1:] {
			if so, ok := s.(*Object); ok {
				for _, k := range so.ownKeys(true) {
					if so.isEnumerableOwn(k) {
						it.putV(t, k, it.getV(so, k))
					}
				}
			}
		}
		return t
	})
	freeze := func(it *Interp, this Value, a []Value) Value {
		if o, ok := arg(a, 0).(*Object); ok {
			o.frozen = true
			o.extensible = false
			for _, p := range o.props {
				p.writable = false
			}
		}
		return arg(a, 0)
	}
	it.method(objCtor, "freeze", 1, freeze)
	it.method(objCtor, "seal", 1, func(it *Interp, this Value, a []Value) Value {
		if o, ok := arg(a, 0).(*Object); ok {
			o.extensible = false
		}
		return arg(a, 0)
	})
	it.method(objCtor, "preventExtensions", 1, func(it *Interp, this Value, a []Value) Value {
		if o, ok := arg(a, 0).(*Object); ok {
			o.extensible = false
		}
		return arg(a, 0)
	})
	it.method(objCtor, "isFrozen", 1, func(it *Interp, this Value, a []Value) Value {
		o, ok := arg(a, 0).(*Object)
		return !ok || o.frozen
	})
	it.method(objCtor, "isExtensible", 1, func(it *Interp, this Value, a []Value) Value {
		o, ok := arg(a, 0).(*Object)
		return ok && o.extensible
	})
	it.method(objCtor, "create", 2, func(it *Interp, this Value, a []Value) Value {
		p, _ := arg(a, 0).(*Object)
		o := it.newObject(p)
		if props, ok := arg(a, 1).(*Object); ok {
			for _, k := range props.ownKeys(true) {
				it.defineProperty(o, k, it.getV(props, k))
			}
		}
		return o
	})
	it.method(objCtor, "getPrototypeOf", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		if o.proto == nil {
			return Null
		}
		return o.proto
	})
	it.method(objCtor, "setPrototypeOf", 2, func(it *Interp, this Value, a []Value) Value {
		if o, ok := arg(a, 0).(*Object); ok {
			p, _ := arg(a, 1).(*Object)
			o.proto = p
		}
		return arg(a, 0)
	})
	it.method(objCtor, "defineProperty", 3, func(it *Interp, this Value, a []Value) Value {
		o, ok := arg(a, 0).(*Object)
		if !ok {
			it.throwError("TypeError", "Object.defineProperty called on non-object")
		}
		it.defineProperty(o, it.toPropKey(arg(a, 1)), arg(a, 2))
		return o
	})
	it.method(objCtor, "defineProperties", 2, func(it *Interp, this Value, a []Value) Value {
		o, _ := arg(a, 0).(*Object)
		if props, ok := arg(a, 1).(*Object); ok && o != nil {
			for _, k := range props.ownKeys(true) {
				it.defineProperty(o, k, it.getV(props, k))
			}
		}
		return arg(a, 0)
	})
	it.method(objCtor, "getOwnPropertyNames", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(false) {
			out = append(out, k.S)
		}
		if o.isArray() {
			out = append(out, "length")
		}
		return it.newArray(out)
	})
	it.method(objCtor, "getOwnPropertySymbols", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(true) {
			if k.Sym != nil {
				out = append(out, k.Sym)
			}
		}
		return it.newArray(out)
	})
	it.method(objCtor, "getOwnPropertyDescriptor", 2, func(it *Interp, this Value, a []Value) Value {
		o := it.toObject(arg(a, 0))
		k := it.toPropKey(arg(a, 1))
		p := o.getOwn(k)
		if p == nil {
			if o.isArray() && k.Sym == nil && isIndexIn(k.S, len(o.arr)) {
				d := it.NewPlain()
				d.setOwn(strKey("value"), it.getV(o, k))
				d.setOwn(strKey("writable"), true)
				d.setOwn(strKey("enumerable"), true)
				d.setOwn(strKey("configurable"), true)
				return d
			}
			return Undefined
		}
		d := it.NewPlain()
		if p.accessor {
			d.setOwn(strKey("get"), objOrUndef(p.getter))
			d.setOwn(strKey("set"), objOrUndef(p.setter))
		} else {
			d.setOwn(strKey("value"), p.value)
			d.setOwn(strKey("writable"), p.writable)
		}
		d.setOwn(strKey("enumerable"), p.enumerable)
		d.setOwn(strKey("configurable"), !o.frozen)
		return d
	})
	it.method(objCtor, "is", 2, func(it *Interp, this Value, a []Value) Value {
		return sameValue(arg(a, 0), arg(a, 1))
	})
	it.method(objCtor, "groupBy", 2, func(it *Interp, this Value, a []Value) Value {
		o := it.newObject(nil)
		fn := it.callable(arg(a, 1), "callback")
		i := 0
		it.iterate(arg(a, 0), func(v Value) bool {
			k := it.toPropKey(it.callObj(fn, Undefined, []Value{v, float64(i)}))
			i++
			if p := o.getOwn(k); p != nil {
				arr := p.value.(*Object)
				arr.arr = append(arr.arr, v)
			} else {
				o.setOwn(k, it.newArray([]Value{v}))
			}
			return true
		})
		return o
	})
}

func objOrUndef(o *Object) Value {
	if o == nil {
		return Undefined
	}
	return o
}

func isIndexIn(s string, n int) bool {
	i, ok := arrayIndex(s)
	return ok && i < n
}

func (it *Interp) defineProperty(o *Object, k PropKey, descV Value) {
	desc, ok := descV.(*Object)
	if !ok {
		it.throwError("TypeError", "Property description must be an object")
	}
	get, hasGet := it.getV(desc, strKey("get")).(*Object)
	set, hasSet := it.getV(desc, strKey("set")).(*Object)
	enumerable := toBool(it.getV(desc, strKey("enumerable")))
	if hasGet || hasSet {
		o.defineAccessor(k, get, set, enumerable)
		return
	}
	if o.isArray() && k.Sym == nil {
		if i, ok := arrayIndex(k.S); ok && i < len(o.arr) {
			o.arr[i] = it.getV(desc, strKey("value"))
			return
		}
	}
	existing := o.getOwn(k)
	if existing != nil {
		if it.hasProperty(desc, strKey("value")) {
			existing.value = it.getV(desc, strKey("value"))
		}
		if it.hasProperty(desc, strKey("enumerable")) {
			existing.enumerable = enumerable
		}
		if it.hasProperty(desc, strKey("writable")) {
			existing.writable = toBool(it.getV(desc, strKey("writable")))
		}
		existing.accessor = false
		return
	}
	o.setOwn(k, it.getV(desc, strKey("value")))
	p := o.props[k]
	p.enumerable = enumerable
	p.writable = toBool(it.getV(desc, strKey("writable")))
}

func (it *Interp) thisArray(this Value) *Object {
	o, ok := this.(*Object)
	if !ok {
		o = it.toObject(this)
	}
	if !o.isArray() && o.class != "Arguments" {
		// generic array-likes: copy into a temporary array
		return it.newArray(it.arrayLike(o))
	}
	return o
}

func (it *Interp) setupArray() {
	ap := it.ArrayProto
	arrCtor := it.ctor("Array", 1, ap, func(it *Interp, this Value, a []Value) Value {
		return it.arrayConstruct(a)
	}, func(it *Interp, a []Value, nt *Object) Value {
		arr := it.arrayConstruct(a)
		if nt != nil && nt.fn != nil && nt.fn.nativeCtor == nil {
			if p, ok := it.getV(nt, strKey("prototype")).(*Object); ok {
				arr.proto = p
			}
		}
		return arr
	})
	it.method(arrCtor, "isArray", 1, func(it *Interp, this Value, a []Value) Value {
		o, ok := arg(a, 0).(*Object)
		return ok && o.isArray()
	})
	it.method(arrCtor, "of", 0, func(it *Interp, this Value, a []Value) Value {
		return it.newArray(append([]Value(nil), a...))
	})
	it.method(arrCtor, "from", 1, func(it *Interp, this Value, a []Value) Value {
		src := arg(a, 0)
		var vals []Value
		if o, ok := src.(*Object); ok && isNullish(it.getV(o, PropKey{Sym: SymIterator})) {
			vals = it.arrayLike(o)
		} else {
			vals = it.iterateToSlice(src)
		}
		if fn, ok := arg(a, 1).(*Object); ok && fn.fn != nil {
			for i, v := range vals {
				vals[i] = it.callObj(fn, Undefined, []Value{v, float64(i)})
			}
		}
		return it.newArray(vals)
	})

	it.method(ap, "push", 1, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		if o.frozen {
			it.throwError("TypeError", "Cannot add property %d, object is not extensible", len(o.arr))
		}
		o.arr = append(o.arr, a...)
		return float64(len(o.arr))
	})
	it.method(ap, "pop", 0, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		if len(o.arr) == 0 {
			return Undefined
		}
		v := o.arr[len(o.arr)-1]
		o.arr = o.arr[:len(o.arr)-1]
		return v
	})
	it.method(ap, "shift", 0, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		o.holes = nil
		if len(o.arr) == 0 {
			return Undefined
		}
		v := o.arr[0]
		o.arr = append([]Value(nil), o.arr[1:]...)
		return v
	})
	it.method(ap, "unshift", 1, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		o.holes = nil
		o.arr = append(append([]Value(nil), a...), o.arr...)
		return float64(len(o.arr))
	})
	it.method(ap, "slice", 2, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		n := len(o.arr)
		s := relIndex(it.argNum(a, 0, 0), n)
		e := relIndex(it.argNum(a, 1, float64(n)), n)
		if e < s {
			e = s
		}
		return it.newArray(append([]Value(nil), o.arr[s:e]...))
	})
	it.method(ap, "splice", 2, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		o.holes = nil
		n := len(o.arr)
		s := relIndex(it.argNum(a, 0, 0), n)
		del := n - s
		if len(a) > 1 {
			del = int(math.Max(0, math.Min(toIntegerOrInfinity(it.toNumber(a[1])), float64(n-s))))
		}
		removed := append([]Value(nil), o.arr[s:s+del]...)
		var ins []Value
		if len(a) > 2 {
			ins = a[2:]
		}
		rest := append([]Value(nil), o.arr[s+del:]...)
		o.arr = append(append(o.arr[:s], ins...), rest...)
		return it.newArray(removed)
	})
	it.method(ap, "concat", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		out := append([]Value(nil), o.arr...)
		for _, x := range a {
			if xo, ok := x.(*Object); ok && xo.isArray() {
				out = append(out, xo.arr...)
			} else {
				out = append(out, x)
			}
		}
		return it.newArray(out)
	})
	it.method(ap, "join", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		sep := ","
		if arg(a, 0) != Undefined {
			sep = it.toString(a[0])
		}
		return it.joinArray(o, sep)
	})
	it.method(ap, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		if o, ok := this.(*Object); ok && o.isArray() {
			return it.joinArray(o, ",")
		}
		return "[object Object]"
	})
	it.method(ap, "reverse", 0, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		o.holes = nil
		for i, j := 0, len(o.arr)-1; i < j; i, j = i+1, j-1 {
			o.arr[i], o.arr[j] = o.arr[j], o.arr[i]
		}
		return o
	})
	it.method(ap, "toReversed", 0, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		out := make([]Value, len(o.arr))
		for i, v := range o.arr {
			out[len(o.arr)-1-i] = v
		}
		return it.newArray(out)
	})
	indexOf := func(last bool) nativeFn {
		return func(it *Interp, this Value, a []Value) Value {
			o := it.thisArray(this)
			if last {
				for i := len(o.arr) - 1; i >= 0; i-- {
					if strictEquals(o.arr[i], arg(a, 0)) {
						return float64(i)
					}
				}
				return -1.0
			}
			for i := relIndex(it.argNum(a, 1, 0), len(o.arr)); i < len(o.arr); i++ {
				if strictEquals(o.arr[i], arg(a, 0)) {
					return float64(i)
				}
			}
			return -1.0
		}
	}
	it.method(ap, "indexOf", 1, indexOf(false))
	it.method(ap, "lastIndexOf", 1, indexOf(true))
	it.method(ap, "includes", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		for _, v := range o.arr {
			if sameValueZero(v, arg(a, 0)) {
				return true
			}
		}
		return false
	})
	iterFn := func(name string, body func(it *Interp, o *Object, fn *Object, thisArg Value) Value) {
		it.method(ap, name, 1, func(it *Interp, this Value, a []Value) Value {
			o := it.thisArray(this)
			fn := it.callable(arg(a, 0), "callback")
			return body(it, o, fn, arg(a, 1))
		})
	}
	iterFn("forEach", func(it *Interp, o, fn *Object, t Value) Value {
		for i := 0; i < len(o.arr); i++ {
			it.callObj(fn, t, []Value{o.arr[i], float64(i), o})
		}
		return Undefined
	})
	iterFn("map", func(it *Interp, o, fn *Object, t Value) Value {
		out := make([]Value, 0, len(o.arr))
		for i := 0; i < len(o.arr); i++ {
			out = append(out, it.callObj(fn, t, []Value{o.arr[i], float64(i), o}))
		}
		return it.newArray(out)
	})
	iterFn("filter", func(it *Interp, o, fn *Object, t Value) Value {
		var out []Value
		for i := 0; i < len(o.arr); i++ {
			v := o.arr[i]
			if toBool(it.callObj(fn, t, []Value{v, float64(i), o})) {
				out = append(out, v)
			}
		}
		return it.newArray(out)
	})
	iterFn("find", func(it *Interp, o, fn *Object, t Value) Value {
		for i := 0; i < len(o.arr); i++ {
			if toBool(it.callObj(fn, t, []Value{o.arr[i], float64(i), o})) {
				return o.arr[i]
			}
		}
		return Undefined
	})
	iterFn("findLast", func(it *Interp, o, fn *Object, t Value) Value {
		for i := len(o.arr) - 1; i >= 0; i-- {
			if toBool(it.callObj(fn, t, []Value{o.arr[i], float64(i), o})) {
				return o.arr[i]
			}
		}
		return Undefined
	})
	iterFn("findIndex", func(it *Interp, o, fn *Object, t Value) Value {
		for i := 0; i < len(o.arr); i++ {
			if toBool(it.callObj(fn, t, []Value{o.arr[i], float64(i), o})) {
				return float64(i)
			}
		}
		return -1.0
	})
	iterFn("some", func(it *Interp, o, fn *Object, t Value) Value {
		for i := 0; i < len(o.arr); i++ {
			if toBool(it.callObj(fn, t, []Value{o.arr[i], float64(i), o})) {
				return true
			}
		}
		return false
	})
	iterFn("every", func(it *Interp, o, fn *Object, t Value) Value {
		for i := 0; i < len(o.arr); i++ {
			if !toBool(it.callObj(fn, t, []Value{o.arr[i], float64(i), o})) {
				return false
			}
		}
		return true
	})
	iterFn("flatMap", func(it *Interp, o, fn *Object, t Value) Value {
		var out []Value
		for i := 0; i < len(o.arr); i++ {
			r := it.callObj(fn, t, []Value{o.arr[i], float64(i), o})
			if ro, ok := r.(*Object); ok && ro.isArray() {
				out = append(out, ro.arr...)
			} else {
				out = append(out, r)
			}
		}
		return it.newArray(out)
	})
	reduce := func(right bool) nativeFn {
		return func(it *Interp, this Value, a []Value) Value {
			o := it.thisArray(this)
			fn := it.callable(arg(a, 0), "callback")
			idx := make([]int, len(o.arr))
			for i := range idx {
				if right {
					idx[i] = len(o.arr) - 1 - i
				} else {
					idx[i] = i
				}
			}
			var acc Value
			if len(a) > 1 {
				acc = a[1]
			} else {
				if len(idx) == 0 {
					it.throwError("TypeError", "Reduce of empty array with no initial value")
				}
				acc = o.arr[idx[0]]
				idx = idx[1:]
			}
			for _, i := range idx {
				if i < len(o.arr) {
					acc = it.callObj(fn, Undefined, []Value{acc, o.arr[i], float64(i), o})
				}
			}
			return acc
		}
	}
	it.method(ap, "reduce", 1, reduce(false))
	it.method(ap, "reduceRight", 1, reduce(true))
	sortFn := func(it *Interp, o *Object, cmp Value) {
		var fn *Object
		if c, ok := cmp.(*Object); ok && c.fn != nil {
			fn = c
		}
		sort.SliceStable(o.arr, func(i, j int) bool {
			x, y := o.arr[i], o.arr[j]
			if x == Undefined {
				return false
			}
			if y == Undefined {
				return true
			}
			if fn != nil {
				return it.toNumber(it.callObj(fn, Undefined, []Value{x, y})) < 0
			}
			return it.toString(x) < it.toString(y)
		})
	}
	it.method(ap, "sort", 1, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		sortFn(it, o, arg(a, 0))
		return o
	})
	it.method(ap, "toSorted", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.newArray(append([]Value(nil), it.thisArray(this).arr...))
		sortFn(it, o, arg(a, 0))
		return o
	})
	it.method(ap, "flat", 0, func(it *Interp, this Value, a []Value) Value {
		df := it.argNum(a, 0, 1)
		if df > 1e6 {
			df = 1e6
		}
		depth := int(df)
		var flat func(vals []Value, d int) []Value
		flat = func(vals []Value, d int) []Value {
			var out []Value
			for _, v := range vals {
				if vo, ok := v.(*Object); ok && vo.isArray() && d > 0 {
					out = append(out, flat(vo.arr, d-1)...)
				} else {
					out = append(out, v)
				}
			}
			return out
		}
		return it.newArray(flat(it.thisArray(this).arr, depth))
	})
	it.method(ap, "fill", 1, func(it *Interp, this Value, a []Value) Value {
		o := this.(*Object)
		o.holes = nil
		n := len(o.arr)
		s := relIndex(it.argNum(a, 1, 0), n)
		e := relIndex(it.argNum(a, 2, float64(n)), n)
		for i := s; i < e; i++ {
			o.arr[i] = arg(a, 0)
		}
		return o
	})
	it.method(ap, "at", 1, func(it *Interp, this Value, a []Value) Value {
		o := it.thisArray(this)
		i := int(toIntegerOrInfinity(it.argNum(a, 0, 0)))
		if i < 0 {
			i += len(o.arr)
		}
		if i < 0 || i >= len(o.arr) {
			return Undefined
		}
		return o.arr[i]
	})
	values := it.method(ap, "values", 0, func(it *Interp, this Value, a []Value) Value {
		return it.arrayIterator(it.toObject(this), "values")
	})
	ap.defineHidden(PropKey{Sym: SymIterator}, values)
	it.method(ap, "keys", 0, func(it *Interp, this Value, a []Value) Value {
		return it.arrayIterator(it.toObject(this), "keys")
	})
	it.method(ap, "entries", 0, func(it *Interp, this Value, a []Value) Value {
		return it.arrayIterator(it.toObject(this), "entries")
	})
}

// arrayLength returns f as an array's length, or throws the RangeError of a
// length that is not an integer from 0 to 2^32 - 1 (NaN included).
func (it *Interp) arrayLength(f float64) int {
	if f != math.Trunc(f) || f < 0 || f > 4294967295 {
		it.throwError("RangeError", "Invalid array length")
	}
	return int(f)
}

func (it *Interp) arrayConstruct(a []Value) *Object {
	if len(a) == 1 {
		if f, ok := a[0].(float64); ok {
			n := it.arrayLength(f)
			if n > maxDenseArray {
				it.addUnknown(it.callOffset(), "large array", fmt.Sprintf("an array of %d elements is not modelled", n))
				panic(&abort{reason: "unsupported"})
			}
			vals := make([]Value, n)
			arr := it.newArray(vals)
			for i := range vals {
				vals[i] = Undefined
				if arr.holes == nil {
					arr.holes = map[int]bool{}
				}
				arr.holes[i] = true
			}
			return arr
		}
	}
	return it.newArray(append([]Value(nil), a...))
}

func (it *Interp) joinArray(o *Object, sep string) string {
	var sb strings.Builder
	for i, v := range o.arr {
		if i > 0 {
			sb.WriteString(sep)
		}
		if !isNullish(v) {
			sb.WriteString(it.toString(v))
		}
	}
	return sb.String()
}

type arrayIterState struct {
	target *Object
	kind   string
	i      int
	done   bool
}

func (it *Interp) arrayIterator(target *Object, kind string) *Object {
	return &Object{proto: it.ArrayIterProto, class: "Array Iterator", internal: &arrayIterState{target: target, kind: kind}, extensible: true}
}

func (it *Interp) setupIterators() {
	ip := it.IteratorProto
	it.symMethod(ip, SymIterator, "[Symbol.iterator]", func(it *Interp, this Value, a []Value) Value { return this })
	aip := it.ArrayIterProto
	aip.proto = ip
	aip.defineHidden(PropKey{Sym: SymToStringTag}, "Array Iterator")
	it.method(aip, "next", 0, func(it *Interp, this Value, a []Value) Value {
		o, _ := this.(*Object)
		st, ok := o.internal.(*arrayIterState)
		if !ok {
			it.throwError("TypeError", "next method called on incompatible receiver")
		}
		if st.done {
			return it.iterResult(Undefined, true)
		}
		var n int
		var elems []Value
		if st.target.isArray() || st.target.class == "Arguments" {
			elems = st.target.arr
			n = len(elems)
		} else {
			elems = it.arrayLike(st.target)
			n = len(elems)
		}
		if st.i >= n {
			st.done = true
			return it.iterResult(Undefined, true)
		}
		i := st.i
		st.i++
		switch st.kind {
		case "keys":
			return it.iterResult(float64(i), false)
		case "entries":
			return it.iterResult(it.newArray([]Value{float64(i), elems[i]}), false)
		}
		return it.iterResult(elems[i], false)
	})
	gp := it.GeneratorProto
	gp.proto = ip
	gp.defineHidden(PropKey{Sym: SymToStringTag}, "Generator")
	it.method(gp, "next", 1, func(it *Interp, this Value, a []Value) Value {
		return it.genResume(this, resumeMsg{val: arg(a, 0)})
	})
	it.method(gp, "return", 1, func(it *Interp, this Value, a []Value) Value {
		return it.genResume(this, resumeMsg{val: arg(a, 0), mode: modeReturn})
	})
	it.method(gp, "throw", 1, func(it *Interp, this Value, a []Value) Value {
		return it.genResume(this, resumeMsg{val: arg(a, 0), mode: modeThrow})
	})
	agp := it.AsyncGenProto
	agp.defineHidden(PropKey{Sym: SymToStringTag}, "AsyncGenerator")
	it.symMethod(agp, SymAsyncIterator, "[Symbol.asyncIterator]", func(it *Interp, this Value, a []Value) Value { return this })
	it.method(agp, "next", 1, func(it *Interp, this Value, a []Value) Value {
		return it.asyncGenEnqueue(this, resumeMsg{val: arg(a, 0)})
	})
	it.method(agp, "return", 1, func(it *Interp, this Value, a []Value) Value {
		return it.asyncGenEnqueue(this, resumeMsg{val: arg(a, 0), mode: modeReturn})
	})
	it.method(agp, "throw", 1, func(it *Interp, this Value, a []Value) Value {
		return it.asyncGenEnqueue(this, resumeMsg{val: arg(a, 0), mode: modeThrow})
	})
}

func (it *Interp) setupString() {
	sp := it.StringProto
	sp.class = "String"
	sp.internal = ""
	strCtor := it.ctor("String", 1, sp, func(it *Interp, this Value, a []Value) Value {
		if len(a) == 0 {
			return ""
		}
		if s, ok := a[0].(*Symbol); ok {
			return "Symbol(" + s.Description + ")"
		}
		return it.toString(a[0])
	}, func(it *Interp, a []Value, nt *Object) Value {
		s := ""
		if len(a) > 0 {
			s = it.toString(a[0])
		}
		return it.toObject(s)
	})
	it.method(strCtor, "fromCharCode", 1, func(it *Interp, this Value, a []Value) Value {
		var sb strings.Builder
		for _, c := range a {
			sb.WriteRune(rune(toUint32(it.toNumber(c)) & 0xffff))
		}
		return sb.String()
	})
	it.method(strCtor, "raw", 1, func(it *Interp, this Value, a []Value) Value {
		raw := it.arrayLike(it.getV(arg(a, 0), strKey("raw")).(*Object))
		var sb strings.Builder
		for i, r := range raw {
			sb.WriteString(it.toString(r))
			if i+1 < len(raw) && i+1 < len(a) {
				sb.WriteString(it.toString(a[i+1]))
			}
		}
		return sb.String()
	})
	str := func(name string, n int, fn func(it *Interp, s string, a []Value) Value) {
		it.method(sp, name, n, func(it *Interp, this Value, a []Value) Value {
			return fn(it, it.thisStr(this), a)
		})
	}
	str("toString", 0, func(it *Interp, s string, a []Value) Value { return s })
	str("valueOf", 0, func(it *Interp, s string, a []Value) Value { return s })
	str("charAt", 1, func(it *Interp, s string, a []Value) Value {
		v := charAt(s, it.argInt(a, 0, 0))
		if v == Undefined {
			return ""
		}
		return v
	})
	str("at", 1, func(it *Interp, s string, a []Value) Value {
		r := []rune(s)
		i := it.argInt(a, 0, 0)
		if i < 0 {
			i += len(r)
		}
		if i < 0 || i >= len(r) {
			return Undefined
		}
		return string(r[i])
	})
	str("charCodeAt", 1, func(it *Interp, s string, a []Value) Value {
		u := utf16Units(s)
		i := it.argInt(a, 0, 0)
		if i < 0 || i >= len(u) {
			return math.NaN()
		}
		return float64(u[i])
	})
	str("codePointAt", 1, func(it *Interp, s string, a []Value) Value {
		r := []rune(s)
		i := it.argInt(a, 0, 0)
		if i < 0 || i >= len(r) {
			return Undefined
		}
		return float64(r[i])
	})
	str("indexOf", 1, func(it *Interp, s string, a []Value) Value {
		return float64(runeIndex(s, strings.Index(s, it.toString(arg(a, 0)))))
	})
	str("lastIndexOf", 1, func(it *Interp, s string, a []Value) Value {
		return float64(runeIndex(s, strings.LastIndex(s, it.toString(arg(a, 0)))))
	})
	str("includes", 1, func(it *Interp, s string, a []Value) Value {
		return strings.Contains(s, it.toString(arg(a, 0)))
	})
	str("startsWith", 1, func(it *Interp, s string, a []Value) Value {
		return strings.HasPrefix(s, it.toString(arg(a, 0)))
	})
	str("endsWith", 1, func(it *Interp, s string, a []Value) Value {
		return strings.HasSuffix(s, it.toString(arg(a, 0)))
	})
	substr := func(s string, from, to int) string {
		r := []rune(s)
		if from > len(r) {
			from = len(r)
		}
		if to > len(r) {
			to = len(r)
		}
		if to < from {
			return ""
		}
		return string(r[from:to])
	}
	str("slice", 2, func(it *Interp, s string, a []Value) Value {
		n := utf8.RuneCountInString(s)
		return substr(s, relIndex(it.argNum(a, 0, 0), n), relIndex(it.argNum(a, 1, float64(n)), n))
	})
	str("substring", 2, func(it *Interp, s string, a []Value) Value {
		n := utf8.RuneCountInString(s)
		clamp := func(f float64) int { return int(math.Max(0, math.Min(toIntegerOrInfinity(f), float64(n)))) }
		x, y := clamp(it.argNum(a, 0, 0)), clamp(it.argNum(a, 1, float64(n)))
		if x > y {
			x, y = y, x
		}
		return substr(s, x, y)
	})
	str("substr", 2, func(it *Interp, s string, a []Value) Value {
		n := utf8.RuneCountInString(s)
		st := relIndex(it.argNum(a, 0, 0), n)
		l := min(it.argInt(a, 1, float64(n-st)), n-st)
		return substr(s, st, st+l)
	})
	str("toUpperCase", 0, func(it *Interp, s string, a []Value) Value { return strings.ToUpper(s) })
	str("toLowerCase", 0, func(it *Interp, s string, a []Value) Value { return strings.ToLower(s) })
	str("toLocaleUpperCase", 0, func(it *Interp, s string, a []Value) Value { return strings.ToUpper(s) })
	str("toLocaleLowerCase", 0, func(it *Interp, s string, a []Value) Value { return strings.ToLower(s) })
	str("trim", 0, func(it *Interp, s string, a []Value) Value { return strings.TrimSpace(s) })
	str("trimStart", 0, func(it *Interp, s string, a []Value) Value { return strings.TrimLeft(s, " \t\n\r\v\f") })
	str("trimEnd", 0, func(it *Interp, s string, a []Value) Value { return strings.TrimRight(s, " \t\n\r\v\f") })
	str("repeat", 1, func(it *Interp, s string, a []Value) Value {
		n := toIntegerOrInfinity(it.argNum(a, 0, 0))
		if n < 0 || math.IsInf(n, 0) {
			it.throwError("RangeError", "Invalid count value: %s", numberToString(n))
		}
		if s == "" || n == 0 {
			return ""
		}
		if float64(len(s))*n > maxStringLength {
			it.throwError("RangeError", "Invalid string length")
		}
		return strings.Repeat(s, int(n))
	})
	pad := func(start bool) func(it *Interp, s string, a []Value) Value {
		return func(it *Interp, s string, a []Value) Value {
			n := toLength(it.argNum(a, 0, 0))
			if n > maxStringLength {
				it.throwError("RangeError", "Invalid string length")
			}
			fill := " "
			if arg(a, 1) != Undefined {
				fill = it.toString(a[1])
			}
			l := utf8.RuneCountInString(s)
			if n <= l || fill == "" {
				return s
			}
			var sb strings.Builder
			for utf8.RuneCountInString(sb.String()) < n-l {
				sb.WriteString(fill)
			}
			p := []rune(sb.String())[:n-l]
			if start {
				return string(p) + s
			}
			return s + string(p)
		}
	}
	str("padStart", 2, pad(true))
	str("padEnd", 2, pad(false))
	str("concat", 1, func(it *Interp, s string, a []Value) Value {
		for _, x := range a {
			s += it.toString(x)
		}
		return s
	})
	str("localeCompare", 1, func(it *Interp, s string, a []Value) Value {
		return float64(strings.Compare(s, it.toString(arg(a, 0))))
	})
	str("normalize", 0, func(it *Interp, s string, a []Value) Value { return s })
	str("split", 2, func(it *Interp, s string, a []Value) Value {
		if arg(a, 0) == Undefined {
			return it.newArray([]Value{s})
		}
		if re, ok := arg(a, 0).(*Object); ok && re.class == "RegExp" {
			return it.regexSplit(re, s)
		}
		sep := it.toString(arg(a, 0))
		var parts []string
		if sep == "" {
			for _, r := range s {
				parts = append(parts, string(r))
			}
		} else {
			parts = strings.Split(s, sep)
		}
		if lim := arg(a, 1); lim != Undefined {
			if n := int(toUint32(it.toNumber(lim))); n < len(parts) {
				parts = parts[:n]
			}
		}
		out := make([]Value, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return it.newArray(out)
	})
	replace := func(all bool) func(it *Interp, s string, a []Value) Value {
		return func(it *Interp, s string, a []Value) Value {
			if re, ok := arg(a, 0).(*Object); ok && re.class == "RegExp" {
				return it.regexReplace(re, s, arg(a, 1), all)
			}
			pat := it.toString(arg(a, 0))
			rep := arg(a, 1)
			var sb strings.Builder
			rest := s
			offset := 0
			for {
				i := strings.Index(rest, pat)
				if i < 0 {
					break
				}
				sb.WriteString(rest[:i])
				if fn, ok := rep.(*Object); ok && fn.fn != nil {
					sb.WriteString(it.toString(it.callObj(fn, Undefined, []Value{pat, float64(offset + i), s})))
				} else {
					sb.WriteString(strings.ReplaceAll(it.toString(rep), "$&", pat))
				}
				rest = rest[i+len(pat):]
				offset += i + len(pat)
				if !all || pat == "" {
					break
				}
			}
			sb.WriteString(rest)
			return sb.String()
		}
	}
	str("replace", 2, replace(false))
	str("replaceAll", 2, replace(true))
	str("match", 1, func(it *Interp, s string, a []Value) Value {
		re, ok := arg(a, 0).(*Object)
		if !ok || re.class != "RegExp" {
			re = it.newRegExp("/" + regexpQuote(it.toString(arg(a, 0))) + "/")
		}
		return it.regexMatch(re, s)
	})
	str("search", 1, func(it *Interp, s string, a []Value) Value {
		re, ok := arg(a, 0).(*Object)
		if !ok || re.class != "RegExp" {
			re = it.newRegExp("/" + regexpQuote(it.toString(arg(a, 0))) + "/")
		}
		return it.regexSearch(re, s)
	})
	it.symMethod(sp, SymIterator, "[Symbol.iterator]", func(it *Interp, this Value, a []Value) Value {
		var vals []Value
		for _, r := range it.thisStr(this) {
			vals = append(vals, string(r))
		}
		return it.arrayIterator(it.newArray(vals), "values")
	})
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

func runeIndex(s string, byteIdx int) int {
	if byteIdx < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:byteIdx])
}

func (it *Interp) setupNumberMath() {
	np := it.NumberProto
	np.class = "Number"
	np.internal = 0.0
	numCtor := it.ctor("Number", 1, np, func(it *Interp, this Value, a []Value) Value {
		if len(a) == 0 {
			return 0.0
		}
		n := it.toNumeric(a[0])
		if b, ok := n.(*big.Int); ok {
			f, _ := new(big.Float).SetInt(b).Float64()
			return f
		}
		return n
	}, func(it *Interp, a []Value, nt *Object) Value {
		n := 0.0
		if len(a) > 0 {
			n = it.toNumber(a[0])
		}
		return it.toObject(n)
	})
	numCtor.defineHidden(strKey("MAX_SAFE_INTEGER"), 9007199254740991.0)
	numCtor.defineHidden(strKey("MIN_SAFE_INTEGER"), -9007199254740991.0)
	numCtor.defineHidden(strKey("EPSILON"), math.Nextafter(1, 2)-1)
	numCtor.defineHidden(strKey("MAX_VALUE"), math.MaxFloat64)
	numCtor.defineHidden(strKey("MIN_VALUE"), 5e-324)
	numCtor.defineHidden(strKey("POSITIVE_INFINITY"), math.Inf(1))
	numCtor.defineHidden(strKey("NEGATIVE_INFINITY"), math.Inf(-1))
	numCtor.defineHidden(strKey("NaN"), math.NaN())
	isInt := func(v Value) bool {
		f, ok := v.(float64)
		return ok && !math.IsInf(f, 0) && f == math.Trunc(f)
	}
	it.method(numCtor, "isInteger", 1, func(it *Interp, this Value, a []Value) Value { return isInt(arg(a, 0)) })
	it.method(numCtor, "isSafeInteger", 1, func(it *Interp, this Value, a []Value) Value {
		f, _ := arg(a, 0).(float64)
		return isInt(arg(a, 0)) && math.Abs(f) <= 9007199254740991
	})
	it.method(numCtor, "isFinite", 1, func(it *Interp, this Value, a []Value) Value {
		f, ok := arg(a, 0).(float64)
		return ok && !math.IsInf(f, 0) && !math.IsNaN(f)
	})
	it.method(numCtor, "isNaN", 1, func(it *Interp, this Value, a []Value) Value {
		f, ok := arg(a, 0).(float64)
		return ok && math.IsNaN(f)
	})
	parseFloatFn := it.NativeFunc("parseFloat", 1, func(it *Interp, this Value, a []Value) Value {
		s := strings.TrimSpace(it.toString(arg(a, 0)))
		end := 0
		for end < len(s) && strings.ContainsRune("0123456789.eE+-", rune(s[end])) {
			end++
		}
		for end > 0 {
			if f, err := strconv.ParseFloat(s[:end], 64); err == nil {
				return f
			}
			end--
		}
		if strings.HasPrefix(s, "Infinity") {
			return math.Inf(1)
		}
		return math.NaN()
	})
	parseIntFn := it.NativeFunc("parseInt", 2, func(it *Interp, this Value, a []Value) Value {
		s := strings.TrimSpace(it.toString(arg(a, 0)))
		radix := int(toInt32(it.argNum(a, 1, 0)))
		neg := false
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			neg = s[0] == '-'
			s = s[1:]
		}
		if (radix == 0 || radix == 16) && (strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")) {
			s = s[2:]
			radix = 16
		}
		if radix == 0 {
			radix = 10
		}
		end := 0
		for end < len(s) {
			d := digitVal(s[end])
			if d < 0 || d >= radix {
				break
			}
			end++
		}
		if end == 0 {
			return math.NaN()
		}
		n := 0.0
		for _, c := range []byte(s[:end]) {
			n = n*float64(radix) + float64(digitVal(c))
		}
		if neg {
			n = -n
		}
		return n
	})
	numCtor.defineHidden(strKey("parseFloat"), parseFloatFn)
	numCtor.defineHidden(strKey("parseInt"), parseIntFn)
	it.defineGlobal("parseFloat", parseFloatFn)
	it.defineGlobal("parseInt", parseIntFn)
	it.defineGlobal("isNaN", it.NativeFunc("isNaN", 1, func(it *Interp, this Value, a []Value) Value {
		return math.IsNaN(it.toNumber(arg(a, 0)))
	}))
	it.defineGlobal("isFinite", it.NativeFunc("isFinite", 1, func(it *Interp, this Value, a []Value) Value {
		f := it.toNumber(arg(a, 0))
		return !math.IsNaN(f) && !math.IsInf(f, 0)
	}))
	it.method(np, "toString", 1, func(it *Interp, this Value, a []Value) Value {
		f := it.thisNum(this)
		r := it.radix(a)
		if r == 10 {
			return numberToString(f)
		}
		if f == math.Trunc(f) && !math.IsInf(f, 0) {
			return strconv.FormatInt(int64(f), r)
		}
		return numberToString(f)
	})
	it.method(np, "toFixed", 1, func(it *Interp, this Value, a []Value) Value {
		f := it.thisNum(this)
		if math.Abs(f) >= 1e21 || math.IsNaN(f) {
			return numberToString(f)
		}
		d := it.digits(a, 0, "toFixed() digits")
		return strconv.FormatFloat(roundHalfUp(f, d), 'f', d, 64)
	})
	it.method(np, "toPrecision", 1, func(it *Interp, this Value, a []Value) Value {
		f := it.thisNum(this)
		if arg(a, 0) == Undefined {
			return numberToString(f)
		}
		return strconv.FormatFloat(f, 'g', it.digits(a, 1, "toPrecision() argument"), 64)
	})
	it.method(np, "valueOf", 0, func(it *Interp, this Value, a []Value) Value { return it.thisNum(this) })
	it.method(np, "toExponential", 1, func(it *Interp, this Value, a []Value) Value {
		f := it.thisNum(this)
		prec := -1
		if arg(a, 0) != Undefined {
			prec = it.digits(a, 0, "toExponential() argument")
		}
		s := strconv.FormatFloat(f, 'e', prec, 64)
		mant, exp, _ := strings.Cut(s, "e")
		e, _ := strconv.Atoi(exp)
		sign := "+"
		if e < 0 {
			sign = "-"
			e = -e
		}
		return mant + "e" + sign + strconv.Itoa(e)
	})
	it.method(np, "toLocaleString", 0, func(it *Interp, this Value, a []Value) Value {
		return localeNumber(it.thisNum(this))
	})

	bp := it.BoolProto
	bp.class = "Boolean"
	bp.internal = false
	it.ctor("Boolean", 1, bp, func(it *Interp, this Value, a []Value) Value {
		return toBool(arg(a, 0))
	}, func(it *Interp, a []Value, nt *Object) Value {
		return it.toObject(toBool(arg(a, 0)))
	})
	it.method(bp, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		if o, ok := this.(*Object); ok {
			return it.toString(o.internal)
		}
		return it.toString(this)
	})
	it.method(bp, "valueOf", 0, func(it *Interp, this Value, a []Value) Value {
		if o, ok := this.(*Object); ok {
			return o.internal
		}
		return this
	})

	bip := it.BigIntProto
	bigCtor := it.ctor("BigInt", 1, bip, func(it *Interp, this Value, a []Value) Value {
		switch x := arg(a, 0).(type) {
		case float64:
			if x != math.Trunc(x) {
				it.throwError("RangeError", "The number %s cannot be converted to a BigInt because it is not an integer", numberToString(x))
			}
			b, _ := big.NewFloat(x).Int(nil)
			return b
		case string:
			b, ok := new(big.Int).SetString(strings.TrimSpace(x), 0)
			if !ok {
				it.throwError("SyntaxError", "Cannot convert %s to a BigInt", x)
			}
			return b
		case bool:
			return big.NewInt(int64(boolNum(x)))
		case *big.Int:
			return x
		}
		it.throwError("TypeError", "Cannot convert %s to a BigInt", it.toString(arg(a, 0)))
		return nil
	}, nil)
	_ = bigCtor
	it.method(bip, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		if b, ok := this.(*big.Int); ok {
			return b.Text(it.radix(a))
		}
		return it.toString(this)
	})
	it.method(bip, "valueOf", 0, func(it *Interp, this Value, a []Value) Value { return this })
	it.method(bip, "toLocaleString", 0, func(it *Interp, this Value, a []Value) Value { return it.toString(this) })

	m := it.NewPlain()
	m.defineHidden(PropKey{Sym: SymToStringTag}, "Math")
	it.defineGlobal("Math", m)
	for name, v := range map[string]float64{"PI": math.Pi, "E": math.E, "LN2": math.Ln2, "LN10": math.Ln10, "LOG2E": math.Log2E, "LOG10E": math.Log10E, "SQRT2": math.Sqrt2, "SQRT1_2": math.Sqrt2 / 2} {
		m.defineHidden(strKey(name), v)
	}
	fn1 := map[string]func(float64) float64{
		"abs": math.Abs, "floor": math.Floor, "ceil": math.Ceil, "sqrt": math.Sqrt, "cbrt": math.Cbrt,
		"trunc": math.Trunc, "sin": math.Sin, "cos": math.Cos, "tan": math.Tan, "atan": math.Atan,
		"asin": math.Asin, "acos": math.Acos, "log": math.Log, "log2": math.Log2, "log10": math.Log10,
		"exp": math.Exp, "log1p": math.Log1p, "expm1": math.Expm1, "sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
		"sign": func(x float64) float64 {
			switch {
			case x > 0:
				return 1
			case x < 0:
				return -1
			}
			return x
		},
		"round": func(x float64) float64 {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return x
			}
			return math.Floor(x + 0.5)
		},
		"fround": func(x float64) float64 { return float64(float32(x)) },
	}
	names := make([]string, 0, len(fn1))
	for k := range fn1 {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		f := fn1[name]
		it.method(m, name, 1, func(it *Interp, this Value, a []Value) Value { return f(it.argNum(a, 0, math.NaN())) })
	}
	it.method(m, "atan2", 2, func(it *Interp, this Value, a []Value) Value {
		return math.Atan2(it.argNum(a, 0, math.NaN()), it.argNum(a, 1, math.NaN()))
	})
	it.method(m, "pow", 2, func(it *Interp, this Value, a []Value) Value {
		return it.arith(jsExp, it.argNum(a, 0, math.NaN()), it.argNum(a, 1, math.NaN()))
	})
	it.method(m, "hypot", 2, func(it *Interp, this Value, a []Value) Value {
		s := 0.0
		for _, x := range a {
			f := it.toNumber(x)
			s += f * f
		}
		return math.Sqrt(s)
	})
	minmax := func(isMax bool) nativeFn {
		return func(it *Interp, this Value, a []Value) Value {
			r := math.Inf(1)
			if isMax {
				r = math.Inf(-1)
			}
			for _, x := range a {
				f := it.toNumber(x)
				if math.IsNaN(f) {
					return math.NaN()
				}
				if (isMax && f > r) || (!isMax && f < r) {
					r = f
				}
			}
			return r
		}
	}
	it.method(m, "max", 2, minmax(true))
	it.method(m, "min", 2, minmax(false))
	it.method(m, "random", 0, func(it *Interp, this Value, a []Value) Value {
		it.addUnknown(it.callOffset(), "Math.random", "Math.random() is modelled as a fixed value 0.5: output that depends on it may differ")
		return 0.5
	})
}

func roundHalfUp(f float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	r := math.Round(f*p) / p
	return r
}

func localeNumber(f float64) string {
	if f != math.Trunc(f) || math.Abs(f) >= 1e21 {
		s := strconv.FormatFloat(f, 'f', 3, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		ip, fp, _ := strings.Cut(s, ".")
		out := localeNumber(mustAtof(ip))
		if fp != "" {
			out += "." + fp
		}
		return out
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', 0, 64)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	if f < 0 {
		return "-" + sb.String()
	}
	return sb.String()
}

func mustAtof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

func (it *Interp) setupErrors() {
	ep := it.ErrorProto
	ep.defineHidden(strKey("name"), "Error")
	ep.defineHidden(strKey("message"), "")
	it.method(ep, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		name := it.toString(it.getV(this, strKey("name")))
		msg := it.toString(it.getV(this, strKey("message")))
		if msg == "" {
			return name
		}
		if name == "" {
			return msg
		}
		return name + ": " + msg
	})
	mk := func(name string, proto *Object, parent *Object) *Object {
		var c *Object
		construct := func(it *Interp, a []Value, nt *Object) Value {
			p := proto
			if nt != nil {
				if pp, ok := it.getV(nt, strKey("prototype")).(*Object); ok {
					p = pp
				}
			}
			o := &Object{proto: p, class: "Error", extensible: true}
			idx := 0
			if name == "AggregateError" {
				o.defineHidden(strKey("errors"), it.newArray(it.iterateToSlice(arg(a, 0))))
				idx = 1
			}
			if m := arg(a, idx); m != Undefined {
				o.defineHidden(strKey("message"), it.toString(m))
			}
			if opts, ok := arg(a, idx+1).(*Object); ok && it.hasProperty(opts, strKey("cause")) {
				o.defineHidden(strKey("cause"), it.getV(opts, strKey("cause")))
			}
			ename := name
			if n, ok := it.getV(o, strKey("name")).(string); ok {
				ename = n
			}
			msg := it.toString(it.getV(o, strKey("message")))
			head := ename
			if msg != "" {
				head += ": " + msg
			}
			o.defineHidden(strKey("stack"), head+"\n    at <anonymous>")
			return o
		}
		c = it.ctor(name, 1, proto, func(it *Interp, this Value, a []Value) Value {
			return construct(it, a, nil)
		}, construct)
		if parent != nil {
			c.proto = parent
		}
		proto.defineHidden(strKey("name"), name)
		if proto != ep {
			proto.defineHidden(strKey("message"), "")
		}
		it.errorCtors[name] = c
		return c
	}
	base := mk("Error", ep, nil)
	it.method(base, "captureStackTrace", 1, func(it *Interp, this Value, a []Value) Value {
		if o, ok := arg(a, 0).(*Object); ok {
			o.defineHidden(strKey("stack"), it.toString(it.getV(o, strKey("name")))+"\n    at <anonymous>")
		}
		return Undefined
	})
	for _, n := range []string{"TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"} {
		p := it.newObject(ep)
		mk(n, p, base)
	}
}

func (it *Interp) setupSymbol() {
	sp := it.SymbolProto
	symCtor := it.ctor("Symbol", 0, sp, func(it *Interp, this Value, a []Value) Value {
		d := ""
		if arg(a, 0) != Undefined {
			d = it.toString(a[0])
		}
		return &Symbol{Description: d}
	}, nil)
	symCtor.fn.nativeCtor = nil
	for name, s := range map[string]*Symbol{"iterator": SymIterator, "asyncIterator": SymAsyncIterator, "hasInstance": SymHasInstance, "toStringTag": SymToStringTag, "toPrimitive": SymToPrimitive, "species": SymSpecies} {
		symCtor.defineHidden(strKey(name), s)
	}
	it.method(symCtor, "for", 1, func(it *Interp, this Value, a []Value) Value {
		k := it.toString(arg(a, 0))
		if k == "nodejs.util.inspect.custom" {
			return symInspect
		}
		if s, ok := it.symRegistry[k]; ok {
			return s
		}
		s := &Symbol{Description: k}
		it.symRegistry[k] = s
		return s
	})
	it.method(sp, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		if s, ok := this.(*Symbol); ok {
			return "Symbol(" + s.Description + ")"
		}
		return "Symbol()"
	})
}

func (it *Interp) setupJSON() {
	j := it.NewPlain()
	j.defineHidden(PropKey{Sym: SymToStringTag}, "JSON")
	it.defineGlobal("JSON", j)
	it.method(j, "stringify", 3, func(it *Interp, this Value, a []Value) Value {
		indent := ""
		switch x := arg(a, 2).(type) {
		case float64:
			indent = strings.Repeat(" ", int(math.Max(0, math.Min(10, toIntegerOrInfinity(x)))))
		case string:
			indent = x
		}
		s, ok := it.jsonStringify(arg(a, 0), arg(a, 1), indent)
		if !ok {
			return Undefined
		}
		return s
	})
	it.method(j, "parse", 2, func(it *Interp, this Value, a []Value) Value {
		return it.jsonParse(it.toString(arg(a, 0)))
	})
}

func (it *Interp) jsonStringify(v Value, replacer Value, indent string) (string, bool) {
	var sb strings.Builder
	var seen []*Object
	repFn, _ := replacer.(*Object)
	if repFn != nil && repFn.fn == nil {
		repFn = nil
	}
	var write func(holder Value, key string, v Value, cur string) bool
	write = func(holder Value, key string, v Value, cur string) bool {
		if o, ok := v.(*Object); ok {
			if tj := it.getV(o, strKey("toJSON")); !isNullish(tj) {
				v = it.call(tj, o, []Value{key})
			}
		}
		if repFn != nil {
			v = it.callObj(repFn, holder, []Value{key, v})
		}
		switch x := v.(type) {
		case nullType:
			sb.WriteString("null")
		case bool:
			sb.WriteString(it.toString(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				sb.WriteString("null")
			} else {
				sb.WriteString(numberToString(x))
			}
		case string:
			sb.WriteString(jsonQuote(x))
		case *big.Int:
			it.throwError("TypeError", "Do not know how to serialize a BigInt")
		case *Object:
			if x.fn != nil {
				return false
			}
			switch x.class {
			case "Number", "String", "Boolean":
				return write(holder, key, x.internal, cur)
			}
			for _, s := range seen {
				if s == x {
					it.throwError("TypeError", "Converting circular structure to JSON")
				}
			}
			seen = append(seen, x)
			defer func() { seen = seen[:len(seen)-1] }()
			inner := cur + indent
			nl, sep := "", ":"
			if indent != "" {
				nl = "\n" + inner
				sep = ": "
			}
			if x.isArray() {
				if len(x.arr) == 0 {
					sb.WriteString("[]")
					return true
				}
				sb.WriteString("[")
				for i, e := range x.arr {
					if i > 0 {
						sb.WriteString(",")
					}
					sb.WriteString(nl)
					if !write(x, strconv.Itoa(i), e, inner) {
						sb.WriteString("null")
					}
				}
				if indent != "" {
					sb.WriteString("\n" + cur)
				}
				sb.WriteString("]")
				return true
			}
			sb.WriteString("{")
			n := 0
			for _, k := range x.ownKeys(false) {
				if !x.isEnumerableOwn(k) {
					continue
				}
				pv := it.getV(x, k)
				mark := sb.Len()
				if n > 0 {
					sb.WriteString(",")
				}
				sb.WriteString(nl)
				sb.WriteString(jsonQuote(k.S))
				sb.WriteString(sep)
				if !write(x, k.S, pv, inner) {
					s := sb.String()[:mark]
					sb.Reset()
					sb.WriteString(s)
					continue
				}
				n++
			}
			if n > 0 && indent != "" {
				sb.WriteString("\n" + cur)
			}
			sb.WriteString("}")
		default:
			return false
		}
		return true
	}
	root := it.NewPlain()
	ok := write(root, "", v, "")
	return sb.String(), ok
}

func jsonQuote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		default:
			if r < 0x20 {
				sb.WriteString(`\u00`)
				sb.WriteString(strconv.FormatInt(int64(r)>>4, 16))
				sb.WriteString(strconv.FormatInt(int64(r)&15, 16))
			} else {
				sb.WriteRune(r)
			}
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
