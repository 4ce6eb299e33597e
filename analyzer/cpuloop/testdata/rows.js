// One finding, JSON.stringify of an array whose length a shorthand
// property gives.
const http = require('http');
const length = 2e6;
const rows = Array.from({ length }, (_, i) => i);

http.createServer((req, res) => {
  res.end(JSON.stringify(rows)); // want "JSON.stringify of about 31,250 KB"
}).listen(8006);
