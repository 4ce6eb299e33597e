// Package cpuloop defines the cpu-loop rule: loops (and a few calls) on the
// event loop's hot path whose cost, estimated from a constant iteration
// count and the shared timing model (looprt/cost), exceeds a threshold
// (flag -threshold, default 10ms).
//
// The iteration count comes from the loop's header: a counter from one
// constant to another (literals, module or local constants, arithmetic on
// them), by a constant step; nested loops multiply. The cost of one
// iteration adds the timing table's rows for what the body does (the
// counting loop itself, arithmetic, division, Math calls, property and
// index reads, calls, allocations, array pushes, string concatenation,
// clock reads). The estimate is a range; a loop is reported when even its
// lower bound reaches the threshold. Loops bounded by data (items.length,
// a parameter) and loops that may leave early (break, return, throw) are
// not reported.
//
// Calls with a large known cost are reported too: JSON.parse and
// JSON.stringify of a value built with a known large size, Array(n).fill
// with a large constant n, crypto.createDiffieHellman(bits) (which searches
// for a prime). crypto.randomBytes without a callback is sync-crypto's.
//
// Start-up code is a start-up finding (shown with --startup); code in worker
// threads and process 'exit' listeners is not reported. See
// docs/rules/cpu-loop.md.
package cpuloop
