const log = (m) => () => console.log(m);
let p = Promise.resolve(); for (let i = 1; i <= 10; i++) p = p.then(log('c' + i));
class MyP extends Promise {}
(async () => { await MyP.resolve(1); console.log('awaited subclass'); })();
MyP.resolve(2).then(log('subclass then'));
Promise.all([{ then(r) { r(1); } }, MyP.resolve(3)]).then(log('all thenables'));
(async () => { try { await null; throw new Error('x'); } finally { await null; console.log('finally awaited'); } })().catch(log('caught after finally'));
(async () => {
  try { for await (const v of [Promise.resolve('ok'), Promise.reject(new Error('bad'))]) console.log('fa', v); }
  catch (e) { console.log('fa caught', e.message); }
})();
Promise.allSettled([MyP.reject(new Error('s'))]).then(log('settled subclass'));
new MyP((r) => r(5)).then(log('new subclass'));
console.log(MyP.resolve(1) instanceof MyP, MyP.resolve(1).then(() => {}) instanceof MyP);
