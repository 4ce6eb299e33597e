const http = require('http');
const flag = new Int32Array(new SharedArrayBuffer(4));

function waitFlag() {
  while (!Atomics.load(flag, 0)) {} // want "Atomics.load\\(\\) until another thread"
}

http.createServer((req, res) => {
  waitFlag();
  res.end();
}).listen(8000);
