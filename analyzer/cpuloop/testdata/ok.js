const express = require('express');
const crypto = require('crypto');
const app = express();

// Start-up work: a start-up finding, not shown by default.
const sieve = new Uint8Array(5000000);
for (let i = 2; i < 5000000; i++) sieve[i] = 1;

app.post('/sum', (req, res) => {
  let total = 0;
  for (const item of req.body.items || []) total += Number(item.price) || 0; // bounded by data
  for (let i = 0; i < req.body.items.length; i++) total += 1; // bounded by data
  for (let i = 0; i < 12; i++) total += 0; // tiny
  let tries = 0;
  while (tries < 3) tries++;
  for (let i = 0; i < 1e6; i++) total += i; // ~1-2 ms
  for (let i = 0; i < 1e9; i++) { // leaves early
    if (total > 100) break;
    total++;
  }
  const prime = crypto.createDiffieHellman(Buffer.from('abcd', 'hex')); // a given prime: no search
  res.json({ total, prime: !!prime, small: JSON.stringify(Array(10).fill(0)) });
});

app.get('/async', async (req, res) => {
  for (let i = 0; i < 1e8; i++) { // yields every iteration
    await null;
  }
  res.end();
});

process.on('exit', () => {
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i;
});

app.listen(3000);
