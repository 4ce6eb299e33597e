const fs = require('fs');
const net = require('net');

net.createServer((sock) => {
  let done = false;
  fs.readFile('data.txt', () => {
    done = true;
  });
  while (!done) {} // want "spins until done changes.*never ends"

  let ready = false;
  sock.on('data', () => { ready = true; });
  while (ready === false); // want "never ends"
}).listen(7000);

// Not flags: the loop changes its own condition.
function count() {
  let i = 0;
  let stop = false;
  setTimeout(() => { stop = true; }, 10);
  while (!stop && i < 10) i++;
  return i;
}
count();
