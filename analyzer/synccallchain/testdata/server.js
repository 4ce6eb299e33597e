const express = require('express');
const store = require('./lib/store');
const { get: fetchKey, put } = require('./lib');
const fs = require('fs');

store.get('boot'); // start-up: not reported

function readUser(id) {
  return JSON.parse(fs.readFileSync(`/users/${id}.json`, 'utf8'));
}

function loadUser(id) {
  return readUser(id);
}

const admin = loadUser('1'); // start-up

const app = express();
app.get('/kv/:key', (req, res) => {
  res.send(store.get(req.params.key)); // want `store.get blocks the event loop in the callback passed to app.get: it calls store.get → readRaw → fs.readFileSync \(sync-io\), about .*in readRaw, use await fs.promises.readFile`
  put(req.params.key, req.body); // want "put blocks .*put → fs.writeFileSync.*in put, use"
  fetchKey('x'); // want "fetchKey blocks .*fetchKey → readRaw"
  store.cache.load('x'); // want "store.cache.load blocks"
  res.json(loadUser(req.params.id)); // want "loadUser blocks .*loadUser → readUser → fs.readFileSync"
});

app.get('/async', async (req, res) => {
  res.send(await store.getAsync(req.params.key)); // the promise API
});

app.listen(3000, () => console.log(admin));
