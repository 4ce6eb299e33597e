package looprt

import (
	"fmt"
	"time"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Window is a virtual instant known only to lie within [Min, Max], measured
// from the start of the main module. Min accumulates the shortest and Max the
// longest duration of everything that has run, so the time elapsed between
// two instants of one run is [later.Min-earlier.Min, later.Max-earlier.Max]:
// correlated uncertainty (both instants follow the same slow start-up)
// cancels out instead of piling up.
type Window struct {
	Min, Max time.Duration
}

// Exact reports whether the instant is known precisely.
func (w Window) Exact() bool { return w.Min == w.Max }

// String renders "t=3ms" or "t=[0.2ms, 1.5ms]".
func (w Window) String() string { return "t=" + cost.Interval(w).String() }

// mark is a snapshot of the clock, ordered by seq. waits counts the times
// the poll phase slept until an absolute instant (a timer's expiry): across
// such a wait the two instants are no longer correlated.
type mark struct {
	w     Window
	seq   uint64
	waits int
}

// mark snapshots the clock.
func (rt *Runtime) mark() mark {
	rt.markSeq++
	return mark{rt.now, rt.markSeq, rt.waits}
}

// elapsed returns the time between an earlier mark a and a later mark b.
// A later mark before an earlier one (both taken in the same instant) is 0.
func elapsed(a, b mark) cost.Interval {
	if b.seq < a.seq {
		e := elapsed(b, a)
		return cost.Interval{Min: -e.Max, Max: -e.Min}
	}
	lo, hi := b.w.Min-a.w.Min, b.w.Max-a.w.Max
	if b.waits > a.waits {
		lo, hi = b.w.Min-a.w.Max, b.w.Max-a.w.Min
	}
	if lo < 0 {
		lo = 0
	}
	if hi < lo {
		hi = lo
	}
	return cost.Interval{Min: lo, Max: hi}
}

// spend advances the clock by an uncertain duration.
func (rt *Runtime) spend(d cost.Interval) {
	rt.now.Min += d.Min
	rt.now.Max += d.Max
}

// reached reports whether, between marks from and at, at least need has
// passed. When the intervals decide it the answer is certain; otherwise the
// oracle chooses, the clock is narrowed to agree, and the chosen option's
// sentence (built by say only then) becomes an assumption of the trace.
func (rt *Runtime) reached(from, at mark, need cost.Interval, say func() (yes, no string)) bool {
	e := elapsed(from, at)
	key := memoKey{from.seq, at.seq, int64(need.Min), int64(need.Max)}
	if v, ok := rt.memo[key]; ok {
		return v
	}
	if e.Min >= need.Max {
		return true
	}
	if e.Max < need.Min {
		return false
	}
	// Put the likelier outcome (by midpoints) first: a plain Run, which
	// always takes option 0, then yields the typical order.
	yes, no := say()
	opts := []string{yes, no}
	yesFirst := e.Mid() >= need.Mid()
	if !yesFirst {
		opts = []string{no, yes}
	}
	c := rt.choose(opts)
	isYes := (c == 0) == yesFirst
	if isYes {
		if d := from.w.Min + need.Min - at.w.Min; d > 0 {
			rt.now.Min += d
		}
	} else {
		if d := at.w.Max - (from.w.Max + need.Max - time.Microsecond); d > 0 {
			rt.now.Max -= d
		}
	}
	if rt.now.Max < rt.now.Min {
		rt.now.Max = rt.now.Min
	}
	rt.memo[key] = isYes
	return isYes
}

// memoKey identifies a decision already taken in this run, so that asking
// again (e.g. once per timer list) gives the same answer.
type memoKey struct {
	a, b uint64
	x, y int64
}

// msElapsed is what Node's millisecond loop clock can show as the time
// between two marks: floor(t2) - floor(t1) for a true elapsed time e is
// floor(e) or ceil(e). Two distinct calls are never at the same instant, so
// a model elapsed of exactly 0 between them may still cross a millisecond.
func msElapsed(a, b mark) (lo, hi time.Duration) {
	e := elapsed(a, b)
	lo, hi = e.Min, e.Max
	switch {
	case a.seq < b.seq:
		hi += time.Nanosecond
	case b.seq < a.seq:
		lo -= time.Nanosecond
	}
	return floorMs(lo), -floorMs(-hi)
}

func floorMs(d time.Duration) time.Duration {
	q := d / time.Millisecond * time.Millisecond
	if q > d {
		q -= time.Millisecond
	}
	return q
}

// dueBy reports whether a timer armed at from with the given delay is due
// at mark at, as Node's millisecond clock sees it, branching when unknown.
func (rt *Runtime) dueBy(from, at mark, delay time.Duration, say func() (yes, no string)) bool {
	key := memoKey{from.seq, at.seq, int64(delay), -1}
	if v, ok := rt.memo[key]; ok {
		return v
	}
	lo, hi := msElapsed(from, at)
	if lo >= delay {
		return true
	}
	if hi < delay {
		return false
	}
	yes, no := say()
	// Likelier: the continuous elapsed time's midpoint reaches the delay.
	yesFirst := elapsed(from, at).Mid() >= delay
	opts := []string{yes, no}
	if !yesFirst {
		opts = []string{no, yes}
	}
	isYes := (rt.choose(opts) == 0) == yesFirst
	if isYes { // narrowed to e >= delay: later ms-clock readings stay consistent
		if d := from.w.Min + delay - at.w.Min; d > 0 {
			rt.now.Min += d
		}
	} else if d := at.w.Max - (from.w.Max + delay - time.Microsecond); d > 0 {
		rt.now.Max -= d
	}
	if rt.now.Max < rt.now.Min {
		rt.now.Max = rt.now.Min
	}
	rt.memo[key] = isYes
	return isYes
}

// choose asks the oracle to pick one option and records the assumption.
func (rt *Runtime) choose(opts []string) int {
	c := 0
	if rt.oracle != nil {
		c = rt.oracle.Choose(opts)
	}
	if c < 0 || c >= len(opts) {
		panic(fmt.Sprintf("looprt: oracle chose %d of %d options", c, len(opts)))
	}
	rt.trace.Assumptions = append(rt.trace.Assumptions, opts[c])
	return c
}

// ms renders a duration in milliseconds for reasons and assumptions.
func ms(d time.Duration) string { return cost.Exactly(d).String() }
