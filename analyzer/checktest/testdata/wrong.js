const fs = require('fs');
setTimeout(() => {
  fs.readFileSync('a'); // want "this message is never produced"
  fs.statSync('b');
  const x = 1; // want "nothing is reported on this line"
}, 1);
