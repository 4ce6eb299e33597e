const http = require('http');
const { setTimeout: sleep } = require('timers/promises');

const queue = [];

// Time-boxed work: the loop does real work until its budget runs out.
function drain() {
  const end = Date.now() + 10;
  while (Date.now() < end && queue.length) {
    queue.shift()();
  }
}

// A loop that awaits a timer yields to the event loop.
async function poll() {
  const end = Date.now() + 1000;
  while (Date.now() < end) {
    await sleep(50);
  }
}

// Measuring, not waiting.
function timed(fn) {
  const t0 = Date.now();
  for (let i = 0; i < 3; i++) fn();
  return Date.now() - t0;
}

process.on('exit', () => {
  const end = Date.now() + 5;
  while (Date.now() < end) {}
});

http.createServer(async (req, res) => {
  drain();
  await poll();
  res.end(String(timed(() => 1)));
}).listen(8000);
