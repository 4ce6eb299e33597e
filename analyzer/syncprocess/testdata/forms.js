'use strict';
const cp = require('child_process');
const { execFileSync: run, spawn } = require('node:child_process');
const execa = require('execa');
const crossSpawn = require('cross-spawn');
const shell = require('shelljs');
const request = require('sync-request');
const express = require('express');

const sha = cp.execSync('git rev-parse HEAD').toString(); // start-up: not reported

const app = express();
app.get('/a', (req, res) => {
  cp.execSync('uptime'); // want "child_process.execSync blocks the event loop in the callback passed to app.get .*child_process.exec with a callback"
  run('convert', ['a.png']); // want "child_process.execFileSync blocks"
  cp.spawnSync('ls'); // want "child_process.spawnSync blocks"
  spawn('ls'); // asynchronous
  cp.exec('ls', () => res.end(sha)); // asynchronous
  execa.sync('ls'); // want "execa.sync blocks"
  crossSpawn.sync('ls'); // want "cross-spawn.sync blocks"
  shell.exec('ls'); // want "shelljs.exec blocks"
  shell.exec('ls', { async: true });
  shell.exec('ls', (code) => res.end(String(code)));
  request('GET', 'http://example.com'); // want "sync-request blocks .*fetch"
});

function helper() {
  return cp.execSync('date'); // helper only called at start-up
}
helper();

process.on('exit', () => cp.execSync('cleanup'));
