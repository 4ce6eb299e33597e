// From the check phase the timers phase comes next: the new 1 ms timer runs
// there only if Node's millisecond clock has ticked; usually the immediate wins.
setImmediate(() => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
