const fs = require('fs');
const cp = require('child_process');
const db = require('my-db');
const { packSync } = require('legacy-zip');
setInterval(() => {
  fs.readFileSync('x');
  cp.execSync('ls');
  db.querySync('select 1');
  packSync('x');
}, 1000);
