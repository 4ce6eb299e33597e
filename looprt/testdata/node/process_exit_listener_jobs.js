// process.exit() from a timer: 'exit' listeners run synchronously; what they queue?
process.on('exit', (c) => {
  console.log('exit', c);
  Promise.resolve().then(() => console.log('promise in exit'));
  process.nextTick(() => console.log('tick in exit'));
});
setTimeout(() => {
  Promise.resolve().then(() => console.log('promise before exit'));
  process.nextTick(() => console.log('tick before exit'));
  process.exit(3);
}, 1);
