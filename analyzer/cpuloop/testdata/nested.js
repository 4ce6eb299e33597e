// One finding, a braceless outer loop whose else branch holds the inner
// loop: only their product reaches the threshold.
const http = require('http');

http.createServer((req, res) => {
  let x = 0;
  for (let r = 0; r < 4000; r++) if (r < 0) x--; else for (let c = 0; c < 4000; c++) x += r * c; // want "4,000 × 4,000 iterations"
  res.end(String(x));
}).listen(8004);
