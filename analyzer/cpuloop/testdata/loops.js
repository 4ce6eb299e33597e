const http = require('http');
const crypto = require('crypto');

const ROUNDS = 5e7;
const SIDE = 4000;

function hashSpin(seed) {
  let h = seed | 0;
  for (let round = 0; round < 20000000; round++) { // want "loop of 20,000,000 iterations: blocks the event loop for ≈ 20–"
    h = Math.imul(h ^ (h >>> 15), 2246822507);
  }
  return h >>> 0;
}

http.createServer((req, res) => {
  let acc = 0;
  for (let i = 0; i < 500000000; i++) { // want "500,000,000 iterations.*≈ 1.5–8 s"
    acc = (acc + i * 31) % 1000003;
  }
  let n = 0;
  let x = 0;
  while (n < 100000000) { // want "100,000,000 iterations"
    x ^= n++;
  }
  for (let i = ROUNDS; i > 0; i--) x += i; // want "50,000,000 iterations"
  for (let r = 0; r < SIDE; r++) { // want "4,000 × 4,000 iterations.*≈ 16–160 ms"
    for (let c = 0; c < SIDE; c++) x += r * c;
  }
  const grid = new Array(20000000).fill(0); // want "Array\\(20,000,000\\).fill"
  const big = Array(1000000).fill({ id: 1, name: 'item', tags: ['a', 'b'] });
  res.write(JSON.stringify(big)); // want "JSON.stringify of about"
  crypto.createDiffieHellman(1024); // want "createDiffieHellman\\(1024\\).*≈ 0.6–5 s"
  res.end(String(acc + x + hashSpin(1) + grid.length));
}).listen(8000);
