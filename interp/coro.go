package interp

import (
	"github.com/tdewolff/parse/v2/js"
)

// Generators and async functions run their bodies on a goroutine used as a
// coroutine: exactly one goroutine runs at a time, so runs stay
// deterministic. A suspended body waits on resume; the resumer waits on out.

type resumeMode uint8

const (
	modeNext resumeMode = iota
	modeThrow
	modeReturn
	modeKill
)

type resumeMsg struct {
	val  Value
	mode resumeMode
}

type yieldMsg struct {
	val      Value
	done     bool
	await    bool
	panicVal any
}

type coro struct {
	resume  chan resumeMsg
	out     chan yieldMsg
	body    func() Value
	started bool
	done    bool
	running bool
	depth   int
}

// genReturn unwinds a generator body for gen.return(v).
type genReturn struct{ val Value }

// coKill unwinds a suspended body when the run ends.
type coKill struct{}

func (it *Interp) newCoro(body func() Value) *coro {
	co := &coro{resume: make(chan resumeMsg), out: make(chan yieldMsg), body: body}
	it.coros = append(it.coros, co)
	return co
}

// step resumes the coroutine and waits until it yields or finishes.
func (it *Interp) step(co *coro, msg resumeMsg) yieldMsg {
	if co.done {
		return yieldMsg{val: Undefined, done: true}
	}
	outer := it.depth
	if !co.started {
		co.started = true
		co.depth = outer
		go it.coroMain(co)
	}
	co.running = true
	it.depth = co.depth
	co.resume <- msg
	m := <-co.out
	co.running = false
	co.depth = it.depth
	it.depth = outer
	if m.done || m.panicVal != nil {
		co.done = true
	}
	if m.panicVal != nil {
		if gr, ok := m.panicVal.(*genReturn); ok {
			return yieldMsg{val: gr.val, done: true}
		}
		if _, ok := m.panicVal.(coKill); ok {
			return yieldMsg{val: Undefined, done: true}
		}
		panic(m.panicVal)
	}
	return m
}

func (it *Interp) coroMain(co *coro) {
	var result Value
	defer func() {
		if r := recover(); r != nil {
			co.out <- yieldMsg{panicVal: r, done: true}
			return
		}
		co.out <- yieldMsg{val: result, done: true}
	}()
	first := <-co.resume
	switch first.mode {
	case modeThrow:
		panic(&Throw{Value: first.val})
	case modeReturn:
		panic(&genReturn{val: first.val})
	case modeKill:
		panic(coKill{})
	}
	result = co.body()
}

// suspend is called on the coroutine's goroutine: it hands val to the
// resumer and waits for the next resume.
func (it *Interp) suspend(co *coro, val Value, await bool) Value {
	co.out <- yieldMsg{val: val, await: await}
	m := <-co.resume
	switch m.mode {
	case modeThrow:
		panic(&Throw{Value: m.val})
	case modeReturn:
		panic(&genReturn{val: m.val})
	case modeKill:
		panic(coKill{})
	}
	return m.val
}

// killCoroutines ends every suspended body so no goroutine outlives a run.
func (it *Interp) killCoroutines() {
	for _, co := range it.coros {
		if co.started && !co.done && !co.running {
			func() {
				defer func() { recover() }()
				it.step(co, resumeMsg{mode: modeKill})
			}()
		}
	}
	it.coros = nil
}

// ---- async functions ----

func (it *Interp) runAsync(fo *Object, env *Env, args []Value) Value {
	p, resolve, reject := it.newPromiseCapability()
	f := fo.fn
	co := it.newCoro(func() Value { return it.runBody(f, env, args) })
	env.co = co
	it.asyncStep(co, resumeMsg{val: Undefined}, resolve, reject, f.node)
	return p
}

// asyncStep runs an async body until its next await or its end.
func (it *Interp) asyncStep(co *coro, msg resumeMsg, resolve, reject func(Value), node js.INode) {
	var m yieldMsg
	if th := it.catchJS(func() { m = it.step(co, msg) }); th != nil {
		reject(th.Value)
		return
	}
	if m.done {
		resolve(m.val)
		return
	}
	it.awaitValue(m.val, func(v Value) {
		it.asyncStep(co, resumeMsg{val: v}, resolve, reject, node)
	}, func(e Value) {
		it.asyncStep(co, resumeMsg{val: e, mode: modeThrow}, resolve, reject, node)
	}, node)
}

