const crypto = require('crypto');
const { scryptSync, pbkdf2Sync: derive, randomBytes } = require('node:crypto');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const http = require('http');

const { privateKey } = crypto.generateKeyPairSync('ed25519'); // start-up: not reported
const ITER = 310000;

http.createServer((req, res) => {
  derive(req.url, 'salt', ITER, 64, 'sha512'); // want `crypto.pbkdf2Sync blocks the event loop in the callback passed to http.createServer \(about 49.6ms–124ms\).*crypto.pbkdf2 with a callback`
  scryptSync('pw', 'salt', 64); // want "crypto.scryptSync blocks"
  crypto.generateKeyPairSync('rsa', { modulusLength: 4096 }); // want "generateKeyPairSync"
  crypto.hkdfSync('sha256', 'k', 's', 'i', 32); // want "hkdfSync"
  crypto.generatePrimeSync(2048); // want "generatePrimeSync"
  bcrypt.hashSync('pw', 12); // want "bcrypt.hashSync blocks .*await bcrypt.hash"
  bcryptjs.compareSync('pw', 'hash'); // want "bcryptjs.compareSync blocks"
  randomBytes(16); // a 16-byte token costs microseconds
  crypto.randomBytes(16 * 1024 * 1024); // want "crypto.randomBytes blocks"
  crypto.randomBytes(Number(req.headers.size)); // want "crypto.randomBytes blocks"
  crypto.randomBytes(1 << 24, (err, buf) => res.end(buf)); // a callback: the thread pool
  crypto.randomFillSync(new Uint8Array(32)); // small
  crypto.randomUUID();
  crypto.createHash('sha256').update('x').digest('hex');
  crypto.pbkdf2('pw', 'salt', ITER, 64, 'sha512', () => res.end(privateKey.type));
}).listen(0);
