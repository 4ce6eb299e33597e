// t2 becomes due during t1's 20 ms busy wait, but the timers phase compares
// against its start time, so the immediate queued by t1 runs first.
setTimeout(() => {
  console.log('t1');
  setImmediate(() => console.log('immediate from t1'));
  const s = Date.now(); while (Date.now() - s < 20);
}, 5);
setTimeout(() => console.log('t2'), 10);
