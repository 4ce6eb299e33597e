// Background work done the wrong way, and the right way.
const crypto = require('node:crypto');
const zlib = require('node:zlib');

// Catastrophic backtracking: "aaaa…!" makes matching exponential.
const EMAIL = /^([a-zA-Z0-9]+\.?)+@example\.com$/;

function sleep(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {} // spins the whole thread
}

function handleJob(job, done) {
  if (!EMAIL.test(job.email)) return done(new Error('bad email'));
  sleep(200);
  const key = crypto.pbkdf2Sync(job.password, job.salt, 100000, 64, 'sha512');
  const packed = zlib.gzipSync(JSON.stringify(job.payload));
  let checksum = 0;
  for (let i = 0; i < 50000000; i++) checksum = (checksum + i) % 65521;
  done(null, { key, packed, checksum });
}

// A poller that never lets I/O run: each tick schedules the next.
function poll() {
  process.nextTick(poll);
}

// The non-blocking forms are not reported.
function handleJobAsync(job, done) {
  crypto.pbkdf2(job.password, job.salt, 100000, 64, 'sha512', (err, key) => {
    if (err) return done(err);
    zlib.gzip(JSON.stringify(job.payload), (err2, packed) => done(err2, { key, packed }));
  });
}

module.exports = { handleJob, handleJobAsync, poll };
