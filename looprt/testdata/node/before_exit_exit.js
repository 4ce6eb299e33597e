// beforeExit refires only if it scheduled new loop work; 'exit' drops
// ticks and timers but runs promise jobs.
let n = 0;
process.on('beforeExit', () => {
  n++;
  console.log('beforeExit ' + n);
  if (n === 1) setTimeout(() => console.log('timer from beforeExit'), 1);
  if (n === 2) Promise.resolve().then(() => console.log('promise from beforeExit'));
});
process.on('exit', (code) => {
  console.log('exit ' + code);
  process.nextTick(() => console.log('tick in exit'));
  setTimeout(() => console.log('timer in exit'), 0);
  Promise.resolve().then(() => console.log('promise in exit'));
});
console.log('main');
