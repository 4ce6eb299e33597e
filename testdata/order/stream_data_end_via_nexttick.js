// Attaching 'data' resumes the stream through process.nextTick: chunks and
// then 'end' arrive from the nextTick queue.
const { Readable } = require('stream');
const r = Readable.from(['a', 'b']);
process.nextTick(() => console.log('tick before data listener'));
r.on('data', (c) => console.log('data', c));
r.on('end', () => console.log('end'));
process.nextTick(() => console.log('tick after data listener'));
Promise.resolve().then(() => console.log('promise'));
console.log('main');
