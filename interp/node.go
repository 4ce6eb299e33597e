package interp

import (
	"fmt"
	"math"
	"math/big"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/looprt"
	"github.com/blockcheck/blockcheck/looprt/cost"
	"github.com/tdewolff/parse/v2/js"
)

// This file holds the Node.js globals implemented in Go: console, process,
// timers, queueMicrotask and require. Library modules written in JavaScript
// live in prelude.js.

func (it *Interp) callOffset() int {
	if it.callSite != nil {
		return it.prog.offsetOf(it.callSite)
	}
	return -1
}

// print records console output, one step line per printed line.
func (it *Interp) print(s string) {
	it.firstWrite(&it.stdoutUsed)
	off := -1
	if it.prog == it.rootProg {
		off = it.callOffset()
	}
	if it.stdoutBuf != "" {
		// a partial line from process.stdout.write continues here
		s = it.stdoutBuf + it.groupIndent + s
		it.stdoutBuf = ""
	} else {
		s = it.groupIndent + s
	}
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			line = it.groupIndent + line
		}
		it.loop.rt.Print(line)
		it.printOffsets = append(it.printOffsets, off)
	}
}

func (it *Interp) fnNode(v Value) js.INode {
	if o, ok := v.(*Object); ok && o.fn != nil {
		if o.fn.boundTarget != nil {
			return it.fnNode(o.fn.boundTarget)
		}
		return o.fn.node
	}
	return nil
}

func (it *Interp) fnLabel(kind string, v Value) string {
	if o, ok := v.(*Object); ok && o.fn != nil && o.fn.name != "" {
		return kind + " " + o.fn.name
	}
	return kind + " callback"
}

type timerState struct {
	t        *looprt.Timer
	im       *looprt.Immediate
	id       float64
	interval bool
}

// refHandle is what a Timeout or Immediate object's ref, unref and
// hasRef act on.
type refHandle interface {
	Ref()
	Unref()
	HasRef() bool
}

