// One finding, through a name another function declares too, from data:
// the name the loop reads is the module's constant.
const http = require('http');

function sum(items) {
  const LIMIT = items.length;
  let s = 0;
  for (let i = 0; i < LIMIT; i++) s += items[i];
  return s;
}

const LIMIT = 3e7;

http.createServer((req, res) => {
  let x = sum([1, 2]);
  for (let i = 0; i < LIMIT; i++) x ^= i; // want "loop of 30,000,000 iterations"
  res.end(String(x));
}).listen(8001);
