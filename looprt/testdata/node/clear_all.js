// clearTimeout on a later sibling in the same list, clearInterval, clearImmediate.
setTimeout(() => { console.log('a'); clearTimeout(b); }, 5);
const b = setTimeout(() => console.log('b'), 5);
const im = setImmediate(() => console.log('cleared immediate'));
setImmediate(() => console.log('immediate'));
clearImmediate(im);
const iv = setInterval(() => console.log('never'), 1);
clearInterval(iv);
