// An immediate queued during the check phase runs in the next iteration.
setImmediate(() => {
  console.log('A');
  setImmediate(() => console.log('C (queued by A)'));
  process.nextTick(() => console.log('tick from A'));
});
setImmediate(() => console.log('B'));
