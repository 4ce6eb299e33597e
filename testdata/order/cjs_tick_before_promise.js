// In CommonJS the nextTick queue drains before promise jobs after the main module.
Promise.resolve().then(() => console.log('promise'));
process.nextTick(() => console.log('nextTick'));
queueMicrotask(() => console.log('queueMicrotask'));
console.log('body');
