// rejections and exit
process.on('exit', (code) => {
  console.log('exit', code, process.exitCode);
});
process.on('unhandledRejection', (reason) => {
  console.log('unhandled', reason);
  process.exitCode = 2;
});
Promise.reject('plain string');
async function bad() { await null; throw new Error('later'); }
bad().catch((e) => console.log('handled', e.message));
setTimeout(() => { console.log('timer'); Promise.reject(42); }, 1);
