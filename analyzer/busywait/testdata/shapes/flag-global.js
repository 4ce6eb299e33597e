// An undeclared (global) counter the loop updates: the rule passes over
// it and waits for the flag.
var http = require('http');
var done = false;

function wait() {
  setTimeout(function () { done = true; }, 10);
  for (i = 0; !done && i >= 0; i++) {} // want "spins until done changes"
}

http.createServer(function (req, res) {
  wait();
  res.end();
}).listen(8000);
