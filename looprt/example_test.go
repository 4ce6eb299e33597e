package looprt_test

import (
	"fmt"

	"github.com/blockcheck/blockcheck/looprt"
)

// The program, as JavaScript (CommonJS):
//
//	fs.stat(__filename, () => {
//	  setTimeout(() => console.log('timeout'), 0);
//	  setImmediate(() => console.log('immediate'));
//	  process.nextTick(() => console.log('tick'));
//	});
//	Promise.resolve().then(() => console.log('promise'));
//	process.nextTick(() => console.log('main tick'));
func Example() {
	rt := looprt.MustNew(looprt.Config{Node: 22})
	say := func(label string, body func()) looprt.Callback {
		return looprt.Callback{Label: label, Fn: func() {
			rt.Print(label)
			if body != nil {
				body()
			}
		}}
	}
	main := say("main", func() {
		rt.StartIO("fs.stat", say("stat cb", func() {
			rt.SetTimeout(say("timeout", nil), 0)
			rt.SetImmediate(say("immediate", nil))
			rt.NextTick(say("tick", nil))
		}))
		rt.QueueMicrotask(say("promise", nil))
		rt.NextTick(say("main tick", nil))
	})
	trace := rt.Run(main)
	for i := range trace.Steps {
		s := &trace.Steps[i]
		fmt.Printf("%d %-6s %-9s %s: %s\n", s.Seq, s.Phase, s.Queue, s.Label, s.Why())
	}
	// Output:
	// 1 main   main      main: the main module runs first, before the event loop starts
	// 2 main   nextTick  main tick: nextTick queue drains before promise jobs after the main module (CommonJS)
	// 3 main   microtask promise: promise jobs run once the nextTick queue is empty after the main module
	// 4 poll   io        stat cb: fs.stat completed (it takes [15µs, 1.5ms] from t=0) and the poll phase delivers completed I/O
	// 5 poll   nextTick  tick: nextTick queue drains before promise jobs after "stat cb" returns
	// 6 check  immediate immediate: check phase runs the immediates queued before it started (this one was queued in the poll phase)
	// 7 timers timer     timeout: 1ms timer armed at t=[200µs, 1.5ms] was due when the timers phase started at t=[1.2ms, 3.5ms]
}

// ExampleExplore explores setTimeout(0) vs setImmediate from the main
// module: the order depends on start-up time, so there are two traces, each
// with the assumption that produces it.
func ExampleExplore() {
	prog := func(rt *looprt.Runtime) *looprt.Trace {
		return rt.Run(looprt.Callback{Label: "main", Fn: func() {
			rt.SetTimeout(looprt.Callback{Label: "timeout"}, 0)
			rt.SetImmediate(looprt.Callback{Label: "immediate"})
		}})
	}
	res, err := looprt.Explore(looprt.Config{Node: 22}, looprt.Budget{}, prog)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Summary())
	for _, tr := range res.Traces {
		fmt.Println(tr.Labels(), "if", tr.Assumptions[0])
	}
	// Output:
	// nondeterministic: 2 distinct orders (3 runs explored every timing choice, within the budget of 4096)
	// [main immediate timeout] if "timeout" (1ms timer) is not yet due at the timers phase at t=[200µs, 1.5ms]
	// [main timeout immediate] if "timeout" (1ms timer) is due by the timers phase at t=[200µs, 1.5ms]
}
