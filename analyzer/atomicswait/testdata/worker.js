const { parentPort } = require('worker_threads');
const fs = require('fs');
const lock = new Int32Array(new SharedArrayBuffer(4));

parentPort.on('message', (msg) => {
  Atomics.wait(lock, 0, 0, 10); // a worker may block
  parentPort.postMessage(fs.readFileSync(msg.path));
});
