// One finding, in a loop whose body breaks, returns and throws only out of
// what it nests (a switch, an inner loop, a callback) and names return and
// break as properties.
const http = require('http');

http.createServer((req, res) => {
  let x = 0;
  outer: for (let i = 0; i < 5e7; i++) { // want "loop of 50,000,000 iterations"
    switch (i & 3) {
      case 0: x++; break;
      default: x--;
    }
    for (let j = 0; j < 2; j++) if (j > x) break;
    req.on('data', () => { if (x) return; throw new Error('late'); });
    const o = { return: 1, break: 2 };
    x += o.return;
  }
  res.end(String(x));
}).listen(8003);
