const fs = require('fs');
fs.readFile(__filename, () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
