package interp

import (
	"fmt"
	"time"

	"github.com/blockcheck/blockcheck/looprt"
	"github.com/blockcheck/blockcheck/looprt/cost"
	"github.com/tdewolff/parse/v2/js"
)

// Loop adapts the interpreter's scheduling needs to a looprt.Runtime.
type Loop struct {
	it *Interp
	rt *looprt.Runtime
}

// task is one JS callback handed to the event loop.
type task struct {
	kind  string
	label string
	node  js.INode
	fn    func()
}

// dateNowCost is the CPU time charged per clock read, so busy-wait loops
// (`while (Date.now() - s < 30);`) advance virtual time and end.
var dateNowCost = cost.Exactly(5 * time.Microsecond)

func (l *Loop) callback(t *task) looprt.Callback {
	return looprt.Callback{Label: t.label, Pos: l.it.pos(t.node), Fn: func() { l.it.runTask(t) }}
}

func (l *Loop) microtask(t *task) { l.rt.QueueMicrotask(l.callback(t)) }
func (l *Loop) nextTick(t *task)  { l.rt.NextTick(l.callback(t)) }

// pos converts a node to a looprt position.
func (it *Interp) pos(n js.INode) looprt.Pos {
	if n == nil {
		return looprt.Pos{File: it.prog.Path}
	}
	off := it.prog.offsetOf(n)
	if off < 0 {
		return looprt.Pos{File: it.prog.Path}
	}
	line, col := it.prog.LineCol(off)
	return looprt.Pos{File: it.prog.Path, Line: line, Col: col}
}

// runTask runs one callback: exceptions become uncaught exceptions, an
// abort stops the run.
func (it *Interp) runTask(t *task) {
	if it.halted {
		return
	}
	prev := it.cur
	it.cur = t
	start := it.steps
	defer func() {
		it.cur = prev
		it.spendSteps(it.steps - start)
	}()
	it.guard(t.fn)
}

// loopIterationCost is the CPU time charged per four interpreter steps: V8
// runs a simple loop iteration (about four steps here) in 1-2 ns (looprt/cost row
// cpu.loop.empty), so long loops delay timers as they do in Node.
var loopIterationCost = cost.Between(time.Nanosecond, 2*time.Nanosecond)

const stepsPerIteration = 4

func (it *Interp) spendSteps(n int64) {
	if n <= 0 || it.halted {
		return
	}
	it.loop.rt.Spend(loopIterationCost.Scale(float64(n) / stepsPerIteration))
}

// guard runs fn, turning a JS exception into an uncaught exception and an
// abort into the end of the run. Any other panic is a bug of the
// interpreter's, not the program's: the run ends there with an unknown
// saying so, and the process goes on (explain-order must not crash on any
// input).
func (it *Interp) guard(fn func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		switch x := r.(type) {
		case *Throw:
			it.uncaught(x.Value, "uncaughtException")
		case *abort:
			it.stop(x.reason)
		default:
			it.addUnknown(it.callOffset(), "interpreter failure", fmt.Sprintf("the interpreter failed here (%v): the run is not predicted past this point", r))
			it.stop("failure")
		}
	}()
	fn()
}

// stop ends the run after the budget ran out or process.exit was called.
func (it *Interp) stop(reason string) {
	switch reason {
	case "exit":
		return
	case "budget":
		it.truncated = "the step budget ran out (an infinite or very long loop?)"
	case "time":
		it.truncated = "the time budget ran out"
	case "failure":
		it.truncated = "the interpreter failed"
	case "unsupported":
		return // the unknown is recorded; the rest of the callback is skipped
	}
	if !it.halted {
		it.halted = true
		it.loop.rt.Exit(it.exitCode)
	}
}

// now returns the virtual time in milliseconds since the main module started.
func (it *Interp) now() float64 {
	return float64(it.loop.rt.Now().Min) / float64(time.Millisecond)
}

// spendClockRead charges a clock read.
func (it *Interp) spendClockRead() {
	it.loop.rt.Spend(dateNowCost)
}
