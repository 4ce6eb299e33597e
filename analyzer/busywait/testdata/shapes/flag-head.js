// The loop's head declares a variable it never assigns; the flag is
// another.
const fs = require('fs');
const http = require('http');

http.createServer((req, res) => {
  let ready = false;
  fs.readFile('a', () => { ready = true; });
  for (let spins = 0; !ready && spins >= 0;) {} // want "spins until ready changes"
  res.end();
}).listen(8000);
