// Inside an I/O callback the check phase comes before the next timers phase.
require('fs').stat(__filename, () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
