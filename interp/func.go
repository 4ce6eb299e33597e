package interp

import (
	"reflect"
	"strconv"

	"github.com/tdewolff/parse/v2/js"
)

// Func is the callable part of a function object.
type Func struct {
	name       string
	native     func(it *Interp, this Value, args []Value) Value
	nativeCtor func(it *Interp, args []Value, newTarget *Object) Value

	params        *js.Params
	body          *js.BlockStmt
	env           *Env
	arrow         bool
	async         bool
	gen           bool
	method        bool
	home          *Object
	classCtor     bool
	derived       bool
	fields        []classField
	implicitSuper bool
	strict        bool
	node          js.INode

	boundTarget *Object
	boundThis   Value
	boundArgs   []Value
}

func (f *Func) constructible() bool {
	if f.boundTarget != nil {
		return f.boundTarget.fn.constructible()
	}
	if f.native != nil || f.nativeCtor != nil {
		return f.nativeCtor != nil
	}
	return !f.arrow && !f.async && !f.gen && !f.method
}

type classField struct {
	key    PropKey
	keyFn  func() PropKey
	init   js.IExpr
	env    *Env
	static bool
}

func reflectTypeName(n any) string { return reflect.TypeOf(n).String() }

// newFuncObject wraps f in a function object with name and length.
func (it *Interp) newFuncObject(f *Func, nparams int) *Object {
	o := &Object{proto: it.FuncProto, class: "Function", fn: f, extensible: true}
	o.defineHidden(strKey("length"), float64(nparams))
	o.defineHidden(strKey("name"), f.name)
	return o
}

// NativeFunc builds a built-in function.
func (it *Interp) NativeFunc(name string, n int, fn func(it *Interp, this Value, args []Value) Value) *Object {
	return it.newFuncObject(&Func{name: name, native: fn}, n)
}

func paramCount(p *js.Params) int {
	n := 0
	for _, el := range p.List {
		if el.Default != nil {
			break
		}
		n++
	}
	return n
}

func (it *Interp) makeFunction(d *js.FuncDecl, env *Env) *Object {
	name := ""
	if d.Name != nil {
		name = string(d.Name.Name())
	}
	f := &Func{name: name, params: &d.Params, body: &d.Body, env: env, async: d.Async, gen: d.Generator, node: d, strict: env.strict || hasUseStrict(&d.Body)}
	o := it.newFuncObject(f, paramCount(&d.Params))
	if !d.Async || d.Generator {
		proto := it.NewPlain()
		if d.Generator {
			if d.Async {
				proto.proto = it.AsyncGenProto
			} else {
				proto.proto = it.GeneratorProto
			}
		} else {
			proto.defineHidden(strKey("constructor"), o)
		}
		o.defineHidden(strKey("prototype"), proto)
	}
	return o
}

// makeFunctionExpr binds a named function expression's own name.
func (it *Interp) makeFunctionExpr(d *js.FuncDecl, env *Env) *Object {
	if d.Name == nil {
		return it.makeFunction(d, env)
	}
	inner := env.child()
	o := it.makeFunction(d, inner)
	inner.declare(string(d.Name.Name()), &Binding{v: o, init: true})
	return o
}

func (it *Interp) makeArrow(a *js.ArrowFunc, env *Env) *Object {
	f := &Func{params: &a.Params, body: &a.Body, env: env, arrow: true, async: a.Async, node: a}
	return it.newFuncObject(f, paramCount(&a.Params))
}

func (it *Interp) makeMethod(m *js.MethodDecl, env *Env, home *Object, key PropKey) *Object {
	name := key.S
	if key.Sym != nil {
		name = "[" + key.Sym.Description + "]"
		if key.Sym.private {
			name = key.Sym.Description
		}
	}
	if m.Get {
		name = "get " + name
	} else if m.Set {
		name = "set " + name
	}
	f := &Func{name: name, params: &m.Params, body: &m.Body, env: env, async: m.Async, gen: m.Generator, home: home, method: true, node: m, strict: env.strict || hasUseStrict(&m.Body)}
	o := it.newFuncObject(f, paramCount(&m.Params))
	if m.Generator {
		proto := it.NewPlain()
		proto.proto = it.GeneratorProto
		if m.Async {
			proto.proto = it.AsyncGenProto
		}
		o.defineHidden(strKey("prototype"), proto)
	}
	return o
}

