// A wrapper of a wrapper of a clock, and an arrow wrapper.
const http = require('http');

function stamp() {
  return Date.now();
}
function elapsedBase() {
  return stamp();
}

function wait(deadline) {
  while (elapsedBase() < deadline) {} // want "Date.now\\(\\)"
}

http.createServer((req, res) => {
  wait(Date.now() + 5);
  res.end();
}).listen(8000);
