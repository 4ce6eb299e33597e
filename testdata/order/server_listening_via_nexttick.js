// 'listening' (and the listen callback) is emitted through process.nextTick,
// so it runs after ticks queued before it and before promise jobs.
const net = require('net');
const server = net.createServer();
server.on('listening', () => {
  console.log('listening event');
  server.close(() => console.log('closed'));
});
server.listen(0);
process.nextTick(() => console.log('tick queued after listen'));
Promise.resolve().then(() => console.log('promise'));
setImmediate(() => console.log('immediate'));
console.log('main');
