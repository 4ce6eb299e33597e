const fs = require('fs');
const os = require('os');
const path = require('path');
const file = path.join(os.tmpdir(), 'blockcheck-order-' + process.pid + '.txt');
fs.writeFileSync(file, 'line1\n');
console.log(fs.existsSync(file), fs.readFileSync(file, 'utf8').trim());
fs.appendFile(file, 'line2\n', () => {
  console.log('appended');
  fs.readFile(file, 'utf8', (err, data) => {
    console.log(JSON.stringify(data));
    fs.unlink(file, (e) => {
      console.log('unlinked', e);
      fs.stat(file, (err2) => console.log('stat after unlink', err2.code));
    });
  });
});
