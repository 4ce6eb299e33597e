// Built-in calls at the edges of their arguments: lengths that are NaN,
// negative or huge, limits, counts, digits and radixes out of range. Each
// either has a defined value or throws a RangeError; none may stop the
// interpreter.
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
