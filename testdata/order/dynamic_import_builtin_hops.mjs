import('node:os').then(() => console.log('import resolved'));
let p = Promise.resolve();
for (let i = 1; i <= 12; i++) p = p.then(() => console.log('p' + i));
