// With nothing else to do the loop blocks in poll until the I/O completes;
// a 50 ms timer comes after it.
setTimeout(() => console.log('timeout 50'), 50);
require('fs').stat(__filename, () => {
  console.log('stat');
  process.nextTick(() => console.log('tick from stat'));
});
