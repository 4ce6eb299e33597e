// the order is not guaranteed, but nothing observable depends on it
let n = 0;
setTimeout(() => { n++; }, 0);
setImmediate(() => { n++; });