func (it *Interp) setupNode() {
	console := it.NewPlain()
	it.defineGlobal("console", console)
	logFn := func(it *Interp, this Value, a []Value) Value {
		it.print(it.format(a))
		return Undefined
	}
	for _, n := range []string{"log", "info", "debug"} {
		it.method(console, n, 0, logFn)
	}
	for _, n := range []string{"error", "warn", "trace"} {
		it.method(console, n, 0, func(it *Interp, this Value, a []Value) Value {
			it.format(a) // formatting can run user code (toString, getters)
			it.firstWrite(&it.stderrUsed)
			return Undefined
		})
	}
	it.method(console, "dir", 1, func(it *Interp, this Value, a []Value) Value {
		it.print(it.inspectDefault(arg(a, 0)))
		return Undefined
	})
	for _, n := range []string{"group", "groupCollapsed"} {
		it.method(console, n, 0, func(it *Interp, this Value, a []Value) Value {
			if len(a) > 0 {
				it.print(it.format(a))
			}
			it.groupIndent += "  "
			return Undefined
		})
	}
	it.method(console, "groupEnd", 0, func(it *Interp, this Value, a []Value) Value {
		if len(it.groupIndent) >= 2 {
			it.groupIndent = it.groupIndent[2:]
		}
		return Undefined
	})
	counts := map[string]int{}
	it.method(console, "count", 0, func(it *Interp, this Value, a []Value) Value {
		label := "default"
		if arg(a, 0) != Undefined {
			label = it.toString(a[0])
		}
		counts[label]++
		it.print(fmt.Sprintf("%s: %d", label, counts[label]))
		return Undefined
	})
	it.method(console, "countReset", 0, func(it *Interp, this Value, a []Value) Value {
		label := "default"
		if arg(a, 0) != Undefined {
			label = it.toString(a[0])
		}
		counts[label] = 0
		return Undefined
	})
	it.method(console, "assert", 0, func(it *Interp, this Value, a []Value) Value {
		return Undefined // failures go to stderr
	})
	for _, n := range []string{"table", "time", "timeEnd", "timeLog"} {
		name := n
		it.method(console, n, 0, func(it *Interp, this Value, a []Value) Value {
			if name == "time" {
				return Undefined
			}
			it.addUnknown(it.callOffset(), "console."+name, "console."+name+" output is not modelled (it prints measured times or tables)")
			return Undefined
		})
	}

	uri := func(name string, enc bool, keep string) {
		it.defineGlobal(name, it.NativeFunc(name, 1, func(it *Interp, this Value, a []Value) Value {
			s := it.toString(arg(a, 0))
			if enc {
				return uriEncode(s, keep)
			}
			out, err := url.PathUnescape(strings.ReplaceAll(s, "+", "%2B"))
			if err != nil {
				it.throwError("URIError", "URI malformed")
			}
			return out
		}))
	}
	uri("encodeURIComponent", true, "-_.!~*'()")
	uri("encodeURI", true, "-_.!~*'();/?:@&=+$,#")
	uri("decodeURIComponent", false, "")
	uri("decodeURI", false, "")
	perf := it.NewPlain()
	it.method(perf, "now", 0, func(it *Interp, this Value, a []Value) Value {
		it.spendClockRead()
		return 30 + it.now()
	})
	perf.setOwn(strKey("timeOrigin"), 1.7e12)
	it.method(perf, "mark", 1, func(it *Interp, this Value, a []Value) Value { return Undefined })
	it.method(perf, "measure", 1, func(it *Interp, this Value, a []Value) Value { return Undefined })
	it.defineGlobal("performance", perf)
	it.defineGlobal("queueMicrotask", it.NativeFunc("queueMicrotask", 1, func(it *Interp, this Value, a []Value) Value {
		fn, ok := arg(a, 0).(*Object)
		if !ok || fn.fn == nil {
			it.throwError("TypeError", "The \"callback\" argument must be of type function. Received %s", it.inspect(arg(a, 0), inspectOpts{depth: 0}))
		}
		it.loop.microtask(&task{kind: "microtask", label: it.fnLabel("queueMicrotask", fn), node: it.fnNode(fn), fn: func() {
			it.callObj(fn, Undefined, nil)
		}})
		return Undefined
	}))

	// timers
	nextID := 1.0
	timeoutProto := it.NewPlain()
	timeoutCtor := it.NativeFunc("Timeout", 0, nil)
	timeoutProto.defineHidden(strKey("constructor"), timeoutCtor)
	immediateProto := it.NewPlain()
	immediateProto.defineHidden(strKey("constructor"), it.NativeFunc("Immediate", 0, nil))
	tstate := func(this Value) *timerState {
		if o, ok := this.(*Object); ok {
			if st, ok := o.internal.(*timerState); ok {
				return st
			}
		}
		return nil
	}
	refs := func(proto *Object, handle func(*timerState) refHandle) {
		handleOf := func(this Value) refHandle {
			if st := tstate(this); st != nil {
				return handle(st)
			}
			return nil
		}
		it.method(proto, "ref", 0, func(it *Interp, this Value, a []Value) Value {
			if h := handleOf(this); h != nil {
				h.Ref()
			}
			return this
		})
		it.method(proto, "unref", 0, func(it *Interp, this Value, a []Value) Value {
			if h := handleOf(this); h != nil {
				h.Unref()
			}
			return this
		})
		it.method(proto, "hasRef", 0, func(it *Interp, this Value, a []Value) Value {
			if h := handleOf(this); h != nil {
				return h.HasRef()
			}
			return false
		})
	}
	refs(timeoutProto, func(st *timerState) refHandle {
		if st.t == nil {
			return nil
		}
		return st.t
	})
	refs(immediateProto, func(st *timerState) refHandle {
		if st.im == nil {
			return nil
		}
		return st.im
	})
	it.method(timeoutProto, "refresh", 0, func(it *Interp, this Value, a []Value) Value {
		if st := tstate(this); st != nil && st.t != nil {
			st.t.Refresh()
		}
		return this
	})
	it.method(timeoutProto, "close", 0, func(it *Interp, this Value, a []Value) Value {
		if st := tstate(this); st != nil && st.t != nil {
			st.t.Clear()
		}
		return this
	})
	it.symMethod(timeoutProto, SymToPrimitive, "[Symbol.toPrimitive]", func(it *Interp, this Value, a []Value) Value {
		if st := tstate(this); st != nil {
			return st.id
		}
		return math.NaN()
	})
	timersByID := map[float64]*timerState{}
	mkTimer := func(interval bool) nativeFn {
		kind := "setTimeout"
		if interval {
			kind = "setInterval"
		}
		return func(it *Interp, this Value, a []Value) Value {
			fn, ok := arg(a, 0).(*Object)
			if !ok || fn.fn == nil {
				it.throwError("TypeError", "The \"callback\" argument must be of type function. Received %s", it.inspect(arg(a, 0), inspectOpts{depth: 0}))
			}
			delay := math.NaN()
			if d, ok := arg(a, 1).(float64); ok {
				delay = d
			} else if arg(a, 1) != Undefined {
				delay = it.toNumber(arg(a, 1))
			}
			if delay > looprt.TimeoutMax && !math.IsInf(delay, 1) {
				// Node warns on stderr and uses 1 ms.
				delay = 1
			}
			var extra []Value
			if len(a) > 2 {
				extra = append(extra, a[2:]...)
			}
			obj := &Object{proto: timeoutProto, class: "Timeout", extensible: true}
			st := &timerState{id: nextID, interval: interval}
			nextID++
			obj.internal = st
			timersByID[st.id] = st
			t := &task{kind: "timer", label: it.fnLabel(kind, fn), node: it.fnNode(fn), fn: func() {
				if !interval {
					delete(timersByID, st.id)
				}
				it.callObj(fn, obj, extra)
			}}
			cb := it.loop.callback(t)
			if interval {
				st.t = it.loop.rt.SetInterval(cb, delay)
			} else {
				st.t = it.loop.rt.SetTimeout(cb, delay)
			}
			return obj
		}
	}
	it.defineGlobal("setTimeout", it.NativeFunc("setTimeout", 2, mkTimer(false)))
	it.defineGlobal("setInterval", it.NativeFunc("setInterval", 2, mkTimer(true)))
	clear := func(it *Interp, this Value, a []Value) Value {
		switch x := arg(a, 0).(type) {
		case *Object:
			if st := tstate(x); st != nil {
				if st.t != nil {
					st.t.Clear()
				}
				if st.im != nil {
					st.im.Clear()
				}
			}
		case float64:
			if st := timersByID[x]; st != nil && st.t != nil {
				st.t.Clear()
			}
		case string:
			if st := timersByID[stringToNumber(x)]; st != nil && st.t != nil {
				st.t.Clear()
			}
		}
		return Undefined
	}
	it.defineGlobal("clearTimeout", it.NativeFunc("clearTimeout", 1, clear))
	it.defineGlobal("clearInterval", it.NativeFunc("clearInterval", 1, clear))
	it.defineGlobal("clearImmediate", it.NativeFunc("clearImmediate", 1, clear))
	it.defineGlobal("setImmediate", it.NativeFunc("setImmediate", 1, func(it *Interp, this Value, a []Value) Value {
		fn, ok := arg(a, 0).(*Object)
		if !ok || fn.fn == nil {
			it.throwError("TypeError", "The \"callback\" argument must be of type function. Received %s", it.inspect(arg(a, 0), inspectOpts{depth: 0}))
		}
		var extra []Value
		if len(a) > 1 {
			extra = append(extra, a[1:]...)
		}
		obj := &Object{proto: immediateProto, class: "Immediate", extensible: true}
		st := &timerState{}
		obj.internal = st
		st.im = it.loop.rt.SetImmediate(it.loop.callback(&task{kind: "immediate", label: it.fnLabel("setImmediate", fn), node: it.fnNode(fn), fn: func() {
			it.callObj(fn, obj, extra)
		}}))
		return obj
	}))
}

