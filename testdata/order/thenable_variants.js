// thenable variants
const t1 = { then(res, rej) { console.log('t1.then'); rej(new Error('t1 rejects')); } };
Promise.resolve(t1).catch((e) => console.log('caught', e.message));
const t2 = { get then() { console.log('then getter'); return (r) => r('via getter'); } };
Promise.resolve(t2).then((v) => console.log(v));
(async () => { try { await { then() { throw new Error('await throw'); } }; } catch (e) { console.log('await caught', e.message); } })();
Promise.resolve().then(() => ({ then(r) { r('obj thenable'); } })).then((v) => console.log(v));
const p = Promise.resolve('direct');
p.then((v) => { console.log(v); return p; }).then((v) => console.log('returned same promise', v));
Promise.resolve().then(() => console.log('x1')).then(() => console.log('x2')).then(() => console.log('x3')).then(() => console.log('x4')).then(() => console.log('x5'));
console.log('sync');
