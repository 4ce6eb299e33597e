package interp

import (
	"github.com/tdewolff/parse/v2/js"
)

// Promises follow the ECMAScript spec step by step, because the number of
// jobs each operation costs is what decides the printed order.

const (
	pPending = iota
	pFulfilled
	pRejected
)

type promiseState struct {
	state   int
	value   Value
	fulfill []*reaction
	reject  []*reaction
	handled bool
	warned  bool
	origin  js.INode
}

type reaction struct {
	// either a JS handler (handler may be Undefined) with a capability,
	// or a Go handler for internal awaits.
	handler Value
	cap     *capability
	goFn    func(Value)
	node    js.INode
}

type capability struct {
	promise *Object
	resolve func(Value)
	reject  func(Value)
}

func (it *Interp) promiseOf(v Value) *promiseState {
	if o, ok := v.(*Object); ok {
		if ps, ok := o.internal.(*promiseState); ok {
			return ps
		}
	}
	return nil
}

func (it *Interp) newPromiseObject(proto *Object) *Object {
	if proto == nil {
		proto = it.PromiseProto
	}
	return &Object{proto: proto, class: "Promise", internal: &promiseState{}, extensible: true}
}

// newPromiseCapability returns a pending native promise and its resolving
// functions.
func (it *Interp) newPromiseCapability() (*Object, func(Value), func(Value)) {
	p := it.newPromiseObject(nil)
	res, rej := it.resolvingFunctions(p)
	return p, res, rej
}

// newCapabilityFor implements NewPromiseCapability(C): the intrinsic
// Promise takes a fast path; a subclass's constructor is called with an
// executor, as the spec requires.
func (it *Interp) newCapabilityFor(c *Object) *capability {
	if c == nil || c == it.PromiseCtor {
		p, res, rej := it.newPromiseCapability()
		return &capability{promise: p, resolve: res, reject: rej}
	}
	if c.fn == nil || !c.fn.constructible() {
		it.throwError("TypeError", "Promise resolve or reject function is not callable")
	}
	var resF, rejF Value = Undefined, Undefined
	executor := it.NativeFunc("", 2, func(it *Interp, _ Value, a []Value) Value {
		resF, rejF = arg(a, 0), arg(a, 1)
		return Undefined
	})
	pv := it.construct(c, []Value{executor}, c)
	po, _ := pv.(*Object)
	if po == nil {
		it.throwError("TypeError", "Promise constructor returned a non-object")
	}
	return &capability{
		promise: po,
		resolve: func(v Value) { it.call(resF, Undefined, []Value{v}) },
		reject:  func(v Value) { it.call(rejF, Undefined, []Value{v}) },
	}
}

// speciesConstructor implements SpeciesConstructor(o, %Promise%).
func (it *Interp) speciesConstructor(o *Object) *Object {
	c := it.getV(o, strKey("constructor"))
	if c == Undefined {
		return it.PromiseCtor
	}
	co, ok := c.(*Object)
	if !ok {
		it.throwError("TypeError", "The .constructor property is not an object")
	}
	s := it.getV(co, PropKey{Sym: SymSpecies})
	if isNullish(s) {
		return it.PromiseCtor
	}
	so, ok := s.(*Object)
	if !ok || so.fn == nil || !so.fn.constructible() {
		it.throwError("TypeError", "object.constructor[Symbol.species] is not a constructor")
	}
	return so
}

// resolvingFunctions implements CreateResolvingFunctions.
func (it *Interp) resolvingFunctions(p *Object) (func(Value), func(Value)) {
	already := false
	resolve := func(v Value) {
		if already {
			return
		}
		already = true
		it.resolvePromise(p, v)
	}
	reject := func(v Value) {
		if already {
			return
		}
		already = true
		it.rejectPromise(p, v)
	}
	return resolve, reject
}

