// The exit is an if that returns, at the top of the body.
const http = require('http');

function wait(end) {
  for (;;) { // want "Date.now\\(\\)"
    if (Date.now() >= end) return;
  }
}

http.createServer((req, res) => {
  wait(Date.now() + 5);
  res.end();
}).listen(8000);
