// One finding, Array(n).fill through optional chaining and parentheses.
const http = require('http');
const SIDE = 4000;

http.createServer((req, res) => {
  const grid = (new Array(SIDE * SIDE))?.fill?.(0); // want "Array\\(16,000,000\\).fill"
  res.end(String(grid.length));
}).listen(8007);
