const http = require('http');
const cell = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms) {
  Atomics.wait(cell, 0, 0, ms); // want `Atomics.wait blocks the event loop in function sleep, called in the callback passed to http.createServer \(until another thread notifies it.*Atomics.waitAsync`
}

function pause() {
  Atomics.wait(cell, 0, 0, 50); // want "up to 50ms"
}
module.exports = { pause };

http.createServer((req, res) => {
  sleep(200);
  Atomics.waitAsync(cell, 0, 0, 10); // the asynchronous form
  Atomics.wait(cell, 0, 0, 0); // a zero timeout returns at once
  res.end();
}).listen(0);
