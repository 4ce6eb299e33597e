// Inside an 'exit' listener nextTick callbacks and timers are dropped, but a
// promise job still runs; beforeExit fires again only if work was scheduled.
let rounds = 0;
process.on('beforeExit', () => {
  rounds++;
  console.log('beforeExit', rounds);
  if (rounds === 1) setImmediate(() => console.log('work from beforeExit'));
  if (rounds === 2) Promise.resolve().then(() => console.log('promise in beforeExit 2'));
});
process.on('exit', () => {
  console.log('exit');
  process.nextTick(() => console.log('tick (dropped)'));
  setTimeout(() => console.log('timer (dropped)'), 0);
  Promise.resolve().then(() => console.log('promise in exit listener'));
});
