// generators and iteration protocols
function* fib() { let [a, b] = [0, 1]; while (true) { yield a; [a, b] = [b, a + b]; } }
const out = [];
for (const v of fib()) { if (v > 50) break; out.push(v); }
console.log(out.join(' '));
function* inner() { const x = yield 'i1'; console.log('inner got', x); return 'inner-ret'; }
function* outer() { const r = yield* inner(); console.log('delegate returned', r); yield 'o1'; }
const g = outer();
console.log(g.next().value, g.next('X').value, g.next().done);
const g2 = fib(); g2.next(); console.log(g2.return(99), g2.next());
function* guarded() { try { yield 1; yield 2; } finally { console.log('cleanup'); } }
for (const v of guarded()) { console.log('v', v); break; }
const entries = Object.entries({ a: 1, b: 2 }).map(([k, v]) => `${k}=${v}`);
console.log(entries, [...'ab'].entries().next(), Array.from(new Set('hello')).join(''));