// call invokes a function value.
func (it *Interp) call(f Value, this Value, args []Value) Value {
	fo, ok := f.(*Object)
	if !ok || fo.fn == nil {
		it.throwError("TypeError", "%s is not a function", it.inspect(f, inspectOpts{depth: 0}))
	}
	return it.callObj(fo, this, args)
}

func (it *Interp) callObj(fo *Object, this Value, args []Value) Value {
	f := fo.fn
	if f.native != nil {
		return f.native(it, this, args)
	}
	if f.boundTarget != nil {
		return it.callObj(f.boundTarget, f.boundThis, append(append([]Value(nil), f.boundArgs...), args...))
	}
	if f.nativeCtor != nil {
		return f.nativeCtor(it, args, nil)
	}
	if f.classCtor {
		it.throwError("TypeError", "Class constructor %s cannot be invoked without 'new'", f.name)
	}
	return it.invoke(fo, this, args, nil)
}

// construct implements [[Construct]].
func (it *Interp) construct(fo *Object, args []Value, newTarget *Object) Value {
	f := fo.fn
	if f.boundTarget != nil {
		if newTarget == fo {
			newTarget = f.boundTarget
		}
		return it.construct(f.boundTarget, append(append([]Value(nil), f.boundArgs...), args...), newTarget)
	}
	if f.nativeCtor != nil {
		return f.nativeCtor(it, args, newTarget)
	}
	if !f.constructible() {
		it.throwError("TypeError", "%s is not a constructor", f.name)
	}
	if f.derived {
		r := it.invoke(fo, nil, args, newTarget)
		return r
	}
	proto, _ := it.getV(newTarget, strKey("prototype")).(*Object)
	if proto == nil {
		proto = it.ObjectProto
	}
	this := it.newObject(proto)
	if f.classCtor {
		it.initFields(fo, this)
	}
	r := it.invoke(fo, this, args, newTarget)
	if ro, ok := r.(*Object); ok {
		return ro
	}
	return this
}

// initFields runs the instance field initialisers of class fo on obj.
func (it *Interp) initFields(fo *Object, obj *Object) {
	for _, fd := range fo.fn.fields {
		if fd.static {
			continue
		}
		env := fd.env.child()
		env.fc = &funcCtx{this: obj, thisInit: true, home: fo.fn.home, fnObj: fo}
		var v Value = Undefined
		if fd.init != nil {
			v = it.eval(fd.init, env)
			if vo, ok := v.(*Object); ok && vo.fn != nil && isAnonymousFn(fd.init) {
				it.setFnName(vo, fd.key)
			}
		}
		if fd.key.Sym != nil && fd.key.Sym.private {
			obj.defineHidden(fd.key, v)
		} else {
			obj.setOwn(fd.key, v)
		}
	}
}

const maxDepth = 4000

// invoke runs a JS function body.
func (it *Interp) invoke(fo *Object, this Value, args []Value, newTarget *Object) Value {
	f := fo.fn
	it.tick() // a call is a step: a callback with an empty body is not free
	it.depth++
	if it.depth > maxDepth {
		it.depth = 0
		it.throwError("RangeError", "Maximum call stack size exceeded")
	}
	defer func() { it.depth-- }()
	env := &Env{parent: f.env, fn: f}
	env.strict = f.strict
	if f.arrow {
		env.fc = f.env.fc
	} else {
		if !f.strict && isNullish(this) {
			this = it.globalObj // sloppy-mode functions see globalThis
		}
		fc := &funcCtx{this: this, thisInit: true, fnObj: fo, args: args, home: f.home}
		if newTarget != nil {
			fc.newTarget = newTarget
		} else {
			fc.newTarget = Undefined
		}
		if f.derived && newTarget != nil {
			fc.thisInit = false
			fc.this = nil
		}
		env.fc = fc
	}
	if f.gen {
		return it.makeGenerator(fo, env, args)
	}
	if f.async {
		return it.runAsync(fo, env, args)
	}
	env.co = nil
	r := it.runBody(f, env, args)
	if f.derived && newTarget != nil {
		if ro, ok := r.(*Object); ok {
			return ro
		}
		return it.thisValue(env)
	}
	return r
}

