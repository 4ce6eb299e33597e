package looprt

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// setTimeout(0) vs setImmediate from a CommonJS main module: two orders,
// each with the start-up assumption that produces it (real Node: both
// orders, see testdata/node/timeout_vs_immediate_main.out).
func TestExploreTimeoutVsImmediate(t *testing.T) {
	prog := func(rt *Runtime) *Trace {
		return rt.Run(Callback{Label: "main", Fn: func() {
			rt.SetTimeout(label("timeout"), 0)
			rt.SetImmediate(label("immediate"))
		}})
	}
	res, err := Explore(Config{Node: 22}, Budget{}, prog)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Exhausted || len(res.Traces) != 2 {
		t.Fatalf("%s", res)
	}
	got := map[string]string{}
	for _, tr := range res.Traces {
		if len(tr.Assumptions) == 0 {
			t.Fatalf("assumptions %q", tr.Assumptions)
		}
		got[strings.Join(tr.Labels(), ",")] = tr.Assumptions[0]
	}
	if a := got["main,timeout,immediate"]; !strings.Contains(a, `"timeout" (1ms timer) is due`) {
		t.Errorf("timeout-first assumption: %q", a)
	}
	if a := got["main,immediate,timeout"]; !strings.Contains(a, "is not yet due") {
		t.Errorf("immediate-first assumption: %q", a)
	}
	if !strings.Contains(res.Summary(), "nondeterministic: 2 distinct orders") {
		t.Errorf("summary %q", res.Summary())
	}
	// Node 20 evaluates an ES-module entry from the poll phase: one order.
	res, _ = Explore(Config{Node: 20, Module: ESModule}, Budget{}, prog)
	if !res.Deterministic() || strings.Join(res.Traces[0].Labels(), ",") != "main,immediate,timeout" {
		t.Errorf("Node 20 ESM: %s", res)
	}
}

// A deterministic program yields exactly one trace and no assumptions.
func TestExploreDeterministic(t *testing.T) {
	res, _ := Explore(Config{}, Budget{}, func(rt *Runtime) *Trace {
		return rt.Run(Callback{Label: "main", Fn: func() {
			rt.SetTimeout(label("t5"), 5)
			rt.SetImmediate(label("imm"))
			rt.NextTick(label("tick"))
		}})
	})
	if !res.Deterministic() || res.Runs != 1 || len(res.Traces[0].Assumptions) != 0 {
		t.Fatalf("%s", res)
	}
}

// pairs builds a program with n independent races: n pairs of fs.stat
// requests started from n timers 10 ms apart; within a pair the completion
// order is unknown, so there are 2^n orders.
func pairs(n int) Program {
	return func(rt *Runtime) *Trace {
		return rt.Run(Callback{Label: "main", Fn: func() {
			for i := 0; i < n; i++ {
				rt.SetTimeout(Callback{Label: fmt.Sprintf("t%d", i), Fn: func() {
					rt.StartIO("fs.stat", label(fmt.Sprintf("a%d", i)))
					rt.StartIO("fs.stat", label(fmt.Sprintf("b%d", i)))
				}}, float64(10*(i+1)))
			}
		}})
	}
}

func TestExploreBudget(t *testing.T) {
	res, _ := Explore(Config{}, Budget{MaxRuns: 4096}, pairs(4))
	if !res.Exhausted || len(res.Traces) != 16 {
		t.Fatalf("4 pairs: %s", res.Summary())
	}
	res, _ = Explore(Config{}, Budget{MaxRuns: 10}, pairs(4))
	if res.Exhausted || res.Runs != 10 || !strings.HasPrefix(res.Summary(), "budget exceeded") {
		t.Fatalf("small budget: %s", res.Summary())
	}
}

// Script replays one chosen trace of an exploration.
func TestScriptOracle(t *testing.T) {
	s := Script{1}
	rt := MustNew(Config{Node: 22, Oracle: &s})
	tr := rt.Run(Callback{Label: "main", Fn: func() {
		rt.SetTimeout(label("timeout"), 0)
		rt.SetImmediate(label("immediate"))
	}})
	if got := strings.Join(tr.Labels(), ","); got != "main,timeout,immediate" {
		t.Errorf("got %s", got)
	}
}

