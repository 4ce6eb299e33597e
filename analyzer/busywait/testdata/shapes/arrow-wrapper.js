const http = require('http');
const clock = () => performance.now();

function wait(ms) {
  const start = clock();
  while (clock() - start < ms) {} // want "performance.now\\(\\).*for 7 ms"
}

http.createServer((req, res) => {
  wait(7);
  res.end();
}).listen(8000);