// runBody binds parameters and executes the body; it returns the
// function's return value.
func (it *Interp) runBody(f *Func, env *Env, args []Value) Value {
	if f.implicitSuper {
		it.doSuper(env.fc, args)
		return Undefined
	}
	it.bindParams(f.params, env, args)
	it.enterBlock(f.body, env, true)
	for _, s := range f.body.List {
		c := it.exec(s, env)
		if c.kind == cReturn {
			return c.value
		}
		if c.kind != cNormal {
			break
		}
	}
	return Undefined
}

func (it *Interp) bindParams(p *js.Params, env *Env, args []Value) {
	for i, el := range p.List {
		var v Value = Undefined
		if i < len(args) {
			v = args[i]
		}
		if v == Undefined && el.Default != nil {
			v = it.eval(el.Default, env)
		}
		it.bindPattern(el.Binding, v, env, 3)
	}
	if p.Rest != nil {
		rest := []Value{}
		if len(p.List) < len(args) {
			rest = append(rest, args[len(p.List):]...)
		}
		it.bindPattern(p.Rest, it.newArray(rest), env, 3)
	}
}

// ---- classes ----

func (it *Interp) evalClass(c *js.ClassDecl, env *Env) *Object {
	name := ""
	if c.Name != nil {
		name = string(c.Name.Name())
	}
	cenv := env.child()
	cenv.strict = true
	var parent *Object
	protoParent := it.ObjectProto
	derived := false
	if c.Extends != nil {
		pv := it.eval(c.Extends, env)
		derived = true
		if pv == Null {
			protoParent = nil
		} else {
			po, ok := pv.(*Object)
			if !ok || po.fn == nil {
				it.throwError("TypeError", "Class extends value %s is not a constructor or null", it.inspect(pv, inspectOpts{depth: 0}))
			}
			parent = po
			protoParent, _ = it.getV(po, strKey("prototype")).(*Object)
		}
	}
	proto := it.newObject(protoParent)
	var ctorDecl *js.MethodDecl
	for i := range c.List {
		m := c.List[i].Method
		if m != nil && !m.Static && m.Name.Private == nil && m.Name.PropertyName.Computed == nil && string(m.Name.PropertyName.Literal.Data) == "constructor" {
			ctorDecl = m
		}
	}
	f := &Func{name: name, env: cenv, classCtor: true, derived: derived, home: proto, node: c, strict: true}
	if ctorDecl != nil {
		f.params = &ctorDecl.Params
		f.body = &ctorDecl.Body
	} else {
		f.params = &js.Params{}
		f.body = &js.BlockStmt{}
		if derived {
			f.nativeDerivedDefault(it)
		}
	}
	ctor := it.newFuncObject(f, 0)
	if ctorDecl != nil {
		ctor.props[strKey("length")].value = float64(paramCount(&ctorDecl.Params))
	}
	if parent != nil {
		ctor.proto = parent
	}
	ctor.defineHidden(strKey("prototype"), proto)
	proto.defineHidden(strKey("constructor"), ctor)
	if name != "" {
		cenv.declare(name, &Binding{v: ctor, init: true})
	}
	var statics []func()
	for i := range c.List {
		el := &c.List[i]
		switch {
		case el.Method != nil:
			m := el.Method
			if m == ctorDecl {
				continue
			}
			target := proto
			if m.Static {
				target = ctor
			}
			key := it.classKey(&m.Name, cenv)
			fn := it.makeMethod(m, cenv, target, key)
			switch {
			case m.Get:
				target.defineAccessor(key, fn, nil, false)
			case m.Set:
				target.defineAccessor(key, nil, fn, false)
			default:
				target.defineHidden(key, fn)
			}
		case el.StaticBlock != nil:
			blk := el.StaticBlock
			statics = append(statics, func() {
				benv := cenv.child()
				benv.fc = &funcCtx{this: ctor, thisInit: true, home: ctor, fnObj: ctor}
				it.execBlock(blk, benv)
			})
		default:
			fd := el.Field
			key := it.classKey(&fd.Name, cenv)
			cf := classField{key: key, init: fd.Init, env: cenv, static: fd.Static}
			if fd.Static {
				statics = append(statics, func() {
					fenv := cenv.child()
					fenv.fc = &funcCtx{this: ctor, thisInit: true, home: ctor, fnObj: ctor}
					var v Value = Undefined
					if cf.init != nil {
						v = it.eval(cf.init, fenv)
					}
					if key.Sym != nil && key.Sym.private {
						ctor.defineHidden(key, v)
					} else {
						ctor.setOwn(key, v)
					}
				})
			} else {
				f.fields = append(f.fields, cf)
			}
		}
	}
	for _, s := range statics {
		s()
	}
	return ctor
}

