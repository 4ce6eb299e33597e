// A var declared in a block of the function, set by a nested function.
const http = require('http');

function wait(cb) {
  if (cb) {
    var finished = false;
  }
  cb(function () { finished = true; });
  for (;;) { // want "spins until finished changes"
    if (finished) break;
  }
}

http.createServer((req, res) => {
  wait(setImmediate);
  res.end();
}).listen(8000);
