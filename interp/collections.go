package interp

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
)

type mapEntry struct {
	key, val Value
	deleted  bool
}

type mapState struct {
	list  []*mapEntry
	index map[any]*mapEntry
}

func mapKey(v Value) any {
	switch x := v.(type) {
	case float64:
		if x == 0 {
			return 0.0
		}
		if math.IsNaN(x) {
			return "NaN\x00"
		}
		return x
	case *big.Int:
		return "big:" + x.String()
	case string:
		return "s:" + x
	}
	return v
}

func (m *mapState) get(k Value) (*mapEntry, bool) {
	e, ok := m.index[mapKey(k)]
	return e, ok
}

func (m *mapState) set(k, v Value) {
	if e, ok := m.get(k); ok {
		e.val = v
		return
	}
	if f, ok := k.(float64); ok && f == 0 {
		k = 0.0
	}
	e := &mapEntry{key: k, val: v}
	m.list = append(m.list, e)
	m.index[mapKey(k)] = e
}

func (m *mapState) del(k Value) bool {
	e, ok := m.get(k)
	if !ok {
		return false
	}
	e.deleted = true
	delete(m.index, mapKey(k))
	return true
}

func (m *mapState) size() int { return len(m.index) }

func (m *mapState) entries() []*mapEntry {
	var out []*mapEntry
	for _, e := range m.list {
		if !e.deleted {
			out = append(out, e)
		}
	}
	return out
}

type mapIterState struct {
	m    *mapState
	i    int
	kind string
}

func (it *Interp) setupCollections() {
	iterProto := it.newObject(it.IteratorProto)
	it.method(iterProto, "next", 0, func(it *Interp, this Value, a []Value) Value {
		o, _ := this.(*Object)
		st, ok := o.internal.(*mapIterState)
		if !ok {
			it.throwError("TypeError", "next method called on incompatible receiver")
		}
		for st.i < len(st.m.list) {
			e := st.m.list[st.i]
			st.i++
			if e.deleted {
				continue
			}
			switch st.kind {
			case "keys":
				return it.iterResult(e.key, false)
			case "values":
				return it.iterResult(e.val, false)
			}
			return it.iterResult(it.newArray([]Value{e.key, e.val}), false)
		}
		return it.iterResult(Undefined, true)
	})
	for _, kind := range []string{"Map", "Set", "WeakMap", "WeakSet"} {
		kind := kind
		class := strings.TrimPrefix(kind, "Weak")
		proto := it.NewPlain()
		proto.defineHidden(PropKey{Sym: SymToStringTag}, kind)
		construct := func(it *Interp, a []Value, nt *Object) Value {
			if nt == nil {
				it.throwError("TypeError", "Constructor %s requires 'new'", kind)
			}
			p := proto
			if pp, ok := it.getV(nt, strKey("prototype")).(*Object); ok {
				p = pp
			}
			o := &Object{proto: p, class: class, internal: &mapState{index: map[any]*mapEntry{}}, extensible: true}
			if kind == "WeakMap" || kind == "WeakSet" {
				o.class = kind
			}
			if !isNullish(arg(a, 0)) {
				ms := o.internal.(*mapState)
				it.iterate(a[0], func(v Value) bool {
					if class == "Map" {
						ms.set(it.getV(v, strKey("0")), it.getV(v, strKey("1")))
					} else {
						ms.set(v, v)
					}
					return true
				})
			}
			return o
		}
		it.ctor(kind, 0, proto, nil, construct)
		state := func(this Value) *mapState {
			if o, ok := this.(*Object); ok {
				if ms, ok := o.internal.(*mapState); ok {
					return ms
				}
			}
			it.throwError("TypeError", "Method %s called on incompatible receiver", kind)
			return nil
		}
		it.method(proto, "has", 1, func(it *Interp, this Value, a []Value) Value {
			_, ok := state(this).get(arg(a, 0))
			return ok
		})
		it.method(proto, "delete", 1, func(it *Interp, this Value, a []Value) Value {
			return state(this).del(arg(a, 0))
		})
		if class == "Map" {
			it.method(proto, "get", 1, func(it *Interp, this Value, a []Value) Value {
				if e, ok := state(this).get(arg(a, 0)); ok {
					return e.val
				}
				return Undefined
			})
			it.method(proto, "set", 2, func(it *Interp, this Value, a []Value) Value {
				state(this).set(arg(a, 0), arg(a, 1))
				return this
			})
		} else {
			it.method(proto, "add", 1, func(it *Interp, this Value, a []Value) Value {
				state(this).set(arg(a, 0), arg(a, 0))
				return this
			})
		}
		if strings.HasPrefix(kind, "Weak") {
			continue
		}
		it.method(proto, "clear", 0, func(it *Interp, this Value, a []Value) Value {
			ms := state(this)
			for _, e := range ms.list {
				e.deleted = true
			}
			ms.index = map[any]*mapEntry{}
			return Undefined
		})
		proto.defineAccessor(strKey("size"), it.NativeFunc("get size", 0, func(it *Interp, this Value, a []Value) Value {
			return float64(state(this).size())
		}), nil, false)
		it.method(proto, "forEach", 1, func(it *Interp, this Value, a []Value) Value {
			fn := it.callable(arg(a, 0), "callback")
			ms := state(this)
			for i := 0; i < len(ms.list); i++ {
				e := ms.list[i]
				if !e.deleted {
					it.callObj(fn, arg(a, 1), []Value{e.val, e.key, this})
				}
			}
			return Undefined
		})
		mkIter := func(k string) nativeFn {
			return func(it *Interp, this Value, a []Value) Value {
				return &Object{proto: iterProto, class: kind + " Iterator", internal: &mapIterState{m: state(this), kind: k}, extensible: true}
			}
		}
		it.method(proto, "keys", 0, mkIter("keys"))
		values := it.method(proto, "values", 0, mkIter("values"))
		entries := it.method(proto, "entries", 0, mkIter("entries"))
		if class == "Map" {
			proto.defineHidden(PropKey{Sym: SymIterator}, entries)
		} else {
			proto.defineHidden(PropKey{Sym: SymIterator}, values)
		}
	}
}

