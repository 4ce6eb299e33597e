import { pong } from './cycle-b.mjs';
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';

export function ping(n) {
  if (n > 0) return pong(n - 1);
  return execSync('date');
}

function even(n) { return n === 0 ? execSync('true') : odd(n - 1); }
function odd(n) { return n === 0 ? false : even(n - 1); }

createServer((req, res) => {
  res.end(String(ping(3))); // want `ping blocks .*ping → child_process.execSync \(sync-process\)`
  odd(3); // want "odd blocks .*odd → even → child_process.execSync"
}).listen(0);
