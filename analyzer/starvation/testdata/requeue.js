const http = require('http');
const { nextTick } = require('process');

let counter = 0;
const pending = [];

function spin() {
  counter++;
  Promise.resolve().then(spin); // want "spin re-queues itself.*spin → Promise.resolve\\(\\).then → spin.*microtask queue never drains"
}

function drain() {
  const job = pending.shift();
  if (job) job();
  process.nextTick(drain); // want "nextTick queue never drains"
}

function retryForever(fn) {
  Promise.resolve()
    .then(fn)
    .catch(() => process.nextTick(retryForever, fn)); // want "retryForever → Promise.resolve\\(\\).catch → process.nextTick → retryForever"
}

const pump = () => {
  queueMicrotask(() => pump()); // want "pump re-queues itself"
};

function aliased() {
  nextTick(aliased); // want "aliased re-queues itself"
}

async function recurse() {
  await null;
  return recurse(); // want "async recurse calls itself after awaiting only resolved values"
}

async function waitFor(flag) {
  while (!flag.done) await null; // want "only awaits already-resolved values"
}

http.createServer((req, res) => {
  spin();
  drain();
  retryForever(() => { throw new Error('not ready'); });
  pump();
  aliased();
  recurse();
  waitFor({});
  res.end(String(counter));
}).listen(8000);
