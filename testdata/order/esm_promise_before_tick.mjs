// In an ES module the body runs inside a promise job: promise jobs queued at
// top level run before process.nextTick callbacks (CommonJS does the opposite).
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('queueMicrotask'));
console.log('body');
