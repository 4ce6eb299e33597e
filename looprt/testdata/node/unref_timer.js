// An unref'd timer fires while a ref'd one keeps the loop alive, and is
// dropped once nothing else does.
setTimeout(() => console.log('unref 5'), 5).unref();
setTimeout(() => console.log('ref 20'), 20);
setTimeout(() => console.log('unref 200'), 200).unref();
