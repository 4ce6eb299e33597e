// Package order_nondeterministic defines the rule order-nondeterministic:
// a scheduling call whose callback's order relative to another callback is
// not guaranteed by Node, in a way that changes what the program prints.
//
// The rule runs the module through the explain-order predictor (package
// explain: the interpreter on looprt's event-loop model, exploring every
// ordering the timing model allows). When the exploration finds two
// outputs, it reports the first callback whose position differs between
// them, names the other callback and the condition under which their order
// flips.
//
// Incorrect:
//
//	setTimeout(() => console.log('timeout'), 0);
//	setImmediate(() => console.log('immediate'));
//
// From the main module, whether the 1 ms timer is due when the loop starts
// depends on how long start-up took: either line can come first.
//
// Correct: make the order explicit, e.g. schedule the second callback from
// the first, or (inside an I/O callback) rely on setImmediate running before
// timers.
package order_nondeterministic
