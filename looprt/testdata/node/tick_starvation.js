// A nextTick that re-queues itself starves the loop: the timer never fires.
let n = 0;
function again() { n++; if (n % 1e6 === 0) { /* still spinning */ } process.nextTick(again); }
setTimeout(() => console.log('timer'), 1);
process.nextTick(again);
console.log('main');