// setupProcess fills in the process object (an EventEmitter from the prelude).
func (it *Interp) setupProcess(proc *Object) {
	it.process = proc
	it.method(proc, "nextTick", 1, func(it *Interp, this Value, a []Value) Value {
		fn, ok := arg(a, 0).(*Object)
		if !ok || fn.fn == nil {
			it.throwError("TypeError", "The \"callback\" argument must be of type function. Received %s", it.inspect(arg(a, 0), inspectOpts{depth: 0}))
		}
		var extra []Value
		if len(a) > 1 {
			extra = append(extra, a[1:]...)
		}
		it.loop.nextTick(&task{kind: "tick", label: it.fnLabel("nextTick", fn), node: it.fnNode(fn), fn: func() {
			it.callObj(fn, Undefined, extra)
		}})
		return Undefined
	})
	it.method(proc, "exit", 1, func(it *Interp, this Value, a []Value) Value {
		code := it.exitCode
		if arg(a, 0) != Undefined {
			code = int(it.toNumber(a[0]))
		}
		it.exitCode = code
		it.exiting = true
		it.loop.rt.Exit(code)
		panic(&abort{reason: "exit"})
	})
	proc.defineAccessor(strKey("exitCode"), it.NativeFunc("get exitCode", 0, func(it *Interp, this Value, a []Value) Value {
		if !it.exitCodeSet {
			return Undefined
		}
		return float64(it.exitCode)
	}), it.NativeFunc("set exitCode", 1, func(it *Interp, this Value, a []Value) Value {
		it.exitCode = int(it.toNumber(arg(a, 0)))
		it.exitCodeSet = true
		it.loop.rt.SetExitCode(it.exitCode)
		return Undefined
	}), true)
	argv := it.newArray([]Value{"/usr/local/bin/node", it.prog.Path})
	proc.setOwn(strKey("argv"), argv)
	proc.setOwn(strKey("execArgv"), it.newArray(nil))
	env := it.NewPlain()
	env.setOwn(strKey("NODE_ENV"), Undefined)
	proc.setOwn(strKey("env"), env)
	proc.setOwn(strKey("platform"), "linux")
	proc.setOwn(strKey("arch"), "x64")
	proc.setOwn(strKey("pid"), 4242.0)
	ver := "v" + strconv.Itoa(it.opts.Node) + ".0.0"
	proc.setOwn(strKey("version"), ver)
	versions := it.NewPlain()
	versions.setOwn(strKey("node"), strings.TrimPrefix(ver, "v"))
	proc.setOwn(strKey("versions"), versions)
	proc.setOwn(strKey("title"), "node")
	it.method(proc, "cwd", 0, func(it *Interp, this Value, a []Value) Value { return path.Dir(it.prog.Path) })
	it.method(proc, "uptime", 0, func(it *Interp, this Value, a []Value) Value {
		it.spendClockRead()
		return (30 + it.now()) / 1000
	})
	hr := it.method(proc, "hrtime", 1, func(it *Interp, this Value, a []Value) Value {
		it.spendClockRead()
		ns := (1e9 + it.now()*1e6)
		return it.newArray([]Value{math.Floor(ns / 1e9), math.Mod(ns, 1e9)})
	})
	it.method(hr, "bigint", 0, func(it *Interp, this Value, a []Value) Value {
		it.spendClockRead()
		b, _ := big.NewFloat(1e9 + it.now()*1e6).Int(nil)
		return b
	})
	it.method(proc, "memoryUsage", 0, func(it *Interp, this Value, a []Value) Value {
		o := it.NewPlain()
		o.setOwn(strKey("rss"), 4e7)
		o.setOwn(strKey("heapTotal"), 6e6)
		o.setOwn(strKey("heapUsed"), 4e6)
		return o
	})
	write := func(out bool) *Object {
		s := it.NewPlain()
		it.method(s, "write", 1, func(it *Interp, this Value, a []Value) Value {
			if out {
				it.firstWrite(&it.stdoutUsed)
				it.stdoutWrite(it.toString(arg(a, 0)))
			} else {
				it.firstWrite(&it.stderrUsed)
			}
			if fn, ok := arg(a, len(a)-1).(*Object); ok && fn.fn != nil && len(a) > 1 {
				it.loop.nextTick(&task{kind: "tick", label: "write callback", node: fn.fn.node, fn: func() { it.callObj(fn, Undefined, nil) }})
			}
			return true
		})
		s.setOwn(strKey("isTTY"), false)
		s.setOwn(strKey("columns"), 80.0)
		return s
	}
	proc.setOwn(strKey("stdout"), write(true))
	proc.setOwn(strKey("stderr"), write(false))
	stdin := it.NewPlain()
	proc.setOwn(strKey("stdin"), stdin)
	it.defineGlobal("process", proc)

	emit := it.getV(proc, strKey("emit"))
	it.loop.rt.OnBeforeExit(looprt.Callback{Label: "process 'beforeExit'", Pos: looprt.Pos{File: it.prog.Path}, Fn: func() {
		it.runTask(&task{kind: "beforeExit", fn: func() {
			if it.listenerCount("beforeExit") > 0 {
				it.call(emit, proc, []Value{"beforeExit", float64(it.loop.rt.ExitCode())})
			}
		}})
	}})
	it.loop.rt.OnExit(looprt.Callback{Label: "process 'exit'", Pos: looprt.Pos{File: it.prog.Path}, Fn: func() {
		it.runTask(&task{kind: "exit", fn: func() {
			code := it.loop.rt.ExitCode()
			if it.listenerCount("exit") > 0 {
				it.call(emit, proc, []Value{"exit", float64(code)})
			}
		}})
	}})
}

