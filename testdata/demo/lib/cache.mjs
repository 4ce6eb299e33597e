import { readFile } from 'node:fs/promises';
import * as fs from 'node:fs';

const cache = new Map();

// Non-blocking: the promise API.
export async function load(file) {
  if (!cache.has(file)) cache.set(file, await readFile(file, 'utf8'));
  return cache.get(file);
}

// Blocking, in an async function that runs per call.
export async function size(file) {
  return fs.statSync(file).size;
}
