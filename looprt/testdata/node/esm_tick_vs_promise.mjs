// After an ES module: microtasks first (evaluation is a promise job).
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('queueMicrotask'));
process.nextTick(() => console.log('tick'));
console.log('main');
