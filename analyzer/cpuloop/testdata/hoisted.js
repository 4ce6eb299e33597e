// One finding, bounded by a var declared in a block after the loop: var
// belongs to the whole function.
const http = require('http');

function spin(seed) {
  let h = seed;
  for (let r = 0; r < ROUNDS; r++) h = (h * 31 + r) | 0; // want "loop of 40,000,000 iterations"
  if (seed) {
    var ROUNDS = 4e7;
  }
  return h;
}

http.createServer((req, res) => res.end(String(spin(1)))).listen(8002);
