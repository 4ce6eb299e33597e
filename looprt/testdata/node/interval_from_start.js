// setInterval re-arms from the callback's start: a 4 ms callback on a
// 10 ms interval still fires at 10, 20, 30 ms, before the 35 ms timeout.
const t0 = Date.now();
let n = 0;
const iv = setInterval(() => {
  n++;
  console.log('interval ' + n);
  const s = Date.now(); while (Date.now() - s < 4);
  if (n === 3) clearInterval(iv);
}, 10);
setTimeout(() => console.log('timeout 35'), 35);