// A slow start-up makes a 1 ms timer certainly due: with a fixed 3 ms tail
// the order is deterministic.
func TestTimingTableDrivesChoices(t *testing.T) {
	slow := cost.Default().With(cost.Row{Key: "startup.main-tail@22", Cost: cost.Exactly(3 * time.Millisecond)})
	res, _ := Explore(Config{Node: 22, Timing: slow}, Budget{}, func(rt *Runtime) *Trace {
		return rt.Run(Callback{Label: "main", Fn: func() {
			rt.SetTimeout(label("timeout"), 0)
			rt.SetImmediate(label("immediate"))
		}})
	})
	if !res.Deterministic() || strings.Join(res.Traces[0].Labels(), ",") != "main,timeout,immediate" {
		t.Errorf("%s", res)
	}
}

// BenchmarkTrace1000 runs a 1,000-task program (timers, immediates, ticks,
// microtasks and I/O); b.N traces.
func BenchmarkTrace1000(b *testing.B) {
	exact := cost.Default().With(cost.Row{Key: "io.fs.stat", Cost: cost.Exactly(100 * time.Microsecond)},
		cost.Row{Key: "startup.main-tail", Cost: cost.Exactly(100 * time.Microsecond)},
		cost.Row{Key: "loop.timer-wakeup", Cost: cost.Exactly(0)})
	for b.Loop() {
		rt := MustNew(Config{Timing: exact})
		tr := rt.Run(Callback{Label: "main", Fn: func() {
			for i := 0; i < 200; i++ {
				rt.SetTimeout(label("timer"), float64(i%7))
				rt.SetImmediate(Callback{Label: "imm", Fn: func() { rt.NextTick(label("tick")) }})
				rt.QueueMicrotask(label("micro"))
				rt.StartIO("fs.stat", label("io"))
			}
		}})
		if len(tr.Steps) != 1001 {
			b.Fatalf("%d steps", len(tr.Steps))
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "traces/s")
}

// BenchmarkExplore10Pairs explores 10 independent nondeterministic pairs:
// 1,024 orders, within the default budget.
func BenchmarkExplore10Pairs(b *testing.B) {
	for b.Loop() {
		res, _ := Explore(Config{}, Budget{}, pairs(10))
		if !res.Exhausted || len(res.Traces) != 1024 {
			b.Fatal(res.Summary())
		}
		b.ReportMetric(float64(res.Runs), "runs")
	}
}

// Timer lists run in expiry order and the timers phase stops at the first
// list not yet due: whatever the timing, an 8 ms timer never fires before
// a 6 ms one armed at the same time (real Node: always "1 4.7 6 8").
func TestTimerListsInExpiryOrder(t *testing.T) {
	prog := func(rt *Runtime) *Trace {
		return rt.Run(Callback{Label: "main", Fn: func() {
			rt.SetTimeout(label("8"), 8)
			rt.SetTimeout(label("4.7"), 4.7)
			rt.SetTimeout(label("6"), 6)
			// A slow first callback leaves the next timers phase anywhere
			// in [4.7 ms, 11 ms]: both 6 and 8 may or may not be due.
			rt.SetTimeout(Callback{Label: "1", Cost: cost.Between(3700*time.Microsecond, 10*time.Millisecond)}, 1)
		}})
	}
	res, err := Explore(Config{Node: 22}, Budget{}, prog)
	if err != nil {
		t.Fatal(err)
	}
	if res.Runs < 2 {
		t.Fatalf("the slow callback should leave timing choices to explore: %s", res)
	}
	for _, tr := range res.Traces {
		if got := strings.Join(tr.Labels(), ","); got != "main,1,4.7,6,8" {
			t.Errorf("order %s under %q", got, tr.Assumptions)
		}
	}
}
