setTimeout(() => console.log('timeout'), 0); // want `the setTimeout callback \(line 1\) and the setImmediate callback \(line 2\) can run in either order, which changes the output`
setImmediate(() => console.log('immediate'));