// ---- JSON.parse ----

func (it *Interp) jsonParse(s string) Value {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		it.addUnknown(it.callOffset(), "JSON.parse error message", "JSON.parse error messages differ between V8 versions and are not reproduced")
		it.throwError("SyntaxError", "Unexpected token in JSON at position 0")
	}
	var conv func(x any) Value
	conv = func(x any) Value {
		switch y := x.(type) {
		case nil:
			return Null
		case bool:
			return y
		case json.Number:
			f, _ := strconv.ParseFloat(string(y), 64)
			return f
		case string:
			return y
		case []any:
			vals := make([]Value, len(y))
			for i, e := range y {
				vals[i] = conv(e)
			}
			return it.newArray(vals)
		case map[string]any:
			o := it.NewPlain()
			for _, k := range jsonKeyOrder(s, y) {
				o.setOwn(strKey(k), conv(y[k]))
			}
			return o
		}
		return Undefined
	}
	return conv(raw)
}

// jsonKeyOrder recovers source order of object keys (Go maps lose it).
func jsonKeyOrder(src string, m map[string]any) []string {
	type kp struct {
		k string
		p int
	}
	var ks []kp
	for k := range m {
		p := strings.Index(src, strconv.Quote(k))
		ks = append(ks, kp{k, p})
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].p < ks[j-1].p; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.k
	}
	return out
}

// ---- RegExp (via Go's regexp, which covers the common subset) ----

type regexpState struct {
	source string
	re     *regexp.Regexp
	global bool
}

func regexpQuote(s string) string { return regexp.QuoteMeta(s) }

func (it *Interp) newRegExp(lit string) *Object {
	end := strings.LastIndexByte(lit, '/')
	pattern, flags := lit[1:end], lit[end+1:]
	goPat := pattern
	prefix := ""
	if strings.Contains(flags, "i") {
		prefix += "i"
	}
	if strings.Contains(flags, "m") {
		prefix += "m"
	}
	if strings.Contains(flags, "s") {
		prefix += "s"
	}
	if prefix != "" {
		goPat = "(?" + prefix + ")" + goPat
	}
	goPat = strings.ReplaceAll(goPat, "(?<", "(?P<")
	goPat = strings.ReplaceAll(goPat, "(?P<=", "(?<=")
	goPat = strings.ReplaceAll(goPat, "(?P<!", "(?<!")
	re, err := regexp.Compile(goPat)
	if err != nil {
		it.addUnknown(it.callOffset(), "regexp", fmt.Sprintf("regular expression %s is not supported (%v)", lit, err))
		re = regexp.MustCompile(`\x00\x01never`)
	}
	o := &Object{proto: it.regexpProto, class: "RegExp", internal: &regexpState{source: lit, re: re, global: strings.Contains(flags, "g")}, extensible: true}
	o.defineHidden(strKey("lastIndex"), 0.0)
	return o
}

