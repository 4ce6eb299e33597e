const { Readable } = require('stream');
const r = new Readable({ objectMode: true, read() {} });
(async () => {
  for await (const c of r) { console.log('chunk', c); await null; console.log('after await', c); }
  console.log('done');
})();
r.push('a'); r.push('b');
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'));
setTimeout(() => { r.push('c'); r.push(null); }, 2);
