// After a 30 ms busy main module both timers are due in the first timers
// phase, before the check phase.
setTimeout(() => console.log('5ms'), 5);
setTimeout(() => console.log('20ms'), 20);
setImmediate(() => console.log('immediate'));
const s = Date.now(); while (Date.now() - s < 30);
console.log('busy done');
