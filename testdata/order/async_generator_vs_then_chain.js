async function* agen() { yield 1; await null; yield 2; }
(async () => { for await (const v of agen()) console.log('agen', v); console.log('agen done'); })();
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2')).then(() => console.log('m3')).then(() => console.log('m4')).then(() => console.log('m5'));
process.nextTick(() => console.log('tick'));
