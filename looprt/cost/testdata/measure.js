// measure.js: measures the rows of blockcheck's timing table (looprt/cost)
// on the machine it runs on. Usage: node measure.js [runs]
// Prints one line per row: key min max (in microseconds) over the runs.
'use strict';
const { execFileSync, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const zlib = require('zlib');
const dns = require('dns');

const runs = Number(process.argv[2] || 20);
const us = (ms) => ms * 1000;
const stats = {};
function rec(key, v) { (stats[key] = stats[key] || []).push(v); }

if (process.argv[2] === 'child-tail') {
  // Time from the end of the main module to the first check phase, and
  // whether a 1 ms timer was already due in the first timers phase.
  const t0 = performance.now();
  let timerFirst = false;
  setTimeout(() => { timerFirst = true; }, 1);
  setImmediate(() => { process.stdout.write(`${performance.now() - t0} ${timerFirst}\n`); });
  return;
}

function timeSync(key, n, fn, per = 1) {
  for (let r = 0; r < n; r++) {
    const t = performance.now();
    fn();
    rec(key, (performance.now() - t) / per);
  }
}

async function timeAsync(key, n, start) {
  for (let r = 0; r < n; r++) {
    await new Promise((resolve) => {
      const t = performance.now();
      start(() => { rec(key, performance.now() - t); resolve(); });
    });
  }
}

(async () => {
  // start-up tail, measured in fresh processes
  let timerFirst = 0;
  for (let r = 0; r < runs; r++) {
    const [ms, tf] = execFileSync(process.execPath, [__filename, 'child-tail']).toString().trim().split(' ');
    rec('startup.main-tail', Number(ms));
    if (tf === 'true') timerFirst++;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-'));
  const small = path.join(dir, 'small.txt');
  fs.writeFileSync(small, 'x'.repeat(1024));

  await timeAsync('io.fs.stat', runs, (cb) => fs.stat(small, cb));
  await timeAsync('io.fs.readFile', runs, (cb) => fs.readFile(small, cb));
  await timeAsync('io.fs.writeFile', runs, (cb) => fs.writeFile(path.join(dir, 'w.txt'), 'hello', cb));
  await timeAsync('io.fs.open', runs, (cb) => fs.open(small, 'r', (e, fd) => { cb(); fs.closeSync(fd); }));
  await timeAsync('io.dns.lookup', runs, (cb) => dns.lookup('localhost', cb));
  await timeAsync('io.child_process.exec', Math.min(runs, 10), (cb) => require('child_process').exec('true', cb));
  await timeAsync('io.crypto.pbkdf2', runs, (cb) => crypto.pbkdf2('pw', 'salt', 1000, 32, 'sha256', cb));
  await timeAsync('loop.timer-lateness', runs, (cb) => {
    const t = performance.now();
    setTimeout(() => { rec('loop.timer-late', performance.now() - t - 10); cb(); }, 10);
  });

  timeSync('blocking.fs.readFileSync', runs, () => fs.readFileSync(small));
  timeSync('blocking.fs.statSync', runs, () => fs.statSync(small));
  timeSync('blocking.fs.writeFileSync', runs, () => fs.writeFileSync(path.join(dir, 'w.txt'), 'hello'));
  timeSync('blocking.child_process.execSync', Math.min(runs, 10), () => execSync('true'));
  timeSync('blocking.crypto.pbkdf2Sync', runs, () => crypto.pbkdf2Sync('pw', 'salt', 10000, 32, 'sha256'), 10000);
  const kb64 = Buffer.alloc(64 * 1024, 'a');
  const rnd = crypto.randomBytes(64 * 1024);
  timeSync('blocking.zlib.gzipSync', runs, () => zlib.gzipSync(rnd), 64);
  const gz = zlib.gzipSync(rnd);
  timeSync('blocking.zlib.gunzipSync', runs, () => zlib.gunzipSync(gz), 64);
  const json = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: i, name: 'item' + i, tags: ['a', 'b'] })));
  const jsonKB = json.length / 1024;
  timeSync('cpu.json.parse', runs, () => JSON.parse(json), jsonKB);
  const obj = JSON.parse(json);
  timeSync('cpu.json.stringify', runs, () => JSON.stringify(obj), jsonKB);
  timeSync('blocking.crypto.hashSync', runs, () => crypto.createHash('sha256').update(kb64).digest(), 64);
  timeSync('cpu.loop.empty', runs, () => { let s = 0; for (let i = 0; i < 1e7; i++) s += i; return s; }, 1e7);
  timeSync('cpu.loop.array-push', runs, () => { const a = []; for (let i = 0; i < 1e6; i++) a.push(i); return a; }, 1e6);
  timeSync('cpu.loop.string-concat', runs, () => { let s = ''; for (let i = 0; i < 1e6; i++) s += 'x'; return s.length; }, 1e6);
  timeSync('cpu.loop.date-now', runs, () => { let s = 0; for (let i = 0; i < 1e6; i++) s += Date.now(); return s; }, 1e6);
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`# ${process.version} ${os.cpus().length} CPUs, ${runs} runs; values in microseconds (min max)`);
  console.log(`# 1ms timer ran before the first immediate in ${timerFirst}/${runs} fresh processes`);
  for (const [k, v] of Object.entries(stats)) {
    v.sort((a, b) => a - b);
    console.log(`${k} ${us(v[0]).toFixed(3)} ${us(v[v.length - 1]).toFixed(3)}`);
  }
})();
