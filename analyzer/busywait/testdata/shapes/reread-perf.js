// The exit tests a variable the loop assigns a reading.
const http = require('http');
const { performance: perf } = require('perf_hooks');

function pause(ms) {
  const start = perf.now();
  let t;
  do { // want "performance.now\\(\\)"
    t = perf.now();
  } while (t - start < ms);
}

http.createServer((req, res) => {
  pause(3);
  res.end();
}).listen(8000);
