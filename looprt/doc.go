// Package looprt is a small, exact model of Node.js's event loop on a
// virtual clock. It does not run JavaScript: it runs callbacks (Go funcs
// supplied by the caller, e.g. an interpreter, or abstract steps with only a
// cost) and records a Trace of what ran, when, in which phase or queue, and
// why it ran then.
//
// # What is modelled
//
//   - The main module, then the process.nextTick queue and the microtask
//     (promise-job) queue drained the way processTicksAndRejections does:
//     all ticks, then all microtasks, repeated until both are empty, after
//     the main module and after every macrotask callback (each timer, each
//     immediate, each I/O callback, each close callback).
//   - CommonJS vs ES-module entry: an ES module is evaluated inside a
//     promise job, so promise jobs queued at top level run before ticks.
//     Node 18 and 20 evaluate the ES-module entry from the poll phase of
//     the first iteration (Profile.ESMEntryInPoll).
//   - libuv's phases in order: timers, pending callbacks, idle/prepare,
//     poll, check (setImmediate), close callbacks; the loop ends when no
//     ref'd timer, immediate, request or handle keeps it alive; then
//     'beforeExit' (which restarts the loop if it scheduled work) and
//     'exit' (ticks and timers queued there are dropped, promise jobs run).
//   - Timers as Node implements them: delays coerced by TimerDelay, one
//     list per duration in insertion order, lists by expiry, the timers
//     phase comparing against its start time (timers that become due, or
//     are created, while it runs wait for the next iteration), setInterval
//     re-armed from the callback's start, refresh, ref/unref, clear.
//   - I/O requests whose duration comes from the timing model (package
//     cost), delivered in the poll phase (or the pending phase), in
//     completion order; the poll phase blocks, advancing the clock, when
//     nothing else is ready.
//   - process.exit (Runtime.Exit), process.exitCode, and starvation: a
//     nextTick or microtask queue that keeps refilling is stopped after
//     Limits.MaxDrain callbacks and reported with the callback to blame.
//
// # Time and nondeterminism
//
// Durations are intervals. The clock is a Window [Min, Max]; when a
// decision (is this timer due? has this stat completed? which completes
// first?) cannot be made from the intervals, the runtime asks its Oracle,
// narrows the clock to agree with the answer, and records the answer as an
// assumption of the trace. Run with no oracle takes the likeliest answer.
// Explore re-runs a program from scratch with every combination of answers
// (within a budget) and returns the distinct traces, each with its
// assumptions; a deterministic program yields exactly one.
//
// Timer decisions use Node's millisecond loop clock: two readings e apart
// differ by floor(e) or ceil(e) whole milliseconds, so a timer created just
// before a millisecond boundary can fire "early", and lists whose expiries
// are within a millisecond of each other may run in either order. Each
// poll-phase sleep to a timer's expiry (late by loop.timer-wakeup) breaks
// the correlation between instants before and after it.
//
// The versions modelled are the Node majors in Majors(); see Profile for
// what differs between them and testdata/node for the programs and outputs
// from real Node each behaviour was checked against.
package looprt
