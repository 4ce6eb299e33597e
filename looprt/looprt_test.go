package looprt

import (
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

func label(l string) Callback { return Callback{Label: l} }

func TestTimerDelay(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want time.Duration
	}{
		{0, time.Millisecond},
		{-5, time.Millisecond},
		{nan(), time.Millisecond},
		{0.5, time.Millisecond},
		{1 << 31, time.Millisecond},
		{TimeoutMax, TimeoutMax * time.Millisecond},
		{1.5, 1500 * time.Microsecond},
		{20, 20 * time.Millisecond},
	} {
		if got := TimerDelay(c.in); got != c.want {
			t.Errorf("TimerDelay(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// A microtask that re-queues itself is reported, blaming it (Node: the
// process spins in the microtask queue; the 1 ms timer never fires).
func TestMicrotaskStarvation(t *testing.T) {
	rt := MustNew(Config{Limits: Limits{MaxDrain: 500}})
	var loop func()
	loop = func() { rt.QueueMicrotask(Callback{Label: "spin", Pos: Pos{File: "a.js", Line: 3, Col: 5}, Fn: loop}) }
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.SetTimeout(label("timer"), 1)
		loop()
	}})
	s := tr.Starvation
	if s == nil || s.Queue != QueueMicrotask || s.Label != "spin" || s.Pos.Line != 3 || s.Steps != 500 {
		t.Fatalf("starvation = %+v", s)
	}
	if !tr.Truncated || !strings.Contains(s.String(), `"spin" at a.js:3:5 re-queues itself`) {
		t.Errorf("report: %s / %s", s, tr.Why)
	}
	for _, st := range tr.Steps {
		if st.Label == "timer" {
			t.Error("the starved timer ran")
		}
	}
}

// A long but finite chain is not starvation (corpus:
// block_long_microtask_chain_starves_timer.js runs 10000 reactions, then the timer).
func TestLongChainIsNotStarvation(t *testing.T) {
	rt := MustNew(Config{})
	n := 0
	var step func()
	step = func() {
		if n++; n < 10000 {
			rt.QueueMicrotask(Callback{Label: "link", Fn: step})
		}
	}
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.SetTimeout(label("timer"), 0)
		step()
	}})
	if tr.Starvation != nil || tr.Truncated {
		t.Fatalf("unexpected stop: %s", tr.Why)
	}
	if last := tr.Steps[len(tr.Steps)-1]; last.Label != "timer" || len(tr.Steps) != 10001 {
		t.Errorf("last step %q of %d", last.Label, len(tr.Steps))
	}
}

// A CPU cost moves virtual time; a step limit truncates an endless interval.
func TestCostAndLimits(t *testing.T) {
	rt := MustNew(Config{Limits: Limits{MaxSteps: 50}})
	tr := rt.Run(Callback{Label: "main", Cost: cost.Exactly(7 * time.Millisecond), Fn: func() {
		rt.SetInterval(label("tick"), 10)
	}})
	if !tr.Truncated || len(tr.Steps) != 50 || !strings.Contains(tr.Why, "limit reached") {
		t.Fatalf("truncated=%v steps=%d why=%q", tr.Truncated, len(tr.Steps), tr.Why)
	}
	if got := tr.Steps[1].Time.Min; got != 10*time.Millisecond {
		t.Errorf("first interval at %v, want 10ms (armed before the 7ms main cost)", got)
	}
}

// A wall-clock deadline stops an endless interval long before the step
// limit (an interval never cleared otherwise records 200,000 callbacks).
func TestDeadline(t *testing.T) {
	rt := MustNew(Config{Limits: Limits{Deadline: time.Now().Add(-time.Second)}})
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.SetInterval(label("tick"), 10)
	}})
	if !tr.Truncated || len(tr.Steps) != 1023 || !strings.Contains(tr.Why, "time budget") {
		t.Fatalf("truncated=%v steps=%d why=%q; want the run cut after 1,023 callbacks by the time budget", tr.Truncated, len(tr.Steps), tr.Why)
	}
}

