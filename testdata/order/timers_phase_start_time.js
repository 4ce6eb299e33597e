// The timers phase compares deadlines with the time it started: a timer that
// becomes due while a slow callback runs waits for the next iteration, after
// the immediates queued meanwhile.
setTimeout(() => {
  console.log('slow timer start');
  setImmediate(() => console.log('immediate queued by slow timer'));
  const s = Date.now();
  while (Date.now() - s < 20);
  console.log('slow timer end');
}, 2);
setTimeout(() => console.log('10ms timer (due during the slow one)'), 10);
