// string building across queues
let s = '';
const add = (c) => () => { s += c; };
setTimeout(add('T'), 0);
setImmediate(add('I'));
process.nextTick(add('N'));
Promise.resolve().then(add('P'));
queueMicrotask(add('Q'));
(async () => { s += 'A'; await null; s += 'W'; })();
s += 'S';
setTimeout(() => console.log(s.replace('TI', '*').replace('IT', '*')), 20);
process.on('exit', () => console.log('final', s.length));