func (it *Interp) regexMatch(re *Object, s string) Value {
	st := re.internal.(*regexpState)
	if st.global {
		ms := st.re.FindAllString(s, -1)
		if ms == nil {
			return Null
		}
		vals := make([]Value, len(ms))
		for i, m := range ms {
			vals[i] = m
		}
		return it.newArray(vals)
	}
	return it.regexExec(st, s)
}

func (it *Interp) regexExec(st *regexpState, s string) Value {
	idx := st.re.FindStringSubmatchIndex(s)
	if idx == nil {
		return Null
	}
	var vals []Value
	for i := 0; i < len(idx); i += 2 {
		if idx[i] < 0 {
			vals = append(vals, Undefined)
		} else {
			vals = append(vals, s[idx[i]:idx[i+1]])
		}
	}
	arr := it.newArray(vals)
	arr.setOwn(strKey("index"), float64(runeIndex(s, idx[0])))
	arr.setOwn(strKey("input"), s)
	groups := Value(Undefined)
	if names := st.re.SubexpNames(); len(names) > 1 {
		g := it.newObject(nil)
		has := false
		for i, n := range names {
			if n != "" {
				g.setOwn(strKey(n), vals[i])
				has = true
			}
		}
		if has {
			groups = g
		}
	}
	arr.setOwn(strKey("groups"), groups)
	return arr
}

func (it *Interp) regexSearch(re *Object, s string) Value {
	loc := re.internal.(*regexpState).re.FindStringIndex(s)
	if loc == nil {
		return -1.0
	}
	return float64(runeIndex(s, loc[0]))
}

func (it *Interp) regexSplit(re *Object, s string) Value {
	parts := re.internal.(*regexpState).re.Split(s, -1)
	vals := make([]Value, len(parts))
	for i, p := range parts {
		vals[i] = p
	}
	return it.newArray(vals)
}

func (it *Interp) regexReplace(re *Object, s string, rep Value, all bool) Value {
	st := re.internal.(*regexpState)
	n := 1
	if st.global || all {
		n = -1
	}
	var sb strings.Builder
	last := 0
	for _, m := range st.re.FindAllStringSubmatchIndex(s, n) {
		sb.WriteString(s[last:m[0]])
		if fn, ok := rep.(*Object); ok && fn.fn != nil {
			args := []Value{}
			for i := 0; i < len(m); i += 2 {
				if m[i] < 0 {
					args = append(args, Undefined)
				} else {
					args = append(args, s[m[i]:m[i+1]])
				}
			}
			args = append(args, float64(runeIndex(s, m[0])), s)
			sb.WriteString(it.toString(it.callObj(fn, Undefined, args)))
		} else {
			r := it.toString(rep)
			r = strings.ReplaceAll(r, "$&", "${0}")
			sb.WriteString(string(st.re.ExpandString(nil, r, s, m)))
		}
		last = m[1]
	}
	sb.WriteString(s[last:])
	return sb.String()
}

