'use strict';
const fs = require('fs');
const nfs = require('node:fs');
const { readFileSync, statSync: st, promises: fsp } = require('fs');
const { existsSync = () => false } = require('graceful-fs');
const fse = require('fs-extra');
const alias = fs;
const http = require('http');

// Start-up code may block: it runs once, before the server listens.
const config = fs.readFileSync('./config.json', 'utf8');
if (nfs.existsSync('/tmp/flag')) console.log('flag');

http.createServer((req, res) => {
  const body = fs.readFileSync(req.url); // want "fs.readFileSync blocks the event loop in the callback passed to http.createServer .*use await fs.promises.readFile"
  nfs.writeFileSync('/tmp/log', body); // want `fs.writeFileSync blocks`
  readFileSync('x'); // want "fs.readFileSync blocks"
  st('x'); // want "fs.statSync blocks"
  existsSync('x'); // want "graceful-fs.existsSync blocks .*fs.promises.access"
  fse.copySync('a', 'b'); // want "fs-extra.copySync blocks"
  alias.mkdirSync('d'); // want "fs.mkdirSync blocks"
  require('fs').unlinkSync('x'); // want "fs.unlinkSync blocks"
  fs['rmSync']('x'); // want "fs.rmSync blocks"
  fsp.readFile('x').then(() => res.end()); // promises are fine
  fs.readFile('x', () => res.end(config)); // callbacks are fine
  fs.Sync(); // no fs API is named Sync alone,
  fs.BSync(); // nor starts with a capital
}).listen(0);

function readConfig() {
  return fs.readFileSync('c.json'); // only called at start-up
}
readConfig();

function handler(req, res) {
  res.end(fs.readFileSync('page.html')); // want "fs.readFileSync blocks the event loop in function handler, called in the callback passed to"
}
setTimeout(() => handler(), 10);

// A local function that happens to be named like an fs API.
function writeFileSync() {}
setInterval(() => writeFileSync('x'), 1000);

// Array callbacks run synchronously in their caller's context.
['a', 'b'].forEach((f) => fs.statSync(f));

process.on('exit', () => {
  fs.writeFileSync('/tmp/exit-log', 'bye'); // exit listeners must be synchronous
});

class Store {
  load() {
    return fs.readFileSync('store.json'); // want "in method load"
  }
}
module.exports = Store;

(function init() {
  fs.mkdirSync('cache'); // runs at load
})();

async function main() {
  const x = fs.readFileSync('x', 'utf8'); // want "in async function main"
  // existsSync has no promise twin: no fix.
  return fs.existsSync(x); // want "fs.existsSync"
}
