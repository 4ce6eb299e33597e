import { readFile } from 'node:fs/promises';
import * as timers from 'node:timers/promises';
import fs, { stat } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const file = fileURLToPath(import.meta.url);
console.log('name', path.basename(file));
const txt = await readFile(file, 'utf8');
console.log('read', txt.startsWith('import'));
await timers.setTimeout(2);
console.log('after 2ms');
stat(file, (err, s) => {
  console.log('stat cb', err === null, s.size > 0);
  fs.readFile(file, (err2, buf) => console.log('buf', buf.length > 0));
});
export const x = 1;
export function f() {}
queueMicrotask(() => console.log('qm after TLA'));
process.nextTick(() => console.log('tick after TLA'));
