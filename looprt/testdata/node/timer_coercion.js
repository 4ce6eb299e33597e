// 0, negative, NaN, non-numbers and > 2^31-1 all become 1 ms: one list, creation order.
setTimeout(() => console.log('2ms'), 2);
setTimeout(() => console.log('zero'), 0);
setTimeout(() => console.log('negative'), -5);
setTimeout(() => console.log('string'), 'abc');
setTimeout(() => console.log('huge'), 2 ** 31);
setTimeout(() => console.log('one'), 1);
