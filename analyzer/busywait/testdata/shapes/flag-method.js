// The flag is set by a method of an object, and the loop waits in a
// method of a class.
const http = require('http');
let ready = false;
const listener = {
  onReady() {
    ready = true;
  },
};

class Waiter {
  wait() {
    while (!ready) {} // want "spins until ready changes"
  }
}

http.createServer((req, res) => {
  listener.onReady();
  new Waiter().wait();
  res.end();
}).listen(8000);
