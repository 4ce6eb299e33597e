// A flag only a callback updates (--), never assigned with =.
const fs = require('fs');
const http = require('http');

http.createServer((req, res) => {
  let pending = 2;
  fs.readFile('a', () => { pending--; });
  fs.readFile('b', () => { pending--; });
  while (pending) {} // want "spins until pending changes"
  res.end();
}).listen(8000);
