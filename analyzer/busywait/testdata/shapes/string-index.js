// A clock call through a string index, escaped.
const http = require('http');

function b(end) {
  while (Date['n\x6fw']() < end) {} // want "Date.now\\(\\)"
}

http.createServer((req, res) => {
  b(Date.now() + 5);
  res.end();
}).listen(8000);
