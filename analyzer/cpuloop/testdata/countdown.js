// One finding, a do-while whose counter is on the right of its condition
// and starts from a constant expression.
const http = require('http');
const START = 6e7;

http.createServer((req, res) => {
  let left = START * 1;
  let acc = 0;
  do { // want "loop of 60,000,000 iterations"
    acc += left & 1;
    left -= 1;
  } while (0 < left);
  res.end(String(acc));
}).listen(8005);
