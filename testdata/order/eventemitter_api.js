const EventEmitter = require('events');
const e = new EventEmitter();
e.once('x', (a, b) => console.log('once', a, b));
e.prependListener('x', () => console.log('prepended'));
e.on('x', function () { console.log('this ok', this === e); });
console.log(e.emit('x', 1, 2), e.emit('x', 3), e.listenerCount('x'));
e.on('error', (err) => console.log('error handled', err.message));
e.emit('error', new Error('bad'));
const e2 = new EventEmitter();
try { e2.emit('error', new Error('unhandled ee')); } catch (err) { console.log('caught', err.message); }
e.on('newListener', (ev) => console.log('newListener', ev));
e.on('y', () => {});
console.log(e.eventNames());
