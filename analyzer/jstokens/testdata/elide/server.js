// Blocking calls reached through every link the elision follows: a
// variable bound in a function, an object literal's method, a class's
// constructor, an arrow function with an expression body, destructuring,
// createRequire, and helpers of helpers. The other functions have nothing
// to do with them; a check need not parse their bodies.
const fs = require('fs');
const http = require('http');
const { createRequire } = require('module');

const load = createRequire(__filename);
let reader;
function setup() {
  reader = fs;
}

function readConfig() {
  return reader.readFileSync('config.json', 'utf8');
}

const store = {
  load() {
    return fs.readFileSync('data.json');
  },
  size() {
    return 1;
  },
};

class Cache {
  constructor() {
    this.data = fs.readFileSync('cache.json');
  }
  get(key) {
    return this.data[key];
  }
}

const stat = () => fs.statSync('.');

function child() {
  const { execSync: run } = load('child_process');
  return run('ls');
}

function deep() {
  return deeper();
}
function deeper() {
  return readConfig();
}

function format(rows) {
  const out = [];
  for (const row of rows) {
    out.push(String(row).padStart(8));
  }
  return out.join('\n');
}

function pad(text) {
  return require('./util').pad(text);
}

function checksum(text) {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    sum = (sum * 31 + text.charCodeAt(i)) | 0;
  }
  return sum;
}

http.createServer((req, res) => {
  store.load();
  new Cache();
  stat();
  child();
  deep();
  res.end(format([checksum(req.url), pad(1)]));
}).listen(8080);

setup();