func (it *Interp) resolvePromise(p *Object, v Value) {
	if v == Value(p) {
		it.rejectPromise(p, it.makeError("TypeError", "Chaining cycle detected for promise #<Promise>"))
		return
	}
	vo, ok := v.(*Object)
	if !ok {
		it.fulfillPromise(p, v)
		return
	}
	var then Value
	if th := it.catchJS(func() { then = it.getV(vo, strKey("then")) }); th != nil {
		it.rejectPromise(p, th.Value)
		return
	}
	tf, ok := then.(*Object)
	if !ok || tf.fn == nil {
		it.fulfillPromise(p, v)
		return
	}
	// NewPromiseResolveThenableJob
	it.loop.microtask(&task{kind: "promise", label: "resolve thenable", node: tf.fn.node, fn: func() {
		res, rej := it.resolvingFunctions(p)
		resF := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { res(arg(a, 0)); return Undefined })
		rejF := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { rej(arg(a, 0)); return Undefined })
		if th := it.catchJS(func() { it.callObj(tf, vo, []Value{resF, rejF}) }); th != nil {
			rej(th.Value)
		}
	}})
}

func arg(a []Value, i int) Value {
	if i < len(a) {
		return a[i]
	}
	return Undefined
}

func (it *Interp) fulfillPromise(p *Object, v Value) {
	ps := p.internal.(*promiseState)
	if ps.state != pPending {
		return
	}
	rs := ps.fulfill
	ps.state, ps.value, ps.fulfill, ps.reject = pFulfilled, v, nil, nil
	for _, r := range rs {
		it.enqueueReaction(r, v, false)
	}
}

func (it *Interp) rejectPromise(p *Object, v Value) {
	ps := p.internal.(*promiseState)
	if ps.state != pPending {
		return
	}
	rs := ps.reject
	ps.state, ps.value, ps.fulfill, ps.reject = pRejected, v, nil, nil
	if !ps.handled {
		it.trackRejection(p, true)
	}
	for _, r := range rs {
		it.enqueueReaction(r, v, true)
	}
}

func (it *Interp) enqueueReaction(r *reaction, v Value, rejected bool) {
	node := r.node
	if ho, ok := r.handler.(*Object); ok && ho.fn != nil && node == nil {
		node = ho.fn.node
	}
	it.loop.microtask(&task{kind: "promise", label: "promise reaction", node: node, fn: func() {
		if r.goFn != nil {
			r.goFn(v)
			return
		}
		h, ok := r.handler.(*Object)
		if !ok || h.fn == nil {
			if r.cap != nil {
				if rejected {
					r.cap.reject(v)
				} else {
					r.cap.resolve(v)
				}
			}
			return
		}
		var result Value
		if th := it.catchJS(func() { result = it.callObj(h, Undefined, []Value{v}) }); th != nil {
			if r.cap != nil {
				r.cap.reject(th.Value)
			}
			return
		}
		if r.cap != nil {
			r.cap.resolve(result)
		}
	}})
}

// performThen implements PerformPromiseThen with JS handlers.
func (it *Interp) performThen(p *Object, onF, onR Value, cap *capability) {
	ps := p.internal.(*promiseState)
	if fo, ok := onF.(*Object); !ok || fo.fn == nil {
		onF = Undefined
	}
	if fo, ok := onR.(*Object); !ok || fo.fn == nil {
		onR = Undefined
	}
	fr := &reaction{handler: onF, cap: cap}
	rr := &reaction{handler: onR, cap: cap}
	it.addReactions(p, ps, fr, rr)
}

// performThenGo attaches Go handlers (await, combinators' internals).
func (it *Interp) performThenGo(p *Object, onF, onR func(Value), node js.INode) {
	ps := p.internal.(*promiseState)
	it.addReactions(p, ps, &reaction{goFn: onF, node: node}, &reaction{goFn: onR, node: node})
}

func (it *Interp) addReactions(p *Object, ps *promiseState, fr, rr *reaction) {
	switch ps.state {
	case pPending:
		ps.fulfill = append(ps.fulfill, fr)
		ps.reject = append(ps.reject, rr)
	case pFulfilled:
		it.enqueueReaction(fr, ps.value, false)
	case pRejected:
		if !ps.handled {
			it.trackRejection(p, false)
		}
		it.enqueueReaction(rr, ps.value, true)
	}
	ps.handled = true
}

// promiseResolve implements PromiseResolve(C, x).
func (it *Interp) promiseResolve(c *Object, x Value) *Object {
	if ps := it.promiseOf(x); ps != nil {
		xo := x.(*Object)
		if it.getV(xo, strKey("constructor")) == Value(c) {
			return xo
		}
	}
	cap := it.newCapabilityFor(c)
	cap.resolve(x)
	return cap.promise
}

