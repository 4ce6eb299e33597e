// Ticks and microtasks drain after each timer callback, not after the phase.
setTimeout(() => {
  console.log('timer 1');
  Promise.resolve().then(() => console.log('promise 1'));
  process.nextTick(() => console.log('tick 1'));
}, 0);
setTimeout(() => console.log('timer 2'), 0);
