const log = (m) => () => console.log(m);
const chain = (name, n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) p = p.then(log(name + i)); };
async function a1() { return a2(); }
async function a2() { await null; return 'v'; }
a1().then(log('a1 done'));
Promise.resolve().then(() => Promise.resolve()).then(log('returned promise'));
(async () => { await Promise.all([Promise.resolve(1), 2]); console.log('all awaited'); })();
Promise.race([Promise.resolve('r1'), Promise.reject(new Error('r2'))]).then((v) => console.log('race', v));
(async () => { const v = await Promise.race([new Promise(() => {}), 'plain']); console.log('race plain', v); })();
async function* ag() { try { yield 1; yield 2; } finally { console.log('ag finally'); } }
(async () => { const it = ag(); console.log('ag1', (await it.next()).value); console.log('ag ret', await it.return('R')); })();
chain('c', 12);
