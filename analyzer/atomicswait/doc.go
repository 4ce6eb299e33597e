// Package atomicswait defines the atomics-wait rule: Atomics.wait on the main thread.
//
// Atomics.wait blocks the calling thread until another thread notifies it
// or the timeout passes. In a worker that is its purpose; on the main
// thread it freezes the event loop. It is reported wherever it appears
// outside worker code, helpers included; waits in worker_threads workers
// and Atomics.waitAsync are not.
// See docs/rules/atomics-wait.md.
package atomicswait
