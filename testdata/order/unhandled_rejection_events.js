process.on('unhandledRejection', (r, p) => console.log('unhandled', r.message, p instanceof Promise));
Promise.reject(new Error('one'));
const p2 = Promise.reject(new Error('two'));
setTimeout(() => p2.catch(() => console.log('late catch')), 0);
process.on('rejectionHandled', () => console.log('handled later'));
new Promise((_, rej) => rej(new Error('three'))).then(() => {});
console.log('main');