func (it *Interp) rejectedPromise(v Value) *Object {
	p, _, rej := it.newPromiseCapability()
	rej(v)
	return p
}

// thenInvoke calls p.then(onF, onR) through property lookup, as the spec's
// Invoke(nextPromise, "then", ...) does.
func (it *Interp) thenInvoke(p Value, onF, onR Value) Value {
	return it.call(it.getV(p, strKey("then")), p, []Value{onF, onR})
}

// trackRejection implements HostPromiseRejectionTracker.
func (it *Interp) trackRejection(p *Object, reject bool) {
	ps := p.internal.(*promiseState)
	if reject {
		it.pendingReject = append(it.pendingReject, p)
		it.scheduleRejectionCheck()
		return
	}
	for i, q := range it.pendingReject {
		if q == p {
			it.pendingReject = append(it.pendingReject[:i:i], it.pendingReject[i+1:]...)
			return
		}
	}
	if ps.warned {
		it.handledLate = append(it.handledLate, p)
		it.scheduleRejectionCheck()
	}
}

// ---- the Promise constructor and prototype ----

func (it *Interp) setupPromise() {
	proto := it.NewPlain()
	it.PromiseProto = proto
	ctor := it.newFuncObject(&Func{name: "Promise", nativeCtor: func(it *Interp, args []Value, nt *Object) Value {
		if nt == nil {
			it.throwError("TypeError", "Promise constructor cannot be invoked without 'new'")
		}
		exec, ok := arg(args, 0).(*Object)
		if !ok || exec.fn == nil {
			it.throwError("TypeError", "Promise resolver %s is not a function", it.inspect(arg(args, 0), inspectOpts{depth: 0}))
		}
		pr, _ := it.getV(nt, strKey("prototype")).(*Object)
		p := it.newPromiseObject(pr)
		res, rej := it.resolvingFunctions(p)
		resF := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { res(arg(a, 0)); return Undefined })
		rejF := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { rej(arg(a, 0)); return Undefined })
		if th := it.catchJS(func() { it.callObj(exec, Undefined, []Value{resF, rejF}) }); th != nil {
			rej(th.Value)
		}
		return p
	}}, 1)
	it.PromiseCtor = ctor
	ctor.defineHidden(strKey("prototype"), proto)
	proto.defineHidden(strKey("constructor"), ctor)
	proto.defineHidden(PropKey{Sym: SymToStringTag}, "Promise")

	method := func(o *Object, name string, n int, fn func(it *Interp, this Value, args []Value) Value) {
		o.defineHidden(strKey(name), it.NativeFunc(name, n, fn))
	}
	thisPromise := func(this Value, name string) *Object {
		if it.promiseOf(this) == nil {
			it.throwError("TypeError", "Method Promise.prototype.%s called on incompatible receiver %s", name, it.inspect(this, inspectOpts{depth: 0}))
		}
		return this.(*Object)
	}
	method(proto, "then", 2, func(it *Interp, this Value, args []Value) Value {
		p := thisPromise(this, "then")
		cap := it.newCapabilityFor(it.speciesConstructor(p))
		it.performThen(p, arg(args, 0), arg(args, 1), cap)
		return cap.promise
	})
	method(proto, "catch", 1, func(it *Interp, this Value, args []Value) Value {
		return it.thenInvoke(this, Undefined, arg(args, 0))
	})
	method(proto, "finally", 1, func(it *Interp, this Value, args []Value) Value {
		onFinally, ok := arg(args, 0).(*Object)
		if !ok || onFinally.fn == nil {
			return it.thenInvoke(this, arg(args, 0), arg(args, 0))
		}
		C := it.PromiseCtor
		if to, ok := this.(*Object); ok {
			C = it.speciesConstructor(to)
		}
		thenFinally := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value {
			value := arg(a, 0)
			result := it.callObj(onFinally, Undefined, nil)
			p := it.promiseResolve(C, result)
			valueThunk := it.NativeFunc("", 0, func(it *Interp, _ Value, _ []Value) Value { return value })
			return it.thenInvoke(p, valueThunk, Undefined)
		})
		thenFinally.fn.node = onFinally.fn.node
		catchFinally := it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value {
			reason := arg(a, 0)
			result := it.callObj(onFinally, Undefined, nil)
			p := it.promiseResolve(C, result)
			thrower := it.NativeFunc("", 0, func(it *Interp, _ Value, _ []Value) Value { it.throwValue(reason); return nil })
			return it.thenInvoke(p, thrower, Undefined)
		})
		catchFinally.fn.node = onFinally.fn.node
		return it.thenInvoke(this, thenFinally, catchFinally)
	})

	method(ctor, "resolve", 1, func(it *Interp, this Value, args []Value) Value {
		c, _ := this.(*Object)
		if c == nil {
			c = it.PromiseCtor
		}
		return it.promiseResolve(c, arg(args, 0))
	})
	method(ctor, "reject", 1, func(it *Interp, this Value, args []Value) Value {
		c, _ := this.(*Object)
		cap := it.newCapabilityFor(c)
		cap.reject(arg(args, 0))
		return cap.promise
	})
	ctor.defineAccessor(PropKey{Sym: SymSpecies}, it.NativeFunc("get [Symbol.species]", 0, func(it *Interp, this Value, args []Value) Value {
		return this
	}), nil, false)
	method(ctor, "withResolvers", 0, func(it *Interp, this Value, args []Value) Value {
		p, res, rej := it.newPromiseCapability()
		o := it.NewPlain()
		o.setOwn(strKey("promise"), p)
		o.setOwn(strKey("resolve"), it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { res(arg(a, 0)); return Undefined }))
		o.setOwn(strKey("reject"), it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { rej(arg(a, 0)); return Undefined }))
		return o
	})
	combinator := func(name string) {
		method(ctor, name, 1, func(it *Interp, this Value, args []Value) Value {
			return it.promiseCombinator(name, this, arg(args, 0))
		})
	}
	for _, n := range []string{"all", "allSettled", "race", "any"} {
		combinator(n)
	}
	it.defineGlobal("Promise", ctor)
}

