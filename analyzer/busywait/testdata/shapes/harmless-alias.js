// Calls of harmless globals through aliases leave a loop idle.
const http = require('http');
const { max } = Math;
const M = Math;

function spin(ms) {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) { // want "Date.now\\(\\)"
    n = max(n, M.random());
  }
  return n;
}

http.createServer((req, res) => {
  res.end(String(spin(5)));
}).listen(8000);
