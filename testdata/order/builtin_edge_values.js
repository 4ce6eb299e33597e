// Built-in calls at the edges of their arguments: lengths, indexes and
// date fields that are NaN, negative, infinite or huge; limits, counts,
// digits and radixes out of range. Each has a defined value or throws a
// RangeError; none may stop the interpreter.
console.log(Array.from({}).length);
console.log(Array.from({ length: 2 }).length);
console.log('a,b,c'.split(',', -1).length);
console.log('ab'.repeat(NaN) === '');
try { 'x'.repeat(2 ** 30); } catch (e) { console.log(e.name); }
console.log(JSON.stringify([1], null, -1));
try { (1).toFixed(101); } catch (e) { console.log(e.name); }
try { (1).toPrecision(0); } catch (e) { console.log(e.name); }
try { (255).toString(1); } catch (e) { console.log(e.name); }
console.log((255).toString(16));
const a = [1, 2, 3];
try { a.length = -1; } catch (e) { console.log(e.name); }
a.length = 1;
console.log(a.length);
try { 'x'.padStart(2 ** 30); } catch (e) { console.log(e.name); }
console.log((10n).toString(2));
console.log((1.005).toFixed(2));
console.log(JSON.stringify('abc'.substr(1, NaN)));
console.log(parseInt('10', NaN));
console.log('abc'.charAt(NaN));
console.log('abc'.at(NaN));
console.log('abc'.charCodeAt(NaN));
console.log('abcdef'.substr(-2, Infinity));
console.log(new Date(NaN, 0).getTime());
console.log([1, 2, 3].slice(NaN, Infinity).length);
console.log('abc'.slice(NaN).length);
console.log((12.5).toFixed());
console.log('a-b-c'.split('-', 2).join());
console.log([1, 2, 3].at(NaN));
console.log('x'.padEnd(NaN, 'y'));
console.log(new Date(99, 0).getTime() === new Date(1999, 0).getTime());
console.log(new Date(2020, 25, 40).getTime() === new Date(2022, 1, 40).getTime());
console.log(new Date(2020, -3, 1).getMonth(), new Date(2020, -3, 1).getFullYear());
console.log(new Date(2020, Infinity).getTime());
console.log(new Date(1e6, 0).getTime());
console.log(new Date(2020.7, 1.9, 3.5).getDate());
