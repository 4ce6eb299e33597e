// A timer created during the timers phase waits for the next iteration,
// so the immediate (check phase) wins.
setTimeout(() => {
  console.log('outer');
  setTimeout(() => console.log('inner timeout'), 0);
  setImmediate(() => console.log('inner immediate'));
}, 0);
