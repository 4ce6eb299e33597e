// measure-cpu.js: measures the per-operation CPU rows of blockcheck's
// timing table (the cpu.op.*, cpu.array.fill and cpu.crypto.dh-* rows that
// the cpu-loop rule adds up). Usage: node measure-cpu.js [runs]
// Each op row is the extra time per iteration of a loop whose body has that
// operation, over the plain counting loop (cpu.loop.empty). Prints one
// line per row: key min max (in nanoseconds, per iteration or per element;
// in microseconds for cpu.crypto rows).
'use strict';
const crypto = require('crypto');

const runs = Number(process.argv[2] || 10);
const N = 2e7;
const stats = {};
function rec(key, v) { (stats[key] = stats[key] || []).push(v); }

function per(fn, n) {
  const t = process.hrtime.bigint();
  fn(n);
  return Number(process.hrtime.bigint() - t) / n;
}

let sink;
const o = { a: 1, b: 2 };
const arr = new Int32Array(1024).fill(3);
function opaque(x) { return x.length === undefined ? x + 1 : 0; }

const bodies = {
  base: (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; sink = s; },
  arith: (n) => { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 3) ^ (i >>> 1) ^ (s << 2) ^ (i - 7); sink = s; },
  div: (n) => { let s = 0; for (let i = 0; i < n; i++) s = (s + i) % 1000003; sink = s; },
  // Operands past 2^31 are doubles: the modulo is a floating-point one.
  'div-double': (n) => { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 31) % 1000003; sink = s; },
  math: (n) => { let s = 0; for (let i = 0; i < n; i++) s = Math.imul(s ^ i, 2246822507); sink = s; },
  member: (n) => { let s = 0; for (let i = 0; i < n; i++) s += o.a; sink = s; },
  index: (n) => { let s = 0; for (let i = 0; i < n; i++) s += arr[i & 1023]; sink = s; },
  call: (n) => { let s = 0; for (let i = 0; i < n; i++) s += opaque(i); sink = s; },
  alloc: (n) => { let s = 0; for (let i = 0; i < n; i++) { sink = { a: i, b: s }; s += sink.a; } },
};

for (let r = 0; r < runs; r++) {
  const base = per(bodies.base, N);
  for (const [k, fn] of Object.entries(bodies)) {
    if (k === 'base') continue;
    const t = per(fn, N);
    // arith has 7 operations beyond the counter's add.
    rec('cpu.op.' + k.replace('-double', ''), Math.max(0, (t - base) / (k === 'arith' ? 7 : 1)));
  }
  rec('cpu.loop.empty', base);
  for (const n of [1e6, 1e7, 2e7]) rec('cpu.array.fill', per((m) => { sink = new Array(m).fill(0); }, n));
}
for (const bits of [512, 1024]) {
  for (let r = 0; r < Math.min(runs, 5); r++) {
    const t = process.hrtime.bigint();
    crypto.createDiffieHellman(bits);
    rec('cpu.crypto.dh-' + bits, Number(process.hrtime.bigint() - t) / 1e3);
  }
}

console.log(`# ${process.version}, ${runs} runs; ns per iteration/element (min max), cpu.crypto in microseconds`);
for (const [k, v] of Object.entries(stats)) {
  v.sort((a, b) => a - b);
  console.log(`${k} ${v[0].toFixed(2)} ${v[v.length - 1].toFixed(2)}`);
}
