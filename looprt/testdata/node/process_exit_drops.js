// process.exit() runs 'exit' listeners synchronously and drops everything else.
process.on('exit', (c) => {
  console.log('exit ' + c);
  Promise.resolve().then(() => console.log('promise in exit'));
});
setTimeout(() => {
  console.log('timer');
  Promise.resolve().then(() => console.log('promise before exit'));
  process.nextTick(() => console.log('tick before exit'));
  process.exit(3);
}, 5);
setTimeout(() => console.log('later timer'), 5);
