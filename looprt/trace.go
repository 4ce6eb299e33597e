package looprt

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Phase is where in Node's life a callback ran: before the loop, one of the
// libuv loop phases, or the beforeExit/exit stage after it.
type Phase int

const (
	PhaseMain       Phase = iota // the main module, before the loop starts
	PhaseTimers                  // expired setTimeout/setInterval callbacks
	PhasePending                 // I/O callbacks deferred to the next iteration
	PhaseIdle                    // idle/prepare: libuv internals, no user callbacks
	PhasePoll                    // I/O completions
	PhaseCheck                   // setImmediate callbacks
	PhaseClose                   // 'close' callbacks of closed handles
	PhaseBeforeExit              // process 'beforeExit' listeners
	PhaseExit                    // process 'exit' listeners
)

var phaseNames = [...]string{"main", "timers", "pending", "idle/prepare", "poll", "check", "close", "beforeExit", "exit"}

func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return fmt.Sprintf("Phase(%d)", int(p))
}

// Queue is the queue a callback was taken from.
type Queue int

const (
	QueueMain       Queue = iota // the main module itself
	QueueNextTick                // process.nextTick
	QueueMicrotask               // promise jobs and queueMicrotask
	QueueTimer                   // setTimeout / setInterval
	QueueIO                      // I/O completion callbacks
	QueueImmediate               // setImmediate
	QueueClose                   // close callbacks
	QueueBeforeExit              // 'beforeExit' listeners
	QueueExit                    // 'exit' listeners
)

var queueNames = [...]string{"main", "nextTick", "microtask", "timer", "io", "immediate", "close", "beforeExit", "exit"}

func (q Queue) String() string {
	if int(q) < len(queueNames) {
		return queueNames[q]
	}
	return fmt.Sprintf("Queue(%d)", int(q))
}

// Pos is a source position, opaque to looprt: it is carried into the trace.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.File == "" && p.Line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Callback is a unit of JavaScript work: a Go func the consumer supplies
// (an interpreter runs JS callbacks this way), or an abstract step with only
// a cost. Fn may schedule more work on the same Runtime.
type Callback struct {
	Label string        // what the trace shows, e.g. "setTimeout cb"
	Pos   Pos           // where the callback is defined
	Cost  cost.Interval // CPU time the callback takes, spent after Fn returns
	Fn    func()        // the body; nil for an abstract step
}

// Step is one callback run, as recorded in a Trace.
type Step struct {
	Seq       int    // 1-based position in the trace
	Time      Window // virtual time when the callback started
	Iteration int    // loop iteration (0: before the loop; after it: the last one)
	Phase     Phase  // where in the process's life it ran
	Queue     Queue  // which queue it came from
	Label     string
	Pos       Pos
	Output    []string // lines the callback printed (see Runtime.Print)

	reason string    // why it ran then (see Why)
	due    *timerDue // or, for a timer, what makes the sentence
}

// Why returns why the callback ran then, as a sentence. A timer's is
// written only when asked for: a run of an interval never cleared has
// hundreds of thousands of steps, and formatting each took half its time.
func (s *Step) Why() string {
	if s.due != nil {
		return s.due.String()
	}
	return s.reason
}

// Trace is the record of one run.
type Trace struct {
	Steps []Step
	// Assumptions are the timing choices this run made where the model's
	// intervals overlap, in order. A deterministic run has none.
	Assumptions []string
	// ExitCode is the process exit code (set by Runtime.Exit; 0 otherwise).
	ExitCode int
	// Starvation is set when a nextTick or microtask queue never drained.
	Starvation *Starvation
	// Truncated is set when a limit (steps or virtual time) stopped the run
	// before the loop ran dry; Why says which.
	Truncated bool
	Why       string
	// Dropped lists callbacks queued but never run because the process
	// exited (e.g. timers and ticks scheduled from an 'exit' listener).
	Dropped []string
	// End is the virtual time when the run ended.
	End Window
}

// Starvation reports a nextTick or microtask queue that kept refilling.
type Starvation struct {
	Queue     Queue  // QueueNextTick or QueueMicrotask
	Label     string // the callback that kept re-queueing work
	Pos       Pos
	Steps     int   // callbacks run in the drain before giving up
	Phase     Phase // the phase the drain started in
	Iteration int
}

func (s *Starvation) String() string {
	return fmt.Sprintf("%s queue never drains: %q%s re-queues itself (%d callbacks in one drain, %s phase, iteration %d); the event loop is starved",
		s.Queue, s.Label, posSuffix(s.Pos), s.Steps, s.Phase, s.Iteration)
}

func posSuffix(p Pos) string {
	if s := p.String(); s != "" {
		return " at " + s
	}
	return ""
}

// Output returns every printed line in order.
func (t *Trace) Output() []string {
	var out []string
	for _, s := range t.Steps {
		out = append(out, s.Output...)
	}
	return out
}

// Labels returns the label of every step in order.
func (t *Trace) Labels() []string {
	out := make([]string, len(t.Steps))
	for i, s := range t.Steps {
		out[i] = s.Label
	}
	return out
}

// Key identifies the observable behaviour of a trace (order, queues,
// output, exit), ignoring times and assumptions; Explore deduplicates by it.
func (t *Trace) Key() string {
	var b []byte
	for _, s := range t.Steps {
		b = strconv.AppendInt(b, int64(s.Phase), 10)
		b = append(b, '|')
		b = strconv.AppendInt(b, int64(s.Queue), 10)
		b = append(b, '|')
		b = append(b, s.Label...)
		b = append(b, '|')
		b = append(b, s.Pos.File...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.Pos.Line), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.Pos.Col), 10)
		b = append(b, '|')
		for k, o := range s.Output {
			if k > 0 {
				b = append(b, 1)
			}
			b = append(b, o...)
		}
		b = append(b, 0)
	}
	var tail strings.Builder
	tail.Write(b)
	b = nil
	fmt.Fprintf(&tail, "exit=%d trunc=%v", t.ExitCode, t.Truncated)
	if t.Starvation != nil {
		fmt.Fprintf(&tail, " starve=%s", t.Starvation.Label)
	}
	return tail.String()
}

// Format writes the trace as text: one line per step, then the outcome.
func (t *Trace) Format(w io.Writer) {
	for _, a := range t.Assumptions {
		fmt.Fprintf(w, "assume: %s\n", a)
	}
	for i := range t.Steps {
		s := &t.Steps[i]
		where := s.Phase.String()
		if s.Queue == QueueNextTick || s.Queue == QueueMicrotask {
			where += "/" + s.Queue.String()
		}
		fmt.Fprintf(w, "%3d %-14s it=%d %-18s %s%s — %s\n", s.Seq, s.Time, s.Iteration, where, s.Label, posSuffix(s.Pos), s.Why())
		for _, o := range s.Output {
			fmt.Fprintf(w, "      > %s\n", o)
		}
	}
	if t.Starvation != nil {
		fmt.Fprintf(w, "starvation: %s\n", t.Starvation)
	}
	if t.Truncated {
		fmt.Fprintf(w, "truncated: %s\n", t.Why)
	}
	for _, d := range t.Dropped {
		fmt.Fprintf(w, "dropped: %s\n", d)
	}
	fmt.Fprintf(w, "exit %d at %s\n", t.ExitCode, t.End)
}

// String renders the trace (see Format).
func (t *Trace) String() string {
	var b strings.Builder
	t.Format(&b)
	return b.String()
}