// nativeDerivedDefault makes an implicit `constructor(...args) { super(...args) }`.
func (f *Func) nativeDerivedDefault(it *Interp) {
	f.implicitSuper = true
}

func (it *Interp) classKey(n *js.ClassElementName, env *Env) PropKey {
	if n.Private != nil {
		return PropKey{Sym: it.privSym(string(n.Private.Name()))}
	}
	return it.propertyKey(&n.PropertyName, env)
}

// superCall handles super(...) in a derived constructor.
func (it *Interp) superCall(x *js.CallExpr, env *Env) Value {
	fc := env.fc
	if fc == nil || fc.fnObj == nil {
		it.throwError("SyntaxError", "'super' keyword unexpected here")
	}
	args := it.evalArgs(&x.Args, env)
	return it.doSuper(fc, args)
}

func (it *Interp) doSuper(fc *funcCtx, args []Value) Value {
	if fc.thisInit {
		it.throwError("ReferenceError", "Super constructor may only be called once")
	}
	parent := fc.fnObj.proto
	if parent == nil || parent.fn == nil {
		it.throwError("TypeError", "Super constructor is not a constructor")
	}
	nt, _ := fc.newTarget.(*Object)
	if nt == nil {
		nt = fc.fnObj
	}
	r := it.construct(parent, args, nt)
	fc.this = r
	fc.thisInit = true
	if ro, ok := r.(*Object); ok {
		it.initFields(fc.fnObj, ro)
	}
	return Undefined
}

// ---- property access ----

func (it *Interp) findProp(o *Object, key PropKey) *prop {
	for p := o; p != nil; p = p.proto {
		if pr := p.getOwn(key); pr != nil {
			return pr
		}
	}
	return nil
}

func (it *Interp) propValue(p *prop, receiver Value) Value {
	if p.accessor {
		if p.getter == nil {
			return Undefined
		}
		return it.callObj(p.getter, receiver, nil)
	}
	return p.value
}

func (it *Interp) hasProperty(o *Object, key PropKey) bool {
	for p := o; p != nil; p = p.proto {
		if p.getOwn(key) != nil {
			return true
		}
		if p.isArray() && key.Sym == nil {
			if i, ok := arrayIndex(key.S); ok && i < len(p.arr) {
				return true
			}
			if key.S == "length" {
				return true
			}
		}
		if p.class == "Opaque" {
			return true
		}
	}
	return false
}

