process.on('uncaughtException', (e, origin) => console.log('uncaught', e.message, origin));
setTimeout(() => { throw new Error('in timer'); }, 0);
setTimeout(() => console.log('after throw timer'), 0);
setTimeout(() => console.log('timer 5'), 5);
process.on('beforeExit', () => console.log('beforeExit'));
