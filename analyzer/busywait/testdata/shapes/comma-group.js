// A clock call through a comma group.
const http = require('http');

function c(end) {
  while ((0, Date.now)() < end) {} // want "Date.now\\(\\)"
}

http.createServer((req, res) => {
  c(Date.now() + 5);
  res.end();
}).listen(8000);
