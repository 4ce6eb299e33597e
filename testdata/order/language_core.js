const fns = [];
for (var i = 0; i < 3; i++) fns.push(() => i);
for (let j = 0; j < 3; j++) fns.push(() => j);
console.log(fns.map((f) => f()).join(','));
function* gen() { const x = yield 1; console.log('got', x); yield* [2, 3]; return 4; }
const g = gen();
console.log(g.next(), g.next('a'), g.next(), g.next(), g.next());
console.log([...gen()]);
outer: for (let a = 0; a < 3; a++) { for (let b = 0; b < 3; b++) { if (b === 1) continue outer; if (a === 2) break outer; console.log(a, b); } }
function sw(x) { switch (x) { case 1: return 'one'; case 2: case 3: return 'two-three'; default: return 'other'; } }
console.log(sw(1), sw(3), sw(9));
function tf() { try { return 'try'; } finally { console.log('finally runs'); } }
console.log(tf());
function tc() { try { throw new RangeError('r'); } catch (e) { return e.name + ':' + e.message; } }
console.log(tc());
class A { #secret = 42; static count = 0; constructor() { A.count++; } get secret() { return this.#secret; } set secret(v) { this.#secret = v; } static make() { return new A(); } toString() { return 'A!'; } }
class B extends A { constructor() { super(); this.b = true; } get secret() { return super.secret * 2; } }
const b = new B(); b.secret = 5;
console.log(b.secret, A.count, String(b), `${b}`, b instanceof A, B.make() instanceof A, A.count);
const { p = 1, q: { r } = { r: 2 }, ...rest } = { s: 3, t: 4 };
console.log(p, r, rest);
const [x1, , x3 = 'd', ...xs] = [1, 2, undefined, 4, 5];
console.log(x1, x3, xs);
function dflt(a, b = a + 1, ...more) { return [a, b, more, arguments.length]; }
console.log(dflt(1), dflt(1, 5, 6, 7));
const obj = { n: 'obj', reg() { return this.n; }, arrow: () => typeof this };
console.log(obj.reg(), obj.arrow());
const bound = obj.reg.bind({ n: 'other' }); console.log(bound());
console.log(typeof undeclaredThing, (() => { try { undeclaredThing; } catch (e) { return e.name + ': ' + e.message; } })());
try { tdz; let tdz = 1; } catch (e) { console.log(e.name, e.message); }
try { const c = 1; c = 2; } catch (e) { console.log(e.name, e.message); }
try { null.x; } catch (e) { console.log(e.message); }
try { undefined(); } catch (e) { console.log(e.constructor.name); }
console.log(1 < 2 < 3, 3 > 2 > 1, '2' > '12', 2 > '12', null == undefined, null === undefined, NaN == NaN, [1] == 1);
console.log(1 + '2', '3' * '4', true + 1, [] + {}, [1, 2] + '', ({}).toString());
let cnt = 0; do { cnt++; } while (cnt < 5); console.log(cnt);
const m = new Map(); m.set('k', 1).set('j', 2); for (const [k, v] of m) console.log(k, v); console.log(m.size, [...m.keys()]);
const s = new Set([1, 2, 2, 3]); console.log(s.size, s.has(2), [...s].join('|'));
for (const k in { a: 1, b: 2 }) console.log('key', k);
console.log([..."héllo"].length, 'abc'.at(-1), 'abcdef'.slice(-3, -1), 'Hello'.replace('l', 'L'), 'a-b-c'.replaceAll('-', '+'));
console.log(/(\d+)-(\d+)/.exec('10-20').slice(1), 'a1b2'.replace(/\d/g, '#'), /^x/.test('xyz'));
const tag = (s, ...v) => s.raw.join('|') + v.join(',');
console.log(tag`a${1}b${2}c`);
console.log(10n ** 20n, 7n / 2n, typeof (5n + 1n));
console.log([1, 2, 3].includes(2), [1, 2, 3].indexOf(3), [1, [2, [3]]].flat(Infinity), Array.isArray([]));
label2: { console.log('in block'); break label2; }
console.log(Object.keys([4, 5]), 'end');
