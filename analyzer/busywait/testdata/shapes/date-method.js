// Any method of new Date() reads the clock.
const http = require('http');

function nextSecond() {
  const s = new Date().getSeconds();
  while (new Date().getSeconds() === s) {} // want "new Date\\(\\)"
}

http.createServer((req, res) => {
  nextSecond();
  res.end();
}).listen(8000);
