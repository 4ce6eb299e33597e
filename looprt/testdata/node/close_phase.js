// A socket's 'close' comes from its handle's close callback (close phase):
// after the immediate (check) and before the 0 ms timer (next timers phase).
const net = require('net');
const server = net.createServer((c) => c.end());
server.listen(0, '127.0.0.1', () => {
  const sock = net.connect(server.address().port, '127.0.0.1', () => {
    sock.destroy();
    sock.on('close', () => { console.log('close'); server.close(); });
    setImmediate(() => console.log('immediate'));
    setTimeout(() => console.log('timeout'), 0);
  });
});
