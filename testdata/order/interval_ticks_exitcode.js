let n = 0;
const iv = setInterval(() => {
  n++;
  console.log('iv', n);
  process.nextTick(() => console.log('tick in iv', n));
  if (n === 2) clearInterval(iv);
}, 3);
setTimeout(() => console.log('t10'), 10);
const t = setTimeout(() => console.log('never'), 1000);
t.unref();
process.exitCode = 4;
process.on('exit', (c) => console.log('exit code', c));
