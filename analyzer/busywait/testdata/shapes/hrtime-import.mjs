// process.hrtime through a renamed import, read by index.
import http from 'node:http';
import { hrtime as h } from 'node:process';

function pause() {
  const start = h();
  while (h(start)[0] < 1) {} // want "process.hrtime\\(\\)"
}

http.createServer((req, res) => {
  pause();
  res.end();
}).listen(8000);
