const { promisify } = require('util');
const fs = require('fs');
const readFileP = promisify(fs.readFile);
const sleep = promisify(setTimeout);
(async () => {
  const data = await readFileP(__filename, 'utf8');
  console.log('read', data.length > 10);
  await sleep(5);
  console.log('slept');
  const st = await fs.promises.stat(__filename);
  console.log('isFile', st.isFile());
})();
process.on('exit', (c) => console.log('exit', c));
