const http = require('http');
const fs = require('fs');
const { setImmediate: yieldLoop } = require('timers/promises');

const work = [];

// setImmediate lets I/O run between items.
function processWithImmediate() {
  const item = work.shift();
  if (item) item();
  if (work.length) setImmediate(processWithImmediate);
}

function immediateForever() {
  setImmediate(immediateForever);
}

// Bounded by the list it drains.
function drainTicks() {
  work.shift()();
  if (work.length) process.nextTick(drainTicks);
}

function tickOnce(cb) {
  queueMicrotask(cb); // not recursive
}

// Re-queued from an I/O callback: the loop turns between rounds.
function pollFile() {
  fs.stat('x', () => process.nextTick(pollFile));
}

// Awaits real I/O or yields.
async function poller() {
  while (true) {
    await fs.promises.stat('x');
    await yieldLoop();
  }
}

async function countdown(n) {
  for (let i = 0; i < n; i++) await null; // a counting loop ends
}

async function walk(node) {
  if (!node) return;
  await null;
  await walk(node.next); // guarded recursion over data
}

http.createServer(async (req, res) => {
  work.push(() => res.end('ok'));
  if (work.length === 1) setImmediate(processWithImmediate);
  immediateForever();
  drainTicks();
  tickOnce(() => {});
  pollFile();
  poller();
  await countdown(3);
  await walk(null);
}).listen(8000);