// Steps carry sequence, iteration, phase, queue, position and reason.
func TestStepFields(t *testing.T) {
	rt := MustNew(Config{})
	pos := Pos{File: "m.js", Line: 2, Col: 1}
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.SetImmediate(Callback{Label: "imm", Pos: pos, Fn: func() {
			rt.NextTick(label("tick"))
		}})
	}})
	want := []Step{
		{Seq: 1, Iteration: 0, Phase: PhaseMain, Queue: QueueMain, Label: "main"},
		{Seq: 2, Iteration: 1, Phase: PhaseCheck, Queue: QueueImmediate, Label: "imm", Pos: pos},
		{Seq: 3, Iteration: 1, Phase: PhaseCheck, Queue: QueueNextTick, Label: "tick"},
	}
	if len(tr.Steps) != len(want) {
		t.Fatalf("got %d steps:\n%s", len(tr.Steps), tr)
	}
	for i, w := range want {
		g := tr.Steps[i]
		if g.Seq != w.Seq || g.Iteration != w.Iteration || g.Phase != w.Phase || g.Queue != w.Queue || g.Label != w.Label || g.Pos != w.Pos || g.Why() == "" {
			t.Errorf("step %d = %+v, want %+v", i+1, g, w)
		}
	}
}

// An open handle with nothing scheduled keeps Node waiting forever.
func TestHandleKeepsLoopAlive(t *testing.T) {
	rt := MustNew(Config{})
	tr := rt.Run(Callback{Label: "main", Fn: func() { rt.OpenHandle("server") }})
	if !tr.Truncated || !strings.Contains(tr.Why, "waits forever") {
		t.Fatalf("got %v %q", tr.Truncated, tr.Why)
	}
	rt = MustNew(Config{})
	tr = rt.Run(Callback{Label: "main", Fn: func() { rt.OpenHandle("server").Unref() }})
	if tr.Truncated {
		t.Fatalf("an unref'd handle kept the loop alive: %s", tr.Why)
	}
}

func TestUnknownMajor(t *testing.T) {
	if _, err := New(Config{Node: 16}); err == nil {
		t.Error("Node 16 accepted")
	}
	if _, err := Explore(Config{Node: 17}, Budget{}, nil); err == nil {
		t.Error("Explore accepted Node 17")
	}
}

// libuv runs deferred I/O callbacks in the pending phase, before the poll
// phase of the same iteration (uv_run: uv__run_pending precedes uv__io_poll).
func TestPendingPhaseBeforePoll(t *testing.T) {
	rt := MustNew(Config{})
	d := cost.Exactly(100 * time.Microsecond)
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.IO(IOSpec{Kind: "net.write", Duration: &d, Callback: label("poll cb")})
		rt.IO(IOSpec{Kind: "net.write-error", Duration: &d, Phase: PhasePending, Callback: label("pending cb")})
		rt.SetImmediate(label("immediate"))
	}})
	got := []string{}
	for _, s := range tr.Steps[1:] {
		got = append(got, s.Label+"@"+s.Phase.String())
	}
	want := "pending cb@pending,poll cb@poll,immediate@check"
	if strings.Join(got, ",") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// An unref'd request does not keep the loop alive; a cancelled one never runs.
func TestIORefAndCancel(t *testing.T) {
	rt := MustNew(Config{})
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.StartIO("dns.lookup", label("lookup")).Unref()
		rt.StartIO("fs.stat", label("cancelled")).Cancel()
	}})
	if len(tr.Steps) != 1 {
		t.Errorf("got %v", tr.Labels())
	}
}

// I/O durations take the row of the modelled Node major when there is one
// (fs.readFile is one thread-pool round trip on Node 26, four before).
func TestIOVersionRows(t *testing.T) {
	for _, major := range []int{22, 26} {
		rt := MustNew(Config{Node: major})
		var r *IORequest
		rt.Run(Callback{Label: "main", Fn: func() { r = rt.StartIO("fs.readFile", Callback{Label: "cb"}) }})
		key := "io.fs.readFile"
		if major == 26 {
			key += "@26"
		}
		want, _ := rt.table.Cost(key, 1)
		if r.dur != want {
			t.Errorf("Node %d: readFile takes %v, want row %s = %v", major, r.dur, key, want)
		}
	}
}
