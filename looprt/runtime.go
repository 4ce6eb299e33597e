package looprt

import (
	"fmt"
	"time"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// ModuleKind says how the main module is loaded.
type ModuleKind int

const (
	CommonJS ModuleKind = iota // main runs outside any microtask: ticks drain first
	ESModule                   // main is evaluated inside a promise job: microtasks drain first
)

func (m ModuleKind) String() string {
	if m == ESModule {
		return "ES module"
	}
	return "CommonJS"
}

// Oracle resolves the choices a run cannot decide from the timing model
// alone. Choose gets one sentence per option (each an assumption, the
// likeliest first) and returns the index taken.
type Oracle interface {
	Choose(options []string) int
}

// Limits bound one run. Zero fields take the defaults.
type Limits struct {
	MaxSteps int           // callbacks per run (default 200,000)
	MaxDrain int           // callbacks in one nextTick/microtask drain before it counts as starvation (default 50,000)
	MaxTime  time.Duration // virtual time (default 1 hour)
	// Deadline, if set, stops the run when the wall clock passes it: a
	// loop of cheap callbacks (an interval never cleared) takes seconds
	// to reach MaxSteps, each callback's step recorded with its reason.
	Deadline time.Time
}

func (l Limits) withDefaults() Limits {
	if l.MaxSteps <= 0 {
		l.MaxSteps = 200_000
	}
	if l.MaxDrain <= 0 {
		l.MaxDrain = 50_000
	}
	if l.MaxTime <= 0 {
		l.MaxTime = time.Hour
	}
	return l
}

// Config configures a Runtime.
type Config struct {
	Node   int         // Node major: 18, 20, 22, 24 or 26 (0: DefaultMajor)
	Module ModuleKind  // CommonJS or ESModule entry
	Timing *cost.Table // timing model (nil: cost.Default())
	Oracle Oracle      // resolves timing choices (nil: always the likeliest)
	Limits Limits
}

// Runtime simulates one Node.js process on a virtual clock. Schedule work
// from the main callback passed to Run and from callbacks it schedules.
// A Runtime runs once; it is not safe for concurrent use.
type Runtime struct {
	cfg     Config
	prof    Profile
	table   *cost.Table
	oracle  Oracle
	limits  Limits
	trace   *Trace
	now     Window
	markSeq uint64
	waits   int // poll-phase sleeps to an absolute instant (see mark)
	memo    map[memoKey]bool

	phase     Phase
	iteration int
	current   *task // the callback running now
	ran       bool
	halted    bool // a limit, starvation or process.exit stopped the run
	exiting   bool // 'exit' is being emitted: ticks and timers are dropped

	ticks, micro queue
	timers       timerState
	immediates   []*Immediate
	io           []*IORequest
	handles      []*Handle
	closing      []*task
	beforeExit   []Callback
	exitHooks    []Callback
	nextID       int
	woke         bool   // the poll phase has blocked at least once
	wokeAt       Window // the clock when it last woke up
}

// task is a queued callback with the context needed to explain it.
type task struct {
	cb     Callback
	parent *task // the callback that queued it (nil: top level)
	phase  Phase // phase it was queued in
}

// queue is a FIFO of tasks.
type queue struct {
	items []*task
	head  int
}

func (q *queue) push(t *task) { q.items = append(q.items, t) }
func (q *queue) len() int     { return len(q.items) - q.head }
func (q *queue) pop() *task {
	t := q.items[q.head]
	q.items[q.head] = nil
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	return t
}

// New returns a Runtime for cfg. It fails only for an unknown Node major.
func New(cfg Config) (*Runtime, error) {
	prof, err := ProfileFor(cfg.Node)
	if err != nil {
		return nil, err
	}
	if cfg.Timing == nil {
		cfg.Timing = cost.Default()
	}
	return &Runtime{
		cfg:    cfg,
		prof:   prof,
		table:  cfg.Timing,
		oracle: cfg.Oracle,
		limits: cfg.Limits.withDefaults(),
		trace:  &Trace{},
		memo:   map[memoKey]bool{},
	}, nil
}

// MustNew is New for configurations known to be valid.
func MustNew(cfg Config) *Runtime {
	rt, err := New(cfg)
	if err != nil {
		panic(err)
	}
	return rt
}

// Profile returns the Node version profile in use.
func (rt *Runtime) Profile() Profile { return rt.prof }

// Config returns the configuration (with defaults filled in).
func (rt *Runtime) Config() Config { return rt.cfg }

// Now returns the virtual time.
func (rt *Runtime) Now() Window { return rt.now }

// Phase returns the phase running now.
func (rt *Runtime) Phase() Phase { return rt.phase }

// Iteration returns the loop iteration (0 before the loop starts).
func (rt *Runtime) Iteration() int { return rt.iteration }

// Trace returns the trace so far (complete after Run).
func (rt *Runtime) Trace() *Trace { return rt.trace }

// Spend advances the virtual clock inside the running callback by d: a busy
// wait, a synchronous API, a CPU-heavy loop. Timers may become due meanwhile.
func (rt *Runtime) Spend(d cost.Interval) { rt.spend(d) }

// SpendOn advances the clock by n units of a timing-table row (e.g.
// "blocking.crypto.pbkdf2Sync", 100000 iterations) and returns the interval.
// An unknown key spends nothing and returns false.
func (rt *Runtime) SpendOn(key string, n float64) (cost.Interval, bool) {
	d, ok := rt.table.Cost(key, n)
	if ok {
		rt.spend(d)
	}
	return d, ok
}

// Print records a line of program output on the current step.
func (rt *Runtime) Print(line string) {
	if n := len(rt.trace.Steps); n > 0 {
		s := &rt.trace.Steps[n-1]
		s.Output = append(s.Output, line)
	}
}

// Exited reports whether the process has exited (process.exit or the end
// of 'exit'). Callbacks queued afterwards are dropped.
func (rt *Runtime) Exited() bool { return rt.halted && rt.exiting }

// Run runs main as the entry module, then the event loop until nothing
// keeps it alive, then 'beforeExit' (which may restart the loop) and 'exit'.
// It returns the trace.
func (rt *Runtime) Run(main Callback) *Trace {
	if rt.ran {
		panic("looprt: Runtime.Run called twice; use a fresh Runtime per run")
	}
	rt.ran = true
	esmInPoll := rt.cfg.Module == ESModule && rt.prof.ESMEntryInPoll
	if !esmInPoll {
		rt.runMain(main, PhaseMain)
		rt.spendRow("startup.main-tail")
	}
	for !rt.halted {
		rt.loop(main, &esmInPoll)
		if rt.halted || len(rt.beforeExit) == 0 {
			break
		}
		rt.emitBeforeExit()
		if !rt.alive() {
			break
		}
	}
	if !rt.halted {
		rt.emitExit()
	}
	rt.trace.End = rt.now
	return rt.trace
}

// runMain runs the entry module and the queues after it.
func (rt *Runtime) runMain(main Callback, phase Phase) {
	rt.phase = phase
	reason := "the main module runs first, before the event loop starts"
	if rt.cfg.Module == ESModule {
		if phase == PhasePoll {
			reason = fmt.Sprintf("Node %d reads the ES-module entry with async fs and evaluates it from the poll phase of the first iteration", rt.prof.Major)
		} else {
			reason = fmt.Sprintf("Node %d loads the ES-module entry synchronously and evaluates it before the event loop starts", rt.prof.Major)
		}
	}
	rt.runTask(&task{cb: main, phase: phase}, QueueMain, reason, nil)
	rt.drain(main.Label, rt.cfg.Module == ESModule)
}

// spendRow spends one unit of a timing-table row, with a version-specific
// row ("key@20") taking precedence.
func (rt *Runtime) spendRow(key string) cost.Interval {
	if d, ok := rt.versionCost(key); ok {
		rt.spend(d)
		return d
	}
	d, _ := rt.SpendOn(key, 1)
	return d
}

// versionCost looks up one unit of a row for the modelled Node major: the
// version-specific row ("key@26") when there is one, else the row.
func (rt *Runtime) versionCost(key string) (cost.Interval, bool) {
	if d, ok := rt.table.Cost(fmt.Sprintf("%s@%d", key, rt.prof.Major), 1); ok {
		return d, true
	}
	return rt.table.Cost(key, 1)
}

// runTask records a step and runs the callback body, then its cost.
func (rt *Runtime) runTask(t *task, q Queue, reason string, due *timerDue) {
	if rt.halted {
		return
	}
	if len(rt.trace.Steps) >= rt.limits.MaxSteps {
		rt.truncate(fmt.Sprintf("step limit reached (%d callbacks)", rt.limits.MaxSteps))
		return
	}
	if rt.now.Min > rt.limits.MaxTime {
		rt.truncate(fmt.Sprintf("virtual time limit reached (%s)", ms(rt.limits.MaxTime)))
		return
	}
	if len(rt.trace.Steps)&1023 == 1023 && !rt.limits.Deadline.IsZero() && time.Now().After(rt.limits.Deadline) {
		rt.truncate("the time budget ran out")
		return
	}
	rt.trace.Steps = append(rt.trace.Steps, Step{
		Seq:       len(rt.trace.Steps) + 1,
		Time:      rt.now,
		Iteration: rt.iteration,
		Phase:     rt.phase,
		Queue:     q,
		Label:     t.cb.Label,
		Pos:       t.cb.Pos,
		reason:    reason,
		due:       due,
	})
	prev := rt.current
	rt.current = t
	if t.cb.Fn != nil {
		t.cb.Fn()
	}
	rt.spend(t.cb.Cost)
	rt.current = prev
}

func (rt *Runtime) truncate(why string) {
	if !rt.trace.Truncated {
		rt.trace.Truncated, rt.trace.Why = true, why
	}
	rt.halted = true
}

// newTask wraps a callback queued now.
func (rt *Runtime) newTask(cb Callback) *task {
	return &task{cb: cb, parent: rt.current, phase: rt.phase}
}

// drop records a callback that will never run because the process exits.
func (rt *Runtime) drop(kind string, cb Callback) {
	why := "queued while the process was exiting"
	if rt.halted {
		why = "still queued when the process exited"
	}
	rt.trace.Dropped = append(rt.trace.Dropped, fmt.Sprintf("%s %q%s (%s)", kind, cb.Label, posSuffix(cb.Pos), why))
}

// NextTick queues cb on the process.nextTick queue.
func (rt *Runtime) NextTick(cb Callback) {
	if rt.exiting {
		rt.drop("nextTick", cb)
		return
	}
	rt.ticks.push(rt.newTask(cb))
}

// QueueMicrotask queues cb on V8's microtask queue: promise reactions,
// await resumptions and queueMicrotask all share it in FIFO order.
func (rt *Runtime) QueueMicrotask(cb Callback) {
	if rt.halted {
		rt.drop("microtask", cb)
		return
	}
	rt.micro.push(rt.newTask(cb))
}

// PendingTicks and PendingMicrotasks report the queue lengths.
func (rt *Runtime) PendingTicks() int      { return rt.ticks.len() }
func (rt *Runtime) PendingMicrotasks() int { return rt.micro.len() }

// drain empties the nextTick and microtask queues the way Node does after
// the main module and after every macrotask callback: all ticks, then all
// microtasks, repeated until both are empty (processTicksAndRejections).
// After an ES module's evaluation the microtasks come first, because the
// evaluation itself ran inside a promise job.
func (rt *Runtime) drain(after string, microFirst bool) {
	if rt.ticks.len() == 0 && rt.micro.len() == 0 {
		return
	}
	n := 0
	ctx := fmt.Sprintf("after %q returns", after)
	if rt.phase == PhaseMain || (rt.phase == PhasePoll && microFirst) {
		ctx = "after the main module"
	}
	if microFirst {
		reason := fmt.Sprintf("promise jobs run before nextTick callbacks %s (ES module: the evaluation is itself a promise job, so V8 drains its microtask queue first)", ctx)
		if !rt.runQueue(&rt.micro, QueueMicrotask, reason, &n) {
			return
		}
	}
	for rt.ticks.len() > 0 || rt.micro.len() > 0 {
		tickReason := fmt.Sprintf("nextTick queue drains before promise jobs %s", ctx)
		if rt.phase == PhaseMain && !microFirst {
			tickReason += " (CommonJS)"
		}
		if !rt.runQueue(&rt.ticks, QueueNextTick, tickReason, &n) {
			return
		}
		microReason := fmt.Sprintf("promise jobs run once the nextTick queue is empty %s", ctx)
		if !rt.runQueue(&rt.micro, QueueMicrotask, microReason, &n) {
			return
		}
	}
}

// runQueue runs a queue until empty, counting callbacks against the
// starvation limit. It reports false when the run was stopped.
func (rt *Runtime) runQueue(q *queue, kind Queue, reason string, n *int) bool {
	for q.len() > 0 {
		if rt.halted {
			return false
		}
		t := q.pop()
		*n++
		if *n > rt.limits.MaxDrain {
			rt.starve(kind, t, *n-1)
			return false
		}
		rt.runTask(t, kind, reason, nil)
	}
	return !rt.halted
}

// starve reports a queue that never drained, blaming the callback that
// queued the task about to run (it keeps re-queueing work).
func (rt *Runtime) starve(kind Queue, next *task, steps int) {
	culprit := next.cb
	if next.parent != nil {
		culprit = next.parent.cb
	}
	rt.trace.Starvation = &Starvation{
		Queue: kind, Label: culprit.Label, Pos: culprit.Pos,
		Steps: steps, Phase: rt.phase, Iteration: rt.iteration,
	}
	rt.truncate(fmt.Sprintf("the %s queue did not drain within %d callbacks", kind, rt.limits.MaxDrain))
}

// macrotask runs one loop callback and the queue drain that follows it.
func (rt *Runtime) macrotask(t *task, q Queue, reason string) {
	rt.runTask(t, q, reason, nil)
	rt.drain(t.cb.Label, false)
}
