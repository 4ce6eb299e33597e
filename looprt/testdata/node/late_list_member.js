// X (25 ms) and Y (created by a 4 ms timer with 21 ms) expire in about the
// same millisecond: whether Y is due when X's timers phase starts depends
// on how late the 4 ms timer fired, so X's immediate may run before Y.
setTimeout(() => {
  console.log('X');
  setImmediate(() => console.log('immediate from X'));
}, 25);
setTimeout(() => setTimeout(() => console.log('Y'), 21), 4);
