// Atomics.load through an alias; and without a comparison.
const http = require('http');
const { load } = Atomics;
const view = new Int32Array(new SharedArrayBuffer(8));

function waitWrite() {
  while (load(view, 0) === 0) {} // want "Atomics.load\\(\\) until another thread"
}

http.createServer((req, res) => {
  waitWrite();
  res.end();
}).listen(8000);