func (it *Interp) listenerCount(ev string) int {
	f := it.getV(it.process, strKey("listenerCount"))
	return int(it.toNumber(it.call(f, it.process, []Value{ev})))
}

// stdoutWrite buffers partial lines written with process.stdout.write.
func (it *Interp) stdoutWrite(s string) {
	it.stdoutBuf += s
	for {
		i := strings.IndexByte(it.stdoutBuf, '\n')
		if i < 0 {
			return
		}
		it.loop.rt.Print(it.stdoutBuf[:i])
		it.printOffsets = append(it.printOffsets, -1)
		it.stdoutBuf = it.stdoutBuf[i+1:]
	}
}

// uncaught handles an exception nobody caught: 'uncaughtException'
// listeners, else the process dies with exit code 1 (stderr not modelled).
func (it *Interp) uncaught(v Value, kind string) {
	if it.halted || it.exiting {
		return
	}
	if it.process != nil && it.listenerCount("uncaughtException") > 0 {
		emit := it.getV(it.process, strKey("emit"))
		if th := it.catchJS(func() { it.call(emit, it.process, []Value{"uncaughtException", v, kind}) }); th == nil {
			return
		}
	}
	it.exitCode = 1
	msg := it.describeThrown(v)
	// A deliberate crash (throw new Error, an unhandled rejection) is a
	// prediction like any other; a TypeError or ReferenceError is more
	// likely a built-in the model lacks, so it is reported as an unknown.
	if !it.likelyModelGap(v) {
		it.exiting = true
		it.loop.rt.Exit(it.exitCode)
		return
	}
	it.addUnknown(it.throwOffset, "uncaught "+kind, "the program ends with an uncaught exception ("+msg+"); Node prints it to stderr and exits with code 1 — if that is not expected, a construct here is not modelled")
	it.exiting = true
	it.loop.rt.Exit(it.exitCode)
}