func (it *Interp) setupMisc() {
	rp := it.NewPlain()
	it.regexpProto = rp
	it.ctor("RegExp", 2, rp, func(it *Interp, this Value, a []Value) Value {
		return it.newRegExp("/" + it.toString(arg(a, 0)) + "/" + toStringOr(it, arg(a, 1), ""))
	}, func(it *Interp, a []Value, nt *Object) Value {
		return it.newRegExp("/" + it.toString(arg(a, 0)) + "/" + toStringOr(it, arg(a, 1), ""))
	})
	it.method(rp, "test", 1, func(it *Interp, this Value, a []Value) Value {
		st := this.(*Object).internal.(*regexpState)
		return st.re.MatchString(it.toString(arg(a, 0)))
	})
	it.method(rp, "exec", 1, func(it *Interp, this Value, a []Value) Value {
		st := this.(*Object).internal.(*regexpState)
		return it.regexExec(st, it.toString(arg(a, 0)))
	})
	it.method(rp, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		return this.(*Object).internal.(*regexpState).source
	})
	rp.defineAccessor(strKey("source"), it.NativeFunc("get source", 0, func(it *Interp, this Value, a []Value) Value {
		src := this.(*Object).internal.(*regexpState).source
		return src[1:strings.LastIndexByte(src, '/')]
	}), nil, false)

	// Date: only what timing code uses; the clock is the virtual one.
	dp := it.NewPlain()
	const epoch = 1.7e12
	dateNow := func(it *Interp) float64 {
		it.spendClockRead()
		return math.Floor(epoch + it.now())
	}
	dateCtor := it.ctor("Date", 7, dp, func(it *Interp, this Value, a []Value) Value {
		return time.UnixMilli(int64(dateNow(it))).UTC().Format("Mon Jan 02 2006 15:04:05 GMT+0000 (Coordinated Universal Time)")
	}, func(it *Interp, a []Value, nt *Object) Value {
		t := dateNow(it)
		if len(a) == 1 {
			switch x := a[0].(type) {
			case float64:
				t = x
			case string:
				if pt, err := time.Parse(time.RFC3339Nano, x); err == nil {
					t = float64(pt.UnixMilli())
				} else if pt, err := time.Parse("2006-01-02", x); err == nil {
					t = float64(pt.UnixMilli())
				} else {
					t = math.NaN()
				}
			}
		} else if len(a) > 1 {
			// MakeDay and MakeTime in float64 milliseconds: a field that is
			// NaN or infinite, or a date past ±8.64e15 ms, makes an invalid
			// date (and no field can overflow an int on the way).
			f := [7]float64{0, 0, 1}
			finite := true
			for i := range min(len(a), 7) {
				f[i] = it.argNum(a, i, f[i])
				finite = finite && !math.IsNaN(f[i]) && !math.IsInf(f[i], 0)
				f[i] = math.Trunc(f[i])
			}
			if f[0] >= 0 && f[0] <= 99 {
				f[0] += 1900 // new Date(99, 0) is in 1999
			}
			year, month := f[0]+math.Floor(f[1]/12), math.Mod(f[1], 12)
			if month < 0 {
				month += 12
			}
			t = math.NaN()
			if finite && math.Abs(year) <= 400_000 {
				day := float64(time.Date(int(year), time.Month(month+1), 1, 0, 0, 0, 0, time.UTC).UnixMilli())
				ms := day + (f[2]-1)*864e5 + f[3]*3.6e6 + f[4]*6e4 + f[5]*1e3 + f[6]
				if math.Abs(ms) <= 8.64e15 {
					t = ms
				}
			}
		} else {
			it.addUnknown(it.callOffset(), "new Date()", "the current date is modelled, not real: printed dates will differ")
		}
		return &Object{proto: dp, class: "Date", internal: t, extensible: true}
	})
	it.method(dateCtor, "now", 0, func(it *Interp, this Value, a []Value) Value { return dateNow(it) })
	dateVal := func(this Value) time.Time {
		o, _ := this.(*Object)
		f, _ := o.internal.(float64)
		return time.UnixMilli(int64(f)).UTC()
	}
	it.method(dp, "getTime", 0, func(it *Interp, this Value, a []Value) Value { return this.(*Object).internal })
	it.method(dp, "valueOf", 0, func(it *Interp, this Value, a []Value) Value { return this.(*Object).internal })
	it.method(dp, "toISOString", 0, func(it *Interp, this Value, a []Value) Value {
		return dateVal(this).Format("2006-01-02T15:04:05.000Z")
	})
	it.method(dp, "toJSON", 0, func(it *Interp, this Value, a []Value) Value {
		return dateVal(this).Format("2006-01-02T15:04:05.000Z")
	})
	for name, f := range map[string]func(t time.Time) int{
		"getFullYear": func(t time.Time) int { return t.Year() }, "getMonth": func(t time.Time) int { return int(t.Month()) - 1 },
		"getDate": func(t time.Time) int { return t.Day() }, "getDay": func(t time.Time) int { return int(t.Weekday()) },
		"getHours": func(t time.Time) int { return t.Hour() }, "getMinutes": func(t time.Time) int { return t.Minute() },
		"getSeconds": func(t time.Time) int { return t.Second() }, "getMilliseconds": func(t time.Time) int { return t.Nanosecond() / 1e6 },
	} {
		f := f
		it.method(dp, name, 0, func(it *Interp, this Value, a []Value) Value { return float64(f(dateVal(this))) })
	}
	it.method(dp, "toString", 0, func(it *Interp, this Value, a []Value) Value {
		return dateVal(this).Format("Mon Jan 02 2006 15:04:05 GMT+0000 (Coordinated Universal Time)")
	})

	reflect := it.NewPlain()
	reflect.defineHidden(PropKey{Sym: SymToStringTag}, "Reflect")
	it.defineGlobal("Reflect", reflect)
	target := func(v Value) *Object {
		o, ok := v.(*Object)
		if !ok {
			it.throwError("TypeError", "Reflect method called on non-object")
		}
		return o
	}
	it.method(reflect, "ownKeys", 1, func(it *Interp, this Value, a []Value) Value {
		o := target(arg(a, 0))
		var out []Value
		for _, k := range o.ownKeys(true) {
			if k.Sym != nil {
				out = append(out, k.Sym)
			} else {
				out = append(out, k.S)
			}
		}
		if o.isArray() {
			out = append(out, "length")
		}
		return it.newArray(out)
	})
	it.method(reflect, "get", 2, func(it *Interp, this Value, a []Value) Value {
		o := target(arg(a, 0))
		recv := Value(o)
		if len(a) > 2 {
			recv = a[2]
		}
		return it.getFrom(o, it.toPropKey(arg(a, 1)), recv)
	})
	it.method(reflect, "set", 3, func(it *Interp, this Value, a []Value) Value {
		it.putV(target(arg(a, 0)), it.toPropKey(arg(a, 1)), arg(a, 2))
		return true
	})
	it.method(reflect, "has", 2, func(it *Interp, this Value, a []Value) Value {
		return it.hasProperty(target(arg(a, 0)), it.toPropKey(arg(a, 1)))
	})
	it.method(reflect, "apply", 3, func(it *Interp, this Value, a []Value) Value {
		var list []Value
		if l, ok := arg(a, 2).(*Object); ok {
			list = it.arrayLike(l)
		}
		return it.call(arg(a, 0), arg(a, 1), list)
	})
	it.method(reflect, "construct", 2, func(it *Interp, this Value, a []Value) Value {
		c := target(arg(a, 0))
		nt := c
		if o, ok := arg(a, 2).(*Object); ok {
			nt = o
		}
		var list []Value
		if l, ok := arg(a, 1).(*Object); ok {
			list = it.arrayLike(l)
		}
		if c.fn == nil || !c.fn.constructible() {
			it.throwError("TypeError", "%s is not a constructor", it.inspect(c, inspectOpts{depth: 0}))
		}
		return it.construct(c, list, nt)
	})
	it.method(reflect, "getPrototypeOf", 1, func(it *Interp, this Value, a []Value) Value {
		o := target(arg(a, 0))
		if o.proto == nil {
			return Null
		}
		return o.proto
	})
	it.method(reflect, "setPrototypeOf", 2, func(it *Interp, this Value, a []Value) Value {
		o := target(arg(a, 0))
		p, _ := arg(a, 1).(*Object)
		o.proto = p
		return true
	})
	it.method(reflect, "defineProperty", 3, func(it *Interp, this Value, a []Value) Value {
		it.defineProperty(target(arg(a, 0)), it.toPropKey(arg(a, 1)), arg(a, 2))
		return true
	})
	it.method(reflect, "deleteProperty", 2, func(it *Interp, this Value, a []Value) Value {
		return target(arg(a, 0)).deleteOwn(it.toPropKey(arg(a, 1)))
	})
	it.defineGlobal("structuredClone", it.NativeFunc("structuredClone", 1, func(it *Interp, this Value, a []Value) Value {
		s, ok := it.jsonStringify(arg(a, 0), Undefined, "")
		if !ok {
			return Undefined
		}
		return it.jsonParse(s)
	}))
}

func toStringOr(it *Interp, v Value, def string) string {
	if v == Undefined {
		return def
	}
	return it.toString(v)
}