// awaitValue implements the V8 await: PromiseResolve(v) then one reaction.
func (it *Interp) awaitValue(v Value, onFul, onRej func(Value), node js.INode) {
	var p *Object
	if th := it.catchJS(func() { p = it.promiseResolve(it.PromiseCtor, v) }); th != nil {
		p = it.rejectedPromise(th.Value)
	}
	it.performThenGo(p, onFul, onRej, node)
}

// await suspends the current async body.
func (it *Interp) await(v Value, env *Env) Value {
	if env.co == nil {
		it.unsupported(nil, "await outside an async function")
	}
	return it.suspend(env.co, v, true)
}

// ---- generators ----

type genState struct {
	co    *coro
	done  bool
	async bool
	// async generators: queued requests
	queue   []asyncGenReq
	running bool
}

type asyncGenReq struct {
	msg     resumeMsg
	resolve func(Value)
	reject  func(Value)
}

func (it *Interp) makeGenerator(fo *Object, env *Env, args []Value) Value {
	f := fo.fn
	protoV := it.getV(fo, strKey("prototype"))
	proto, _ := protoV.(*Object)
	if proto == nil {
		proto = it.GeneratorProto
		if f.async {
			proto = it.AsyncGenProto
		}
	}
	g := &Object{proto: proto, class: "Generator", extensible: true}
	st := &genState{async: f.async}
	if f.async {
		g.class = "AsyncGenerator"
	}
	st.co = it.newCoro(func() Value { return it.runBody(f, env, args) })
	env.co = st.co
	g.internal = st
	return g
}

// genResume drives a synchronous generator.
func (it *Interp) genResume(g Value, msg resumeMsg) Value {
	o, _ := g.(*Object)
	st, ok := o.internalGen()
	if !ok || st.async {
		it.throwError("TypeError", "next method called on incompatible receiver")
	}
	if st.co.running {
		it.throwError("TypeError", "Generator is already running")
	}
	if st.done || (!st.co.started && msg.mode != modeNext) {
		st.done = true
		st.co.done = true
		switch msg.mode {
		case modeThrow:
			it.throwValue(msg.val)
		case modeReturn:
			return it.iterResult(msg.val, true)
		}
		return it.iterResult(Undefined, true)
	}
	m := it.step(st.co, msg)
	if m.done {
		st.done = true
		return it.iterResult(m.val, true)
	}
	return it.iterResult(m.val, false)
}

func (o *Object) internalGen() (*genState, bool) {
	if o == nil {
		return nil, false
	}
	st, ok := o.internal.(*genState)
	return st, ok
}

func (it *Interp) iterResult(v Value, done bool) *Object {
	r := it.NewPlain()
	r.setOwn(strKey("value"), v)
	r.setOwn(strKey("done"), done)
	return r
}

// evalYield runs on the generator goroutine.
func (it *Interp) evalYield(x *js.YieldExpr, env *Env) Value {
	co := env.co
	if co == nil {
		it.unsupported(x, "yield outside a generator")
	}
	var v Value = Undefined
	if x.X != nil {
		v = it.eval(x.X, env)
	}
	if x.Generator {
		// yield*: forward next(v) to the inner iterator; its return value
		// is the value of the expression.
		mf := it.getV(v, PropKey{Sym: SymIterator})
		if isNullish(mf) {
			it.throwError("TypeError", "%s is not iterable", it.inspect(v, inspectOpts{depth: 0}))
		}
		iter := it.call(mf, v, nil)
		next := it.getV(iter, strKey("next"))
		var sent Value = Undefined
		for {
			r := it.call(next, iter, []Value{sent})
			if toBool(it.getV(r, strKey("done"))) {
				return it.getV(r, strKey("value"))
			}
			sent = it.suspend(co, it.getV(r, strKey("value")), false)
		}
	}
	if env.fn != nil && env.fn.async {
		// async generator: yield awaits its operand first
		v = it.suspend(co, v, true)
	}
	return it.suspend(co, v, false)
}

// asyncGenEnqueue implements AsyncGenerator.prototype.next/throw/return.
func (it *Interp) asyncGenEnqueue(g Value, msg resumeMsg) Value {
	p, resolve, reject := it.newPromiseCapability()
	o, _ := g.(*Object)
	st, ok := o.internalGen()
	if !ok || !st.async {
		reject(it.makeError("TypeError", "next method called on incompatible receiver"))
		return p
	}
	st.queue = append(st.queue, asyncGenReq{msg: msg, resolve: resolve, reject: reject})
	if !st.running {
		it.asyncGenDrain(st)
	}
	return p
}