// ---- unhandled rejections ----

// scheduleRejectionCheck arranges for processPromiseRejections to run once
// the nextTick and microtask queues are both empty, as Node does at the end
// of processTicksAndRejections.
func (it *Interp) scheduleRejectionCheck() {
	if it.rejectCheckQueued {
		return
	}
	it.rejectCheckQueued = true
	it.queueRejectionCheck(false)
}

func (it *Interp) queueRejectionCheck(asTick bool) {
	cb := looprt.Callback{Label: "processPromiseRejections", Pos: looprt.Pos{File: it.prog.Path}, Fn: func() {
		rt := it.loop.rt
		switch {
		case rt.PendingMicrotasks() > 0:
			it.queueRejectionCheck(false)
		case rt.PendingTicks() > 0:
			it.queueRejectionCheck(true)
		default:
			it.rejectCheckQueued = false
			it.runTask(&task{kind: "rejection", fn: it.processRejections})
		}
	}}
	if asTick {
		it.loop.rt.NextTick(cb)
	} else {
		it.loop.rt.QueueMicrotask(cb)
	}
}

func (it *Interp) processRejections() {
	emit := it.getV(it.process, strKey("emit"))
	for len(it.handledLate) > 0 {
		p := it.handledLate[0]
		it.handledLate = it.handledLate[1:]
		it.call(emit, it.process, []Value{"rejectionHandled", p})
	}
	for len(it.pendingReject) > 0 {
		p := it.pendingReject[0]
		it.pendingReject = it.pendingReject[1:]
		ps := p.internal.(*promiseState)
		if ps.handled {
			continue
		}
		ps.warned = true
		if it.listenerCount("unhandledRejection") > 0 {
			it.call(emit, it.process, []Value{"unhandledRejection", ps.value, p})
			continue
		}
		// --unhandled-rejections=throw (the default since Node 15)
		it.uncaught(ps.value, "unhandledRejection")
		return
	}
}

