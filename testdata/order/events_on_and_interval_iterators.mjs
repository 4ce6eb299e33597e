import { on, EventEmitter } from 'node:events';
import { setInterval as every } from 'node:timers/promises';
const ee = new EventEmitter();
setTimeout(() => { ee.emit('tick', 1); ee.emit('tick', 2); }, 2);
setTimeout(() => ee.emit('tick', 3), 6);
let seen = 0;
for await (const [n] of on(ee, 'tick')) {
  console.log('event', n);
  if (++seen === 3) break;
}
let i = 0;
for await (const v of every(3, 'iv')) {
  console.log(v, ++i);
  if (i === 3) break;
}
Promise.resolve().then(() => console.log('after loops'));
console.log('end');
