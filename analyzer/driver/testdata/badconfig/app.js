const fs = require('fs');
setTimeout(() => fs.readFileSync('x'), 1);
