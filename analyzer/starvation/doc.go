// Package starvation defines the starvation rule: work that re-queues
// itself on the nextTick or microtask queue without bound, so the queue
// never drains and the event loop never gets to I/O, timers or immediates.
//
// Three shapes are found:
//
//   - a function that, unconditionally, queues itself through
//     process.nextTick, queueMicrotask or Promise.resolve().then/catch/
//     finally, directly or through callbacks that are themselves queued
//     there (the cycle is given in the message);
//   - a loop whose only awaits are of already-resolved values
//     (while (!done) await null): each await is a microtask, none yields;
//   - a recursive async function whose only awaits are of resolved values.
//
// Each cycle found is run on looprt's event-loop model (with an I/O request
// pending) and reported only when the model's starvation detection fires:
// a cycle through setImmediate or a timer yields to I/O between rounds and
// is not reported, nor is a re-queue under a condition (a drained work
// list). See docs/rules/starvation.md.
package starvation
