// From the main module: a race decided by start-up time.
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
