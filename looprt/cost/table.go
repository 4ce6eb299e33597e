package cost

import "time"

const (
	ns = time.Nanosecond
	us = time.Microsecond
	ms = time.Millisecond
)

// measured is the source note of rows measured by testdata/measure.js
// (30 runs each with Node 18.20.8, 20.20.2, 22.23.3 and 26.10.0 on the
// project's reference machine: Linux x86-64, 2 CPUs). Bounds are the
// observed minimum and maximum across those versions, rounded outwards.
const measured = "measured: testdata/measure.js, Node 18/20/22/26 on the reference machine (2 CPUs)"

// measuredCPU is the source note of rows measured by testdata/measure-cpu.js.
const measuredCPU = "measured: testdata/measure-cpu.js, Node 20.20.2 on the reference machine (2 CPUs)"

// defaultRows is the timing table. Keys: "<category>.<api>"; a row
// "key@<major>" overrides key for one Node major.
var defaultRows = []Row{
	// Start-up. The tail is the time from the main module's last statement
	// to the first timers phase; it decides setTimeout(0) vs setImmediate
	// from the main module. Node 18 starts slower: a 1 ms timer beat the
	// first immediate in 22/30 fresh processes, vs 9/30 on 20, 1-2/30 on 22
	// and 26 (measure.js "child-tail"); the intervals are set so their
	// midpoints reproduce those majorities.
	{Key: "startup.main-tail", Category: Startup, Unit: PerCall, Cost: Interval{200 * us, 1500 * us}, Source: measured + "; majority immediate-first on 20+"},
	{Key: "startup.main-tail@18", Category: Startup, Unit: PerCall, Cost: Interval{500 * us, 3 * ms}, Source: measured + "; majority timeout-first on 18"},

	// Loop overheads.
	{Key: "loop.timer-wakeup", Category: Loop, Unit: PerCall, Cost: Interval{0, 1 * ms}, Source: measured + " (10 ms timer fired 0.1-1.1 ms late)"},

	// Asynchronous I/O: from the call to the callback being ready.
	{Key: "io.default", Category: IO, Unit: PerCall, Cost: Interval{20 * us, 2 * ms}, Source: "assumed: thread-pool round trip, like io.fs.stat"},
	{Key: "io.fs.stat", Category: IO, Unit: PerCall, Cost: Interval{15 * us, 1500 * us}, Source: measured},
	{Key: "io.fs.open", Category: IO, Unit: PerCall, Cost: Interval{15 * us, 200 * us}, Source: measured},
	{Key: "io.fs.close", Category: IO, Unit: PerCall, Cost: Interval{15 * us, 200 * us}, Source: "assumed equal to io.fs.open (one thread-pool round trip)"},
	{Key: "io.fs.read", Category: IO, Unit: PerCall, Cost: Interval{15 * us, 200 * us}, Source: "assumed equal to io.fs.open (one thread-pool round trip)"},
	{Key: "io.fs.readFile", Category: IO, Unit: PerCall, Cost: Interval{120 * us, 2300 * us}, Source: measured + " (small file; 4 round trips up to Node 24)"},
	{Key: "io.fs.readFile@26", Category: IO, Unit: PerCall, Cost: Interval{25 * us, 250 * us}, Source: measured + " (small file; one round trip on Node 26)"},
	{Key: "io.fs.writeFile", Category: IO, Unit: PerCall, Cost: Interval{150 * us, 900 * us}, Source: measured},
	{Key: "io.dns.lookup", Category: IO, Unit: PerCall, Cost: Interval{25 * us, 6500 * us}, Source: measured + " ('localhost' via getaddrinfo)"},
	{Key: "io.child_process.exec", Category: IO, Unit: PerCall, Cost: Interval{1700 * us, 7 * ms}, Source: measured + " (exec('true'), to the exit callback)"},
	{Key: "io.crypto.pbkdf2", Category: IO, Unit: PerCall, Cost: Interval{190 * us, 900 * us}, Source: measured + " (1000 iterations sha256, on the thread pool)"},
	{Key: "io.net.loopback", Category: IO, Unit: PerCall, Cost: Interval{20 * us, 1 * ms}, Source: "assumed: one TCP round trip on 127.0.0.1"},

	// Blocking (synchronous) APIs: the loop is stalled for this long.
	{Key: "blocking.fs.readFileSync", Category: Blocking, Unit: PerCall, Cost: Interval{6 * us, 1600 * us}, Source: measured + " (1 KB file)"},
	{Key: "blocking.fs.statSync", Category: Blocking, Unit: PerCall, Cost: Interval{2500 * ns, 170 * us}, Source: measured},
	{Key: "blocking.fs.writeFileSync", Category: Blocking, Unit: PerCall, Cost: Interval{150 * us, 2500 * us}, Source: measured + " (5 bytes)"},
	{Key: "blocking.child_process.execSync", Category: Blocking, Unit: PerCall, Cost: Interval{1700 * us, 3 * ms}, Source: measured + " (execSync('true'))"},
	{Key: "blocking.crypto.pbkdf2Sync", Category: Blocking, Unit: PerIteration, Cost: Interval{160 * ns, 400 * ns}, Source: measured + " (sha256, 32-byte key)"},
	{Key: "blocking.crypto.hashSync", Category: Blocking, Unit: PerKB, Cost: Interval{580 * ns, 9 * us}, Source: measured + " (createHash('sha256').update().digest(), 64 KB)"},
	{Key: "blocking.zlib.gzipSync", Category: Blocking, Unit: PerKB, Cost: Interval{17 * us, 50 * us}, Source: measured + " (incompressible 64 KB)"},
	{Key: "blocking.zlib.gunzipSync", Category: Blocking, Unit: PerKB, Cost: Interval{1500 * ns, 9 * us}, Source: measured + " (64 KB)"},
	// Rows for the blocking-call rules (analyzer/blocking). Not measured on
	// the reference machine: estimates, rounded outwards, from the sources named.
	{Key: "blocking.crypto.scryptSync", Category: Blocking, Unit: PerCall, Cost: Interval{20 * ms, 120 * ms}, Source: "estimate: Node's default scrypt parameters (N=16384, r=8, p=1, 16 MiB of memory) take tens of ms per call"},
	{Key: "blocking.crypto.generateKeyPairSync", Category: Blocking, Unit: PerCall, Cost: Interval{50 * us, 2 * time.Second}, Source: "estimate: ed25519 tens of µs, RSA-2048 ~50-500 ms, RSA-4096 up to seconds (random prime search)"},
	{Key: "blocking.crypto.generatePrimeSync", Category: Blocking, Unit: PerCall, Cost: Interval{1 * ms, 2 * time.Second}, Source: "estimate: OpenSSL prime search, grows steeply with bit length"},
	{Key: "blocking.crypto.checkPrimeSync", Category: Blocking, Unit: PerCall, Cost: Interval{50 * us, 50 * ms}, Source: "estimate: Miller-Rabin rounds on the candidate's bit length"},
	{Key: "blocking.crypto.hkdfSync", Category: Blocking, Unit: PerCall, Cost: Interval{2 * us, 50 * us}, Source: "estimate: a few HMAC computations"},
	{Key: "blocking.crypto.randomBytes", Category: Blocking, Unit: PerKB, Cost: Interval{500 * ns, 5 * us}, Source: "estimate: OpenSSL CSPRNG at roughly 0.2-2 GB/s"},
	{Key: "blocking.crypto.bcrypt", Category: Blocking, Unit: PerCall, Cost: Interval{40 * ms, 300 * ms}, Source: "estimate: bcrypt cost factor 10-12 (the libraries' defaults and common settings)"},
	{Key: "blocking.zlib.brotliCompressSync", Category: Blocking, Unit: PerKB, Cost: Interval{20 * us, 2 * ms}, Source: "estimate: brotli quality 4-11 (Node's default is 11, the slowest)"},
	{Key: "blocking.child_process.spawnSync", Category: Blocking, Unit: PerCall, Cost: Interval{1700 * us, 3 * ms}, Source: "assumed equal to blocking.child_process.execSync for a trivial command; the child's own run time adds to it"},
	{Key: "blocking.fs.glob", Category: Blocking, Unit: PerCall, Cost: Interval{100 * us, 500 * ms}, Source: "estimate: one readdir per directory walked, 10 to 100,000 entries"},
	{Key: "blocking.atomics.wait", Category: Blocking, Unit: PerCall, Cost: Interval{0, 0}, Source: "model choice: blocks until notified or for the timeout given; callers scale it"},

	// JavaScript CPU work.
	{Key: "cpu.json.parse", Category: CPU, Unit: PerKB, Cost: Interval{6 * us, 24 * us}, Source: measured + " (array of small objects)"},
	{Key: "cpu.json.stringify", Category: CPU, Unit: PerKB, Cost: Interval{2300 * ns, 12 * us}, Source: measured + " (array of small objects)"},
	{Key: "cpu.loop.empty", Category: CPU, Unit: PerIteration, Cost: Interval{1 * ns, 2 * ns}, Source: measured + " (for loop with s += i, optimized)"},
	{Key: "cpu.loop.array-push", Category: CPU, Unit: PerIteration, Cost: Interval{4 * ns, 100 * ns}, Source: measured},
	{Key: "cpu.loop.string-concat", Category: CPU, Unit: PerIteration, Cost: Interval{4 * ns, 140 * ns}, Source: measured},
	{Key: "cpu.loop.date-now", Category: CPU, Unit: PerIteration, Cost: Interval{39 * ns, 62 * ns}, Source: measured + " (busy-wait body: Date.now() per iteration)"},
	// Per-operation rows the cpu-loop rule adds to cpu.loop.empty for what a
	// loop body does (each the extra time per iteration over the counting
	// loop), measured by testdata/measure-cpu.js (runs of 10 and 5, Node 20.20.2, on
	// the 2-CPU reference machine, idle and under load), rounded outwards.
	{Key: "cpu.op.arith", Category: CPU, Unit: PerIteration, Cost: Interval{0, 2 * ns}, Source: measuredCPU + " (arithmetic, bitwise or comparison operator: 0.05-1.55 ns)"},
	{Key: "cpu.op.div", Category: CPU, Unit: PerIteration, Cost: Interval{2 * ns, 10 * ns}, Source: measuredCPU + " (% by a constant, small-integer and double operands: 2.2-9.6 ns)"},
	{Key: "cpu.op.math", Category: CPU, Unit: PerIteration, Cost: Interval{0, 3 * ns}, Source: measuredCPU + " (Math.imul: 0-2.2 ns)"},
	{Key: "cpu.op.member", Category: CPU, Unit: PerIteration, Cost: Interval{0, 3 * ns}, Source: measuredCPU + " (property read: 0-2.1 ns)"},
	{Key: "cpu.op.index", Category: CPU, Unit: PerIteration, Cost: Interval{0, 3 * ns}, Source: measuredCPU + " (typed-array element read: 0-2.3 ns)"},
	{Key: "cpu.op.call", Category: CPU, Unit: PerIteration, Cost: Interval{0, 2 * ns}, Source: measuredCPU + " (call of a small function, inlined by the optimizer: 0-1.6 ns)"},
	{Key: "cpu.op.alloc", Category: CPU, Unit: PerIteration, Cost: Interval{6 * ns, 50 * ns}, Source: measuredCPU + " (object literal stored outside the loop: 6.5-46 ns)"},
	{Key: "cpu.array.fill", Category: CPU, Unit: PerIteration, Cost: Interval{5 * ns, 60 * ns}, Source: measuredCPU + " (new Array(n).fill(0) for n = 1e6-2e7, per element: 5.5-59 ns)"},
	{Key: "cpu.crypto.dh-512", Category: CPU, Unit: PerCall, Cost: Interval{20 * ms, 700 * ms}, Source: measuredCPU + " (crypto.createDiffieHellman(512), a random safe-prime search: 24-690 ms)"},
	{Key: "cpu.crypto.dh-1024", Category: CPU, Unit: PerCall, Cost: Interval{600 * ms, 5 * time.Second}, Source: measuredCPU + " (crypto.createDiffieHellman(1024): 0.61-4.9 s)"},
	{Key: "cpu.callback", Category: CPU, Unit: PerCall, Cost: Interval{0, 0}, Source: "model choice: callbacks cost nothing unless they say so (Callback.Cost, Runtime.Spend)"},
}

// Default returns the default timing table.
func Default() *Table { return defaultTable }

var defaultTable = NewTable(defaultRows)