func (it *Interp) asyncGenDrain(st *genState) {
	for len(st.queue) > 0 && !st.running {
		req := st.queue[0]
		if st.done || (!st.co.started && req.msg.mode != modeNext) {
			st.done = true
			switch req.msg.mode {
			case modeThrow:
				st.queue = st.queue[1:]
				req.reject(req.msg.val)
			case modeReturn:
				// AsyncGeneratorAwaitReturn: the value is awaited first.
				st.running = true
				it.awaitValue(req.msg.val, func(v Value) {
					st.queue = st.queue[1:]
					st.running = false
					req.resolve(it.iterResult(v, true))
					it.asyncGenDrain(st)
				}, func(e Value) {
					st.queue = st.queue[1:]
					st.running = false
					req.reject(e)
					it.asyncGenDrain(st)
				}, nil)
				return
			default:
				st.queue = st.queue[1:]
				req.resolve(it.iterResult(Undefined, true))
			}
			continue
		}
		st.running = true
		if req.msg.mode == modeReturn {
			// Resumed at a yield with a return completion, the body awaits
			// the value before unwinding through its finally blocks.
			it.awaitValue(req.msg.val, func(v Value) {
				it.asyncGenRun(st, resumeMsg{val: v, mode: modeReturn})
			}, func(e Value) {
				it.asyncGenRun(st, resumeMsg{val: e, mode: modeThrow})
			}, nil)
			return
		}
		it.asyncGenRun(st, req.msg)
	}
}

func (it *Interp) asyncGenRun(st *genState, msg resumeMsg) {
	var m yieldMsg
	th := it.catchJS(func() { m = it.step(st.co, msg) })
	req := st.queue[0]
	if th != nil {
		st.queue = st.queue[1:]
		st.done = true
		st.running = false
		req.reject(th.Value)
		it.asyncGenDrain(st)
		return
	}
	if m.await {
		it.awaitValue(m.val, func(v Value) {
			it.asyncGenRun(st, resumeMsg{val: v})
		}, func(e Value) {
			it.asyncGenRun(st, resumeMsg{val: e, mode: modeThrow})
		}, nil)
		return
	}
	st.queue = st.queue[1:]
	st.running = false
	if m.done {
		st.done = true
		req.resolve(it.iterResult(m.val, true))
	} else {
		req.resolve(it.iterResult(m.val, false))
	}
	it.asyncGenDrain(st)
}

// forAwait implements for await (x of iterable).
func (it *Interp) forAwait(iterable Value, env *Env, body func(Value) bool) {
	if am := it.getV(iterable, PropKey{Sym: SymAsyncIterator}); !isNullish(am) {
		iter := it.call(am, iterable, nil)
		next := it.getV(iter, strKey("next"))
		for {
			r := it.await(it.call(next, iter, nil), env)
			if _, ok := r.(*Object); !ok {
				it.throwError("TypeError", "Iterator result %s is not an object", it.toString(r))
			}
			if toBool(it.getV(r, strKey("done"))) {
				return
			}
			if !body(it.getV(r, strKey("value"))) {
				if ret := it.getV(iter, strKey("return")); !isNullish(ret) {
					it.await(it.call(ret, iter, nil), env)
				}
				return
			}
		}
	}
	// CreateAsyncFromSyncIterator: each step resolves a promise through
	// PromiseResolve(value).then(unwrap), then awaits it.
	mf := it.getV(iterable, PropKey{Sym: SymIterator})
	if isNullish(mf) {
		it.throwError("TypeError", "%s is not async iterable", it.inspect(iterable, inspectOpts{depth: 0}))
	}
	iter := it.call(mf, iterable, nil)
	next := it.getV(iter, strKey("next"))
	for {
		r := it.call(next, iter, nil)
		done := toBool(it.getV(r, strKey("done")))
		val := it.getV(r, strKey("value"))
		p, resolve, reject := it.newPromiseCapability()
		var wrapper *Object
		if th := it.catchJS(func() { wrapper = it.promiseResolve(it.PromiseCtor, val) }); th != nil {
			reject(th.Value)
		} else {
			it.performThenGo(wrapper, func(v Value) {
				resolve(it.iterResult(v, done))
			}, reject, nil)
		}
		res := it.await(p, env)
		if toBool(it.getV(res, strKey("done"))) {
			return
		}
		if !body(it.getV(res, strKey("value"))) {
			return
		}
	}
}
