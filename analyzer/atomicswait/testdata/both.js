const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const cell = new Int32Array(new SharedArrayBuffer(4));

if (isMainThread) {
  const w = new Worker(__filename);
  w.on('message', () => {
    Atomics.wait(cell, 0, 0, 5); // want "Atomics.wait blocks the event loop in the callback passed to w.on"
  });
} else {
  parentPort.on('message', () => {
    Atomics.wait(cell, 0, 0, 5); // the worker branch
  });
}
