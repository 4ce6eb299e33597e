// A clock call through an optional call (string-index.js and
// comma-group.js hold the other forms of callee).
const http = require('http');

function a(end) {
  while (Date.now?.() < end) {} // want "Date.now\\(\\)"
}

http.createServer((req, res) => {
  a(Date.now() + 5);
  res.end();
}).listen(8000);
