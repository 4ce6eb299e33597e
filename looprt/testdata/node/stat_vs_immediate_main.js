// Whether the stat has completed by the first poll phase is a race.
require('fs').stat(__filename, () => console.log('stat'));
setImmediate(() => console.log('immediate'));
