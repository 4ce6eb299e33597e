// The loop assigns another variable of the same name, its own.
const fs = require('fs');
const http = require('http');

http.createServer((req, res) => {
  let done = false;
  fs.readFile('a', () => { done = true; });
  while (!done) { // want "spins until done changes"
    let done = 0;
    done = 1;
  }
  res.end();
}).listen(8000);
