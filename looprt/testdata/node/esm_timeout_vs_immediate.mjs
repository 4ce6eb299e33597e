// ESM entry: Node 18/20 evaluate it from the poll phase, so the immediate always wins.
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