// promiseCombinator implements Promise.all/allSettled/race/any.
func (it *Interp) promiseCombinator(name string, this Value, iterable Value) Value {
	c, _ := this.(*Object)
	if c == nil || c.fn == nil {
		c = it.PromiseCtor
	}
	cap := it.newCapabilityFor(c)
	p, res, rej := cap.promise, cap.resolve, cap.reject
	var values []Value
	remaining := 1
	count := 0
	done := func() {
		remaining--
		if remaining == 0 {
			switch name {
			case "any":
				e := it.makeError("AggregateError", "All promises were rejected")
				e.defineHidden(strKey("errors"), it.newArray(values))
				rej(e)
			case "all", "allSettled":
				res(it.newArray(values))
			}
		}
	}
	resolveFn := it.getV(c, strKey("resolve"))
	th := it.catchJS(func() {
		it.iterate(iterable, func(v Value) bool {
			idx := count
			count++
			values = append(values, Undefined)
			next := it.call(resolveFn, c, []Value{v})
			remaining++
			called := false
			settledObj := func(status string, key string, x Value) *Object {
				o := it.NewPlain()
				o.setOwn(strKey("status"), status)
				o.setOwn(strKey(key), x)
				return o
			}
			// record stores this element's outcome once, then checks
			// whether every element has one.
			record := func(outcome func(x Value) Value) Value {
				return it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value {
					if called {
						return Undefined
					}
					called = true
					values[idx] = outcome(arg(a, 0))
					done()
					return Undefined
				})
			}
			same := func(x Value) Value { return x }
			settle := func(fn func(Value)) Value {
				return it.NativeFunc("", 1, func(it *Interp, _ Value, a []Value) Value { fn(arg(a, 0)); return Undefined })
			}
			var onF, onR Value
			switch name {
			case "all":
				onF, onR = record(same), settle(rej)
			case "allSettled":
				onF = record(func(x Value) Value { return settledObj("fulfilled", "value", x) })
				onR = record(func(x Value) Value { return settledObj("rejected", "reason", x) })
			case "race":
				onF, onR = settle(res), settle(rej)
			case "any":
				onF, onR = settle(res), record(same)
			}
			it.thenInvoke(next, onF, onR)
			return true
		})
	})
	if th != nil {
		rej(th.Value)
		return p
	}
	if name != "race" {
		done()
	}
	return p
}