// getFrom reads key starting at object o with the given receiver.
func (it *Interp) getFrom(o *Object, key PropKey, receiver Value) Value {
	for p := o; p != nil; p = p.proto {
		if key.Sym == nil {
			switch p.class {
			case "Array", "Arguments":
				if key.S == "length" {
					return float64(len(p.arr))
				}
				if i, ok := arrayIndex(key.S); ok {
					if i < len(p.arr) {
						return p.arr[i]
					}
					if p.getOwn(key) == nil {
						return Undefined
					}
				}
			case "String":
				s := p.internal.(string)
				if key.S == "length" {
					return float64(strLen(s))
				}
				if i, ok := arrayIndex(key.S); ok {
					return charAt(s, i)
				}
			case "Opaque":
				if pr := p.getOwn(key); pr != nil {
					return it.propValue(pr, receiver)
				}
				return it.opaqueGet(p, key)
			}
		}
		if pr := p.getOwn(key); pr != nil {
			if key.S == "stack" && p.class == "Error" && key.Sym == nil {
				it.addUnknown(it.callOffset(), "Error.stack", "an error's stack trace names machine-specific files and lines; printed stacks are not predicted exactly")
			}
			return it.propValue(pr, receiver)
		}
	}
	return Undefined
}

func charAt(s string, i int) Value {
	n := 0
	for _, r := range s {
		if n == i {
			return string(r)
		}
		n++
	}
	return Undefined
}

// getV implements GetV(v, key).
func (it *Interp) getV(v Value, key PropKey) Value {
	switch x := v.(type) {
	case *Object:
		return it.getFrom(x, key, x)
	case string:
		if key.Sym == nil {
			if key.S == "length" {
				return float64(strLen(x))
			}
			if i, ok := arrayIndex(key.S); ok {
				return charAt(x, i)
			}
		}
		return it.getFrom(it.StringProto, key, x)
	case float64:
		return it.getFrom(it.NumberProto, key, x)
	case bool:
		return it.getFrom(it.BoolProto, key, x)
	case *Symbol:
		if key.S == "description" {
			return x.Description
		}
		return it.getFrom(it.SymbolProto, key, x)
	case superRef:
		return it.getFrom(x.proto, key, x.this)
	case undefinedType, nullType:
		it.throwError("TypeError", "Cannot read properties of %s (reading '%s')", it.toString(v), key.String())
	}
	if _, ok := bigOf(v); ok {
		return it.getFrom(it.BigIntProto, key, v)
	}
	return Undefined
}

// putV implements PutValue on a property reference.
func (it *Interp) putV(v Value, key PropKey, val Value) {
	var o *Object
	switch x := v.(type) {
	case *Object:
		o = x
	case superRef:
		if to, ok := x.this.(*Object); ok {
			it.putV(to, key, val)
		}
		return
	case undefinedType, nullType:
		it.throwError("TypeError", "Cannot set properties of %s (setting '%s')", it.toString(v), key.String())
	default:
		return
	}
	if o == it.ArrayProto && key.Sym == SymIterator {
		it.arrayIterPatched = true
	}
	if o.frozen {
		if it.strict() {
			it.throwError("TypeError", "Cannot assign to read only property '%s' of object '%s'", key.String(), it.objectTag(o))
		}
		return
	}
	if key.Sym == nil && (o.isArray() || o.class == "Arguments") {
		if i, ok := arrayIndex(key.S); ok {
			if i < len(o.arr) {
				o.arr[i] = val
				delete(o.holes, i)
				return
			}
			if i < len(o.arr)+1e6 {
				for len(o.arr) < i {
					if o.holes == nil {
						o.holes = map[int]bool{}
					}
					o.holes[len(o.arr)] = true
					o.arr = append(o.arr, Undefined)
				}
				o.arr = append(o.arr, val)
				return
			}
		}
		if key.S == "length" {
			n := it.arrayLength(it.toNumber(val))
			if n < len(o.arr) {
				o.arr = o.arr[:n]
			} else {
				for len(o.arr) < n {
					it.tick() // arr.length = 4e9 ends at the step budget
					o.arr = append(o.arr, Undefined)
				}
			}
			return
		}
	}
	if pr := o.getOwn(key); pr != nil {
		if pr.accessor {
			if pr.setter != nil {
				it.callObj(pr.setter, v, []Value{val})
			}
			return
		}
		if pr.writable {
			pr.value = val
		} else if it.strict() {
			it.throwError("TypeError", "Cannot assign to read only property '%s' of object '%s'", key.String(), it.objectTag(o))
		}
		return
	}
	for p := o.proto; p != nil; p = p.proto {
		if pr := p.getOwn(key); pr != nil {
			if pr.accessor {
				if pr.setter != nil {
					it.callObj(pr.setter, v, []Value{val})
				}
				return
			}
			break
		}
	}
	if o.class == "Opaque" {
		o.setOwn(key, val)
		return
	}
	if !o.extensible {
		return
	}
	o.setOwn(key, val)
}

