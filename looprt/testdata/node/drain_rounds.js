// Ticks queued by microtasks wait until the microtask queue is empty;
// microtasks queued by ticks wait until the tick queue is empty.
process.nextTick(() => {
  console.log('t1');
  Promise.resolve().then(() => console.log('p from t1'));
  process.nextTick(() => console.log('t from t1'));
});
Promise.resolve().then(() => {
  console.log('p1');
  process.nextTick(() => console.log('t from p1'));
  Promise.resolve().then(() => console.log('p from p1'));
});
