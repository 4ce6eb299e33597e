// The flag is set by a concise arrow.
const http = require('http');

http.createServer((req, res) => {
  let done = false;
  setTimeout(() => done = true, 10);
  while (!done) {} // want "spins until done changes"
  res.end();
}).listen(8000);
