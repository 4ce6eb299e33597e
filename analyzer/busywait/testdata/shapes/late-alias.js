// A clock alias given after a literal: the literal's site binds the name
// to nothing, the group's to the clock.
const http = require('http');

var read = 0;
read = (0, Date.now);

function c(end) {
  while (read() < end) {} // want "Date.now\\(\\)"
}

http.createServer((req, res) => {
  c(Date.now() + 5);
  res.end();
}).listen(8000);
