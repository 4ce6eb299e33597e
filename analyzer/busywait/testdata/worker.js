const { isMainThread, Worker } = require('worker_threads');

if (!isMainThread) {
  const view = new Int32Array(new SharedArrayBuffer(4));
  while (Atomics.load(view, 0) === 0) {}
} else {
  new Worker(__filename);
}
