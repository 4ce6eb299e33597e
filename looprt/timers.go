package looprt

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// TimeoutMax is the largest delay Node accepts (2^31-1 ms); larger delays
// become 1 ms (with a TimeoutOverflowWarning).
const TimeoutMax = 1<<31 - 1

// TimerDelay coerces a setTimeout/setInterval delay the way Node does:
// after ToNumber (pass NaN for non-numbers), values below 1, NaN and values
// above TimeoutMax become 1 ms; fractions are kept (Node compares in whole
// milliseconds of loop time, the model in continuous time).
func TimerDelay(msecs float64) time.Duration {
	if math.IsNaN(msecs) || msecs < 1 || msecs > TimeoutMax {
		return time.Millisecond
	}
	return time.Duration(msecs * float64(time.Millisecond))
}

// Timer is a setTimeout or setInterval timer.
type Timer struct {
	rt     *Runtime
	cb     Callback
	delay  time.Duration
	repeat bool
	start  mark // when the countdown (re)started
	ref    bool
	list   *timerList // nil when not armed
	id     int
	forced bool // the loop woke up for this timer: it is due
}

// timerList holds the armed timers of one duration in insertion order, like
// Node's per-duration TimersList; lists are processed by expiry, ties by id.
type timerList struct {
	msecs  time.Duration
	timers []*Timer
	base   mark // expiry = base + msecs
	id     int
}

type timerState struct {
	lists  map[time.Duration]*timerList
	listID int
}

// SetTimeout arms a one-shot timer; msecs is coerced by TimerDelay.
func (rt *Runtime) SetTimeout(cb Callback, msecs float64) *Timer {
	return rt.newTimer(cb, msecs, false)
}

// SetInterval arms a repeating timer; it is re-armed from the start of each
// callback.
func (rt *Runtime) SetInterval(cb Callback, msecs float64) *Timer {
	return rt.newTimer(cb, msecs, true)
}

func (rt *Runtime) newTimer(cb Callback, msecs float64, repeat bool) *Timer {
	rt.nextID++
	t := &Timer{rt: rt, cb: cb, delay: TimerDelay(msecs), repeat: repeat, ref: true, id: rt.nextID}
	if rt.exiting {
		rt.drop("timer", cb)
		return t
	}
	t.arm(rt.mark())
	return t
}

// arm appends the timer to its duration's list with the countdown starting at m.
func (t *Timer) arm(m mark) {
	ts := &t.rt.timers
	if ts.lists == nil {
		ts.lists = map[time.Duration]*timerList{}
	}
	t.start = m
	l := ts.lists[t.delay]
	if l == nil {
		ts.listID++
		l = &timerList{msecs: t.delay, base: m, id: ts.listID}
		ts.lists[t.delay] = l
	}
	l.timers = append(l.timers, t)
	t.list = l
}

// disarm removes the timer from its list; an emptied list is deleted.
func (t *Timer) disarm() {
	l := t.list
	if l == nil {
		return
	}
	for i, x := range l.timers {
		if x == t {
			l.timers = append(l.timers[:i], l.timers[i+1:]...)
			break
		}
	}
	if len(l.timers) == 0 {
		delete(t.rt.timers.lists, l.msecs)
	}
	t.list = nil
}

// Clear cancels the timer (clearTimeout / clearInterval).
func (t *Timer) Clear() {
	t.disarm()
	t.repeat = false
}

// Refresh restarts the countdown now, keeping the callback; it re-arms a
// timer that already fired (timeout.refresh()).
func (t *Timer) Refresh() {
	if t.rt.exiting {
		return
	}
	t.disarm()
	t.forced = false
	t.arm(t.rt.mark())
}

// Ref and Unref set whether the timer keeps the event loop alive. An
// unref'd timer still fires while something else keeps the loop running.
func (t *Timer) Ref()   { t.ref = true }
func (t *Timer) Unref() { t.ref = false }

// HasRef reports whether the timer keeps the loop alive.
func (t *Timer) HasRef() bool { return t.ref }

// Active reports whether the timer is armed.
func (t *Timer) Active() bool { return t.list != nil }

// Delay returns the coerced delay.
func (t *Timer) Delay() time.Duration { return t.delay }

// Label returns the callback's label.
func (t *Timer) Label() string { return t.cb.Label }

// refTimers reports whether an armed, ref'd timer keeps the loop alive.
func (rt *Runtime) refTimers() bool {
	for _, l := range rt.timers.lists {
		for _, t := range l.timers {
			if t.ref {
				return true
			}
		}
	}
	return false
}

