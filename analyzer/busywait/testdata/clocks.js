const http = require('http');
const { performance } = require('perf_hooks');
const perf = require('perf_hooks').performance;
const now = Date.now;
const { hrtime } = process;

function sleep(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {} // want "busy-waits on Date.now\\(\\): blocks the event loop for 200 ms"
}

function pause(ms) {
  const start = performance.now();
  do { /* spin */ } while (performance.now() - start < ms); // want "for 5–20 ms"
}

function waitUntil(ts) {
  for (;;) { // want "new Date\\(\\).*for 5 ms"
    if (new Date().getTime() >= ts) break;
  }
}

function nanos() {
  const t0 = process.hrtime.bigint();
  while (process.hrtime.bigint() - t0 < 3000000n); // want "process.hrtime.bigint\\(\\).*for 3 ms"
}

function aliased() {
  const t0 = now();
  while (now() - t0 < 1000) {} // want "Date.now\\(\\).*for 1 s"
  const t1 = perf.now();
  while (perf.now() < t1 + 2) {} // want "performance.now\\(\\).*for 2 ms"
}

function clockFn() {
  return Date.now();
}

function wrapped(deadline) {
  while (clockFn() < deadline) {} // want "until the deadline passes"
}

function reread() {
  const end = Date.now() + 30;
  let t;
  do { // want "for 30 ms"
    t = Date.now();
  } while (t < end);
}

function plusDate() {
  const end = +new Date() + 10;
  while (+new Date() < end) {} // want "for 10 ms"
}

function hr() {
  const start = hrtime();
  while (hrtime(start)[0] < 1) {} // want "process.hrtime\\(\\)"
}

function shared(view) {
  while (Atomics.load(view, 0) === 0) {} // want "Atomics.load\\(\\) until another thread"
}

let last = 0;
http.createServer((req, res) => {
  sleep(200);
  pause(5);
  pause(20);
  waitUntil(Date.now() + 5);
  nanos();
  aliased();
  wrapped(last + 100);
  reread();
  plusDate();
  hr();
  shared(new Int32Array(new SharedArrayBuffer(4)));
  last = Date.now();
  res.end('ok');
}).listen(8000);
