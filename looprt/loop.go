package looprt

import (
	"fmt"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// loop runs libuv's uv_run(UV_RUN_DEFAULT): timers once up front, then
// pending, idle/prepare, poll, check, close and timers again for as long
// as something keeps the loop alive.
func (rt *Runtime) loop(main Callback, esmInPoll *bool) {
	if !*esmInPoll && !rt.alive() {
		return
	}
	rt.iteration++
	rt.runTimers()
	for !rt.halted {
		rt.runPending()
		rt.phase = PhaseIdle // idle and prepare handles run no user callbacks
		rt.runPoll(main, esmInPoll)
		rt.runCheck()
		rt.runClose()
		if rt.halted {
			return
		}
		rt.iteration++
		if rt.iteration > rt.limits.MaxSteps {
			rt.truncate(fmt.Sprintf("iteration limit reached (%d loop iterations)", rt.limits.MaxSteps))
			return
		}
		rt.runTimers()
		if !rt.alive() {
			return
		}
	}
}

// alive is uv_loop_alive: ref'd active handles (timers, immediates, open
// handles), in-flight requests, or handles being closed.
func (rt *Runtime) alive() bool {
	if rt.halted {
		return false
	}
	if len(rt.closing) > 0 || rt.refTimers() {
		return true
	}
	for _, im := range rt.immediates {
		if im.ref && !im.cleared {
			return true
		}
	}
	for _, r := range rt.io {
		if r.ref {
			return true
		}
	}
	for _, h := range rt.handles {
		if h.ref {
			return true
		}
	}
	return false
}

// Immediate is a setImmediate callback.
type Immediate struct {
	rt      *Runtime
	cb      Callback
	queued  Phase
	ref     bool
	cleared bool
}

// SetImmediate queues cb for the check phase. Immediates queued while the
// check phase runs wait for the next iteration.
func (rt *Runtime) SetImmediate(cb Callback) *Immediate {
	im := &Immediate{rt: rt, cb: cb, queued: rt.phase, ref: true}
	if rt.exiting {
		rt.drop("immediate", cb)
		im.cleared = true
		return im
	}
	rt.immediates = append(rt.immediates, im)
	return im
}

// Clear cancels the immediate (clearImmediate).
func (im *Immediate) Clear() { im.cleared = true }

// Ref and Unref set whether the immediate keeps the loop alive.
func (im *Immediate) Ref()   { im.ref = true }
func (im *Immediate) Unref() { im.ref = false }

// HasRef reports whether the immediate keeps the loop alive.
func (im *Immediate) HasRef() bool { return im.ref }

// runCheck is the check phase: it runs the immediates queued before it
// started (processImmediate swaps the queue first).
func (rt *Runtime) runCheck() {
	rt.phase = PhaseCheck
	batch := rt.immediates
	rt.immediates = nil
	for _, im := range batch {
		if rt.halted {
			return
		}
		if im.cleared {
			continue
		}
		im.cleared = true
		reason := fmt.Sprintf("check phase runs the immediates queued before it started (this one was queued in the %s phase)", im.queued)
		if im.queued == PhaseCheck {
			reason = "an immediate queued during the check phase runs in the next iteration's check phase"
		}
		rt.macrotask(&task{cb: im.cb, phase: im.queued}, QueueImmediate, reason)
	}
}

// IORequest is an asynchronous operation (fs, dns, crypto, child process,
// a socket read...) whose callback the loop delivers when it completes.
type IORequest struct {
	rt       *Runtime
	cb       Callback
	kind     string
	start    mark
	dur      cost.Interval
	phase    Phase
	ref      bool
	forced   bool // the loop woke up for this request: it has completed
	finished bool
	id       int
}

// IOSpec describes an I/O request for Runtime.IO.
type IOSpec struct {
	// Kind names the operation; its duration is the timing-table row
	// "io."+Kind (e.g. "fs.stat"), or "io.default" if there is none; a row
	// for the modelled Node major ("io.fs.readFile@26") wins.
	Kind string
	// Duration, if set, overrides the table.
	Duration *cost.Interval
	// Phase is where the callback is delivered: PhasePoll (the default) or
	// PhasePending (callbacks libuv defers to the next iteration).
	Phase    Phase
	Callback Callback
	// Unref: the request does not keep the loop alive.
	Unref bool
}

// StartIO starts an I/O request of the given kind (see IOSpec.Kind).
func (rt *Runtime) StartIO(kind string, cb Callback) *IORequest {
	return rt.IO(IOSpec{Kind: kind, Callback: cb})
}

// IO starts an I/O request.
func (rt *Runtime) IO(spec IOSpec) *IORequest {
	rt.nextID++
	r := &IORequest{rt: rt, cb: spec.Callback, kind: spec.Kind, phase: spec.Phase, ref: !spec.Unref, id: rt.nextID}
	if r.phase != PhasePending {
		r.phase = PhasePoll
	}
	switch {
	case spec.Duration != nil:
		r.dur = *spec.Duration
	default:
		d, ok := rt.versionCost("io." + spec.Kind)
		if !ok {
			d, _ = rt.versionCost("io.default")
		}
		r.dur = d
	}
	if rt.exiting {
		rt.drop("I/O callback", spec.Callback)
		r.finished = true
		return r
	}
	r.start = rt.mark()
	rt.io = append(rt.io, r)
	return r
}

// Cancel drops the request's callback (e.g. a destroyed stream's read).
func (r *IORequest) Cancel() {
	r.finished = true
	r.rt.removeIO(r)
}

// Unref lets the loop exit while the request is in flight.
func (r *IORequest) Unref() { r.ref = false }

// Duration returns the interval the request takes.
func (r *IORequest) Duration() cost.Interval { return r.dur }

func (rt *Runtime) removeIO(r *IORequest) {
	for i, x := range rt.io {
		if x == r {
			rt.io = append(rt.io[:i], rt.io[i+1:]...)
			return
		}
	}
}

// completedBy returns the requests for a phase that have completed by at.
func (rt *Runtime) completedBy(at mark, phase Phase) []*IORequest {
	var out []*IORequest
	// A request that had not completed when the loop last woke up cannot
	// have completed since unless time has passed.
	still := rt.woke && rt.now == rt.wokeAt
	for _, r := range rt.io {
		if r.phase != phase {
			continue
		}
		if still && !r.forced {
			if e := elapsed(r.start, at); e.Min < r.dur.Max {
				continue
			}
		}
		if r.forced || rt.reached(r.start, at, r.dur, func() (string, string) {
			return fmt.Sprintf("%s %q has completed by the %s phase at %s (it takes %s)", r.kind, r.cb.Label, phase, at.w, r.dur),
				fmt.Sprintf("%s %q has not completed by the %s phase at %s (it takes %s)", r.kind, r.cb.Label, phase, at.w, r.dur)
		}) {
			out = append(out, r)
		}
	}
	return out
}

// event is something the poll phase can wake up for.
type event struct {
	base  mark
	dur   cost.Interval
	req   *IORequest // or
	timer *timerList
}

func (e event) label() string {
	if e.req != nil {
		return fmt.Sprintf("%s %q", e.req.kind, e.req.cb.Label)
	}
	return fmt.Sprintf("the %s timer %q", ms(e.timer.msecs), e.timer.timers[0].cb.Label)
}

// before reports whether event a happens before b, branching when the
// intervals overlap; exact ties go to a.
func (rt *Runtime) before(a, b event) bool {
	e := elapsed(a.base, b.base)
	lo := e.Min + b.dur.Min - a.dur.Max
	hi := e.Max + b.dur.Max - a.dur.Min
	if lo >= 0 {
		return true
	}
	if hi < 0 {
		return false
	}
	key := memoKey{a.base.seq, b.base.seq, int64(a.dur.Min<<1 | 1), int64(b.dur.Max)}
	if v, ok := rt.memo[key]; ok {
		return v
	}
	c := rt.choose([]string{
		fmt.Sprintf("%s completes before %s", a.label(), b.label()),
		fmt.Sprintf("%s completes before %s", b.label(), a.label()),
	})
	rt.memo[key] = c == 0
	return c == 0
}

func (r *IORequest) event() event {
	return event{base: r.start, dur: r.dur, req: r}
}

// byCompletion orders completed requests by completion time (thread-pool
// and socket completions are delivered in the order they happened).
func (rt *Runtime) byCompletion(rs []*IORequest) []*IORequest {
	out := append([]*IORequest(nil), rs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && !rt.before(out[j-1].event(), out[j].event()); j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// runPending runs I/O callbacks libuv deferred to the pending phase.
func (rt *Runtime) runPending() {
	rt.phase = PhasePending
	rt.deliver(rt.completedBy(rt.mark(), PhasePending), "deferred I/O callbacks run in the pending-callbacks phase of the iteration after they complete")
}

// runPoll is the poll phase. It blocks (advancing the virtual clock) when
// nothing else is ready: no immediates and no closing handles, until the
// first I/O completes or the next timer expires.
func (rt *Runtime) runPoll(main Callback, esmInPoll *bool) {
	rt.phase = PhasePoll
	if *esmInPoll {
		*esmInPoll = false
		rt.runMain(main, PhasePoll)
		return
	}
	ready := rt.completedBy(rt.mark(), PhasePoll)
	if len(ready) == 0 && rt.canBlock() {
		if !rt.wait() {
			return
		}
		ready = rt.completedBy(rt.mark(), PhasePoll)
	}
	rt.deliver(rt.byCompletion(ready), "")
}

// canBlock is libuv's backend timeout > 0 test.
func (rt *Runtime) canBlock() bool {
	if len(rt.closing) > 0 || !rt.alive() {
		return false
	}
	for _, im := range rt.immediates {
		if !im.cleared {
			return false
		}
	}
	return true
}

// wait advances the clock to the first I/O completion or timer expiry. It
// reports false when there is nothing to wait for.
func (rt *Runtime) wait() bool {
	var evs []event
	for _, r := range rt.io {
		evs = append(evs, r.event())
	}
	if l := rt.nextTimer(); l != nil {
		evs = append(evs, event{base: l.timers[0].start, dur: cost.Exactly(l.msecs), timer: l})
	}
	if len(evs) == 0 {
		if rt.alive() {
			rt.truncate("the event loop waits forever: an open handle keeps it alive and nothing else is scheduled")
		}
		return false
	}
	first := evs[0]
	for _, e := range evs[1:] {
		if !rt.before(first, e) {
			first = e
		}
	}
	at := cost.Interval{Min: first.base.w.Min + first.dur.Min, Max: first.base.w.Max + first.dur.Max}
	if at.Min > rt.now.Min || at.Max > rt.now.Max {
		rt.waits++
	}
	rt.now.Min = max(rt.now.Min, at.Min)
	rt.now.Max = max(rt.now.Max, at.Max)
	if first.req != nil {
		first.req.forced = true
	} else {
		first.timer.timers[0].forced = true
		rt.spendRow("loop.timer-wakeup")
	}
	rt.woke, rt.wokeAt = true, rt.now
	return true
}

// deliver runs completed I/O callbacks in order.
func (rt *Runtime) deliver(rs []*IORequest, reason string) {
	for _, r := range rs {
		if rt.halted {
			return
		}
		if r.finished {
			continue
		}
		r.finished = true
		rt.removeIO(r)
		why := reason
		if why == "" {
			why = fmt.Sprintf("%s completed (it takes %s from %s) and the poll phase delivers completed I/O", r.kind, r.dur, r.start.w)
		}
		rt.macrotask(&task{cb: r.cb, phase: rt.phase}, QueueIO, why)
	}
}

// Handle is a long-lived libuv handle (server, socket, watcher): it keeps
// the loop alive while open and ref'd, and its close callback runs in the
// close phase.
type Handle struct {
	rt    *Runtime
	label string
	ref   bool
	open  bool
}

// OpenHandle opens a handle that keeps the loop alive until closed.
func (rt *Runtime) OpenHandle(label string) *Handle {
	h := &Handle{rt: rt, label: label, ref: true, open: true}
	rt.handles = append(rt.handles, h)
	return h
}

// Ref and Unref set whether the open handle keeps the loop alive.
func (h *Handle) Ref()   { h.ref = true }
func (h *Handle) Unref() { h.ref = false }

// Close closes the handle; cb (if it has a label or body) runs in the
// next close phase. Closing twice does nothing.
func (h *Handle) Close(cb Callback) {
	if !h.open {
		return
	}
	h.open = false
	for i, x := range h.rt.handles {
		if x == h {
			h.rt.handles = append(h.rt.handles[:i], h.rt.handles[i+1:]...)
			break
		}
	}
	if cb.Label == "" {
		cb.Label = h.label + " close"
	}
	h.rt.Close(cb)
}

// Close queues a close callback (uv_close) for the next close phase.
func (rt *Runtime) Close(cb Callback) {
	if rt.exiting {
		rt.drop("close callback", cb)
		return
	}
	rt.closing = append(rt.closing, rt.newTask(cb))
}

// runClose is the close-callbacks phase; handles closed during it are
// processed in the next iteration.
func (rt *Runtime) runClose() {
	rt.phase = PhaseClose
	batch := rt.closing
	rt.closing = nil
	for _, t := range batch {
		rt.macrotask(t, QueueClose, fmt.Sprintf("close callbacks run in the close phase after the handle was closed (in the %s phase)", t.phase))
	}
}

// OnBeforeExit adds a 'beforeExit' listener: emitted each time the loop
// runs dry (not after process.exit); work it schedules restarts the loop.
func (rt *Runtime) OnBeforeExit(cb Callback) { rt.beforeExit = append(rt.beforeExit, cb) }

// OnExit adds an 'exit' listener. Listeners run once the process is
// exiting: ticks, timers and immediates they queue are dropped, promise
// jobs still run (after the last listener).
func (rt *Runtime) OnExit(cb Callback) { rt.exitHooks = append(rt.exitHooks, cb) }

// SetExitCode sets process.exitCode.
func (rt *Runtime) SetExitCode(code int) { rt.trace.ExitCode = code }

// ExitCode returns the exit code so far (the argument of 'exit' listeners).
func (rt *Runtime) ExitCode() int { return rt.trace.ExitCode }

// emitBeforeExit emits 'beforeExit' as one macrotask: listeners in order,
// then the queue drain.
func (rt *Runtime) emitBeforeExit() {
	rt.phase = PhaseBeforeExit
	for _, cb := range append([]Callback(nil), rt.beforeExit...) {
		rt.runTask(&task{cb: cb, phase: PhaseBeforeExit}, QueueBeforeExit,
			"the loop ran dry, so Node emits 'beforeExit' (work scheduled here restarts the loop)", nil)
	}
	rt.drain("beforeExit", false)
}

// emitExit emits 'exit' at the natural end of the process.
func (rt *Runtime) emitExit() {
	rt.exiting = true
	rt.phase = PhaseExit
	rt.runExitHooks("nothing keeps the loop alive and 'beforeExit' scheduled no new work, so the process emits 'exit'")
	// Promise jobs queued by the listeners run once the emit returns; ticks were dropped.
	n := 0
	rt.runQueue(&rt.micro, QueueMicrotask, "promise jobs queued in an 'exit' listener still run when the emit returns (nextTick and timers are dropped)", &n)
	rt.halt()
}

func (rt *Runtime) runExitHooks(reason string) {
	for _, cb := range append([]Callback(nil), rt.exitHooks...) {
		if rt.halted {
			return
		}
		rt.runTask(&task{cb: cb, phase: PhaseExit}, QueueExit, reason, nil)
	}
}

// Exit is process.exit(code): 'exit' listeners run synchronously and the
// process ends; everything still queued is dropped (listed in
// Trace.Dropped). The calling callback should stop running its body.
func (rt *Runtime) Exit(code int) {
	if rt.halted {
		return
	}
	rt.trace.ExitCode = code
	if rt.exiting { // process.exit inside an 'exit' listener
		rt.halt()
		return
	}
	rt.exiting = true
	prev := rt.phase
	rt.phase = PhaseExit
	rt.runExitHooks(fmt.Sprintf("process.exit(%d) was called in the %s phase and emits 'exit' synchronously", code, prev))
	rt.halt()
}

// halt ends the process, recording what was still queued.
func (rt *Runtime) halt() {
	rt.exiting = true
	rt.halted = true
	if rt.trace.Truncated {
		return
	}
	for rt.ticks.len() > 0 {
		rt.drop("nextTick", rt.ticks.pop().cb)
	}
	for rt.micro.len() > 0 {
		rt.drop("microtask", rt.micro.pop().cb)
	}
	for _, im := range rt.immediates {
		if !im.cleared {
			rt.drop("immediate", im.cb)
		}
	}
	for _, l := range rt.sortedLists() {
		for _, t := range l.timers {
			if t.ref {
				rt.drop("timer", t.cb)
			}
		}
	}
	for _, r := range rt.io {
		rt.drop("I/O callback", r.cb)
	}
	rt.immediates, rt.io, rt.timers.lists = nil, nil, nil
}
