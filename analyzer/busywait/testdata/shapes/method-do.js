// A call of a method named do just before the loop (Tokens.Loops takes
// the two for a do-while).
const http = require('http');
const chain = { do(f) { f(); return chain; } };

http.createServer((req, res) => {
  let done = false;
  setTimeout(() => { done = true; }, 1);
  chain.do(() => {});
  while (!done) {} // want "spins until done changes"
  res.end();
}).listen(8000);
