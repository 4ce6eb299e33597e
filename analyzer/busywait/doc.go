// Package busywait defines the busy-wait rule: loops that spin, doing
// nothing, until a clock reaches a deadline or until a flag changes.
//
// Node runs JavaScript on one thread, so a loop such as
//
//	while (Date.now() < end) {}
//
// stops every request, timer and socket until the deadline passes, and a
// loop waiting for a flag that only a callback sets,
//
//	while (!done) {}
//
// never ends: the callback cannot run while the loop holds the thread.
// Clocks are Date.now(), new Date() (and getTime/valueOf), performance.now()
// (global or from perf_hooks), process.hrtime() and process.hrtime.bigint(),
// through local aliases (const now = Date.now, destructuring, wrapper
// functions returning a clock reading) and through variables re-read in
// the loop; Atomics.load spins wait for another thread. The message gives
// the duration when the deadline is a constant distance from a clock
// reading, following parameters to their call sites. Loops whose body does
// real work (calls other than clock reads, await) are time-boxed work, not
// waits, and are not reported; neither is code in worker threads or in
// process 'exit' listeners. See docs/rules/busy-wait.md.
package busywait
