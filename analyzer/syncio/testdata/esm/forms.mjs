import fs from 'fs';
import * as nfs from 'node:fs';
import { readFileSync as rfs, promises } from 'fs';
import { readFile } from 'fs/promises';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const cfs = require('fs');

export async function handle(req) {
  fs.readFileSync(req.path); // want "fs.readFileSync blocks the event loop in async function handle"
  const st = nfs.statSync(req.path).size; // want "fs.statSync"
  rfs(req.path); // want "fs.readFileSync"
  cfs.readdirSync('.'); // want "fs.readdirSync"
  await readFile(req.path);
  await promises.readFile(req.path);
}

const data = rfs('top-level.txt'); // top-level await-free start-up code
