// After a CommonJS main module: all ticks, then all microtasks.
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('queueMicrotask'));
process.nextTick(() => console.log('tick'));
console.log('main');