// sortedLists returns the lists ordered by id (creation order).
func (rt *Runtime) sortedLists() []*timerList {
	ls := make([]*timerList, 0, len(rt.timers.lists))
	for _, l := range rt.timers.lists {
		ls = append(ls, l)
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].id < ls[j].id })
	return ls
}

// expiresFirst reports whether list a expires before list b (ties go to the
// older list, as in Node's timer priority queue).
func (rt *Runtime) expiresFirst(a, b *timerList) bool {
	// b.expiry - a.expiry = (b.base - a.base) + b.msecs - a.msecs, with
	// the bases read from Node's millisecond clock.
	lo, hi := msElapsed(a.base, b.base)
	lo, hi = lo+b.msecs-a.msecs, hi+b.msecs-a.msecs
	switch {
	case lo > 0 || (lo == 0 && a.id < b.id):
		return true
	case hi < 0 || (hi == 0 && b.id < a.id):
		return false
	}
	key := memoKey{a.base.seq, b.base.seq, int64(a.msecs), int64(b.msecs)}
	if v, ok := rt.memo[key]; ok {
		return v
	}
	c := rt.choose([]string{
		fmt.Sprintf("the %s timer list (%q) expires before the %s list (%q)", ms(a.msecs), a.timers[0].cb.Label, ms(b.msecs), b.timers[0].cb.Label),
		fmt.Sprintf("the %s timer list (%q) expires before the %s list (%q)", ms(b.msecs), b.timers[0].cb.Label, ms(a.msecs), a.timers[0].cb.Label),
	})
	rt.memo[key] = c == 0
	return c == 0
}

// dueAt reports whether the timer's countdown had run out at mark at.
func (rt *Runtime) dueAt(t *Timer, at mark) bool {
	if t.forced {
		return true
	}
	return rt.dueBy(t.start, at, t.delay, func() (string, string) {
		return fmt.Sprintf("%q (%s timer) is due by the timers phase at %s", t.cb.Label, ms(t.delay), at.w),
			fmt.Sprintf("%q (%s timer) is not yet due at the timers phase at %s", t.cb.Label, ms(t.delay), at.w)
	})
}

// runTimers is the timers phase: Node's processTimers(now) with now fixed
// at the phase's start, so timers that become due while it runs (including
// ones created by its callbacks) wait for the next iteration.
func (rt *Runtime) runTimers() {
	rt.phase = PhaseTimers
	start := rt.mark()
	// processTimers: peek the list that expires first; stop at the first
	// one not due. Judging each list on its own could run a later list
	// while an earlier one waits, which Node's priority queue never does.
	for !rt.halted {
		next := rt.nextTimer()
		if next == nil || !rt.dueAt(next.timers[0], start) {
			return
		}
		rt.runList(next, start)
	}
}

// runList runs the due timers of one list in insertion order (listOnTimeout).
func (rt *Runtime) runList(l *timerList, start mark) {
	for len(l.timers) > 0 && !rt.halted {
		t := l.timers[0]
		if !rt.dueAt(t, start) {
			// Re-queued behind lists of equal expiry, as Node does.
			rt.timers.listID++
			l.base, l.id = t.start, rt.timers.listID
			return
		}
		t.disarm()
		t.forced = false
		began := rt.mark()
		due := &timerDue{delay: t.delay, armed: t.start.w, started: start.w, repeat: t.repeat}
		rt.runTask(&task{cb: t.cb, phase: PhaseTimers}, QueueTimer, "", due)
		// setInterval re-arms from the callback's start unless cleared or
		// refreshed inside it.
		if t.repeat && t.list == nil && !rt.exiting {
			t.arm(began)
		}
		rt.drain(t.cb.Label, false)
	}
}

// timerDue is why a timer's callback ran (Step.Why writes it out).
type timerDue struct {
	delay          time.Duration
	armed, started Window
	repeat         bool
}

func (d *timerDue) String() string {
	kind := "timer"
	if d.repeat {
		kind = "interval"
	}
	return fmt.Sprintf("%s %s armed at %s was due when the timers phase started at %s", ms(d.delay), kind, d.armed, d.started)
}

// nextTimer returns the armed timer list that expires first, or nil.
func (rt *Runtime) nextTimer() *timerList {
	var next *timerList
	for _, l := range rt.sortedLists() {
		if next == nil || rt.expiresFirst(l, next) {
			next = l
		}
	}
	return next
}