func (it *Interp) strict() bool { return it.prog.ESM }

func (it *Interp) instanceOf(v, ctor Value) bool {
	co, ok := ctor.(*Object)
	if !ok || co.fn == nil {
		it.throwError("TypeError", "Right-hand side of 'instanceof' is not callable")
	}
	if h := it.getV(co, PropKey{Sym: SymHasInstance}); h != Undefined && h != it.defaultHasInstance {
		return toBool(it.call(h, co, []Value{v}))
	}
	for co.fn.boundTarget != nil {
		co = co.fn.boundTarget
	}
	o, ok := v.(*Object)
	if !ok {
		return false
	}
	proto, _ := it.getV(co, strKey("prototype")).(*Object)
	for p := o.proto; p != nil; p = p.proto {
		if p == proto {
			return true
		}
	}
	return false
}

// iterateToSlice drains an iterable into a slice.
func (it *Interp) iterateToSlice(v Value) []Value {
	if o, ok := v.(*Object); ok && o.isArray() && o.proto == it.ArrayProto && !it.arrayIterPatched {
		return append([]Value(nil), o.arr...)
	}
	if s, ok := v.(string); ok {
		var out []Value
		for _, r := range s {
			out = append(out, string(r))
		}
		return out
	}
	var out []Value
	it.iterate(v, func(x Value) bool {
		out = append(out, x)
		return true
	})
	return out
}

// iterate calls fn for each value of an iterable until fn returns false.
func (it *Interp) iterate(v Value, fn func(Value) bool) {
	if o, ok := v.(*Object); ok && o.isArray() && o.proto == it.ArrayProto && !it.arrayIterPatched {
		for i := 0; i < len(o.arr); i++ {
			if !fn(o.arr[i]) {
				return
			}
		}
		return
	}
	if isNullish(v) {
		it.throwError("TypeError", "%s is not iterable", it.toString(v))
	}
	mf := it.getV(v, PropKey{Sym: SymIterator})
	if isNullish(mf) {
		it.throwError("TypeError", "%s is not iterable", it.inspect(v, inspectOpts{depth: 0}))
	}
	iter := it.call(mf, v, nil)
	next := it.getV(iter, strKey("next"))
	for {
		r := it.call(next, iter, nil)
		if _, ok := r.(*Object); !ok {
			it.throwError("TypeError", "Iterator result %s is not an object", it.toString(r))
		}
		if toBool(it.getV(r, strKey("done"))) {
			return
		}
		if !fn(it.getV(r, strKey("value"))) {
			if ret := it.getV(iter, strKey("return")); !isNullish(ret) {
				it.call(ret, iter, nil)
			}
			return
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// objectTag renders an object the way V8's messages do: #<Ctor> or [object Array].
func (it *Interp) objectTag(o *Object) string {
	if o.isArray() {
		return "[object Array]"
	}
	name := "Object"
	if n, ok := (&inspector{it: it}).constructorName(o); ok && n != "" {
		name = n
	}
	return "#<" + name + ">"
}