// describeThrown renders a thrown value for a message.
func (it *Interp) describeThrown(v Value) string {
	if o, ok := v.(*Object); ok && o.class == "Error" {
		var s string
		if th := it.catchJS(func() {
			s = it.toString(it.getV(o, strKey("name"))) + ": " + it.toString(it.getV(o, strKey("message")))
		}); th == nil {
			return s
		}
	}
	var s string
	if th := it.catchJS(func() { s = it.inspect(v, inspectOpts{depth: 1}) }); th != nil {
		return "a value"
	}
	return s
}

func uriEncode(s, keep string) string {
	var sb strings.Builder
	for _, b := range []byte(s) {
		c := rune(b)
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(keep, c)) {
			sb.WriteByte(b)
		} else {
			fmt.Fprintf(&sb, "%%%02X", b)
		}
	}
	return sb.String()
}

func (it *Interp) likelyModelGap(v Value) bool {
	o, ok := v.(*Object)
	if !ok || o.class != "Error" {
		return false
	}
	for p := o.proto; p != nil; p = p.proto {
		for _, k := range []string{"TypeError", "ReferenceError"} {
			if c := it.errorCtors[k]; c != nil && it.getV(c, strKey("prototype")) == Value(p) {
				return true
			}
		}
	}
	return false
}

// firstStdioWrite is the CPU time of a process's first write to stdout (or
// stderr): Node builds process.stdout lazily, loading the tty/net/stream
// machinery. Measured with process.hrtime around the first and second
// console.log on Node 18-26 (2-8 ms first, 0.03-0.1 ms after). It is why a
// 0 ms timer armed before the first log is always due when the loop starts
// (corpus fs_readfile_vs_timers_main.js: the first log is in a nextTick) and
// why a 3 ms timer can beat the first check phase after an ES module logs at
// top level (esm_timers_promises.mjs on Node 22+).
var firstStdioWrite = cost.Between(1500*time.Microsecond, 8*time.Millisecond)

func (it *Interp) firstWrite(used *bool) {
	if *used {
		return
	}
	*used = true
	it.loop.rt.Spend(firstStdioWrite)
}
