// End-to-end test of blockls with vscode-languageserver-protocol, the
// reference implementation of the LSP wire protocol:
//
//   BLOCKLS=/path/to/blockls node vscode.test.js
//
// Each check starts its own server process when it needs a fresh one.
// Exit status 0 when every check passes.
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  CancellationTokenSource, ResponseError,
} = require('vscode-languageserver-protocol/node');

const BLOCKLS = process.env.BLOCKLS;
if (!BLOCKLS) {
  console.error('set BLOCKLS to the blockls binary');
  process.exit(2);
}
const FIXTURES = path.join(__dirname, 'fixtures');
const CRASH_MARKER = 'CRASH-ME-PLEASE';
const uriOf = (name) => pathToFileURL(path.join(FIXTURES, name)).href;
const read = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const codes = { ParseError: -32700, InvalidRequest: -32600, MethodNotFound: -32601, InvalidParams: -32602, RequestCancelled: -32800 };

// start spawns a server and connects to it.
function start() {
  const log = path.join(os.tmpdir(), `blockls-e2e-${process.pid}-${Math.random().toString(36).slice(2)}.log`);
  const proc = spawn(BLOCKLS, ['--log', log, '--debug-crash-rule-on', CRASH_MARKER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const s = { proc, conn, log, published: [], messages: [], logs: [], exit: new Promise((r) => proc.on('exit', (code) => r(code))) };
  conn.onNotification('textDocument/publishDiagnostics', (p) => s.published.push(p));
  conn.onNotification('window/showMessage', (p) => s.messages.push(p));
  conn.onNotification('window/logMessage', (p) => s.logs.push(p));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ rules: {} })));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  return s;
}

async function initialize(s, encodings) {
  const general = encodings ? { positionEncodings: encodings } : undefined;
  const res = await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(FIXTURES).href,
    capabilities: { general, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await s.conn.sendNotification('initialized', {});
  return res;
}

async function stop(s) {
  await s.conn.sendRequest('shutdown');
  await s.conn.sendNotification('exit');
  const code = await s.exit;
  s.conn.dispose();
  return code;
}

// waitFor polls until f returns a truthy value.
async function waitFor(what, f, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const diagnosticsOf = (s, uri, version) => waitFor(`diagnostics of ${uri} v${version}`,
  () => s.published.find((p) => p.uri === uri && p.version === version));

function open(s, name, text = read(name), version = 1, uri = uriOf(name)) {
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version, text } });
  return uri;
}

async function expectError(promise, code, what) {
  try {
    const v = await promise;
    assert.fail(`${what}: expected error ${code}, got result ${JSON.stringify(v)}`);
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    assert.equal(e.code, code, `${what}: ${e.message}`);
  }
}

const checks = [];
const check = (name, f) => checks.push({ name, f });

check('capabilities, UTF-16 when UTF-8 is not offered', async () => {
  const s = start();
  const { capabilities: c, serverInfo } = await initialize(s, ['utf-16']);
  assert.equal(serverInfo.name, 'blockls');
  assert.equal(c.positionEncoding, 'utf-16');
  assert.equal(c.textDocumentSync.change, 2, 'incremental sync');
  assert.equal(c.textDocumentSync.openClose, true);
  assert.deepEqual(c.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.blockcheck']);
  assert.ok(c.hoverProvider && c.inlayHintProvider && c.codeLensProvider);
  assert.deepEqual(c.executeCommandProvider.commands, ['blockcheck.explainOrder']);
  assert.equal(await stop(s), 0, 'exit code after shutdown');
});

check('encodings: UTF-8 when offered, positions converted', async () => {
  const starts = {};
  for (const enc of [['utf-8', 'utf-16'], undefined]) {
    const s = start();
    const { capabilities } = await initialize(s, enc);
    const uri = open(s, 'emoji.js');
    const p = await diagnosticsOf(s, uri, 1);
    assert.equal(p.diagnostics.length, 1);
    starts[capabilities.positionEncoding] = p.diagnostics[0].range.start;
    await stop(s);
  }
  // "  res.end('😀 ' + fs.readFileSync": the emoji is 4 UTF-8 bytes, 2 UTF-16 units.
  assert.equal(starts['utf-8'].line, 5);
  assert.equal(starts['utf-8'].character, 20);
  assert.equal(starts['utf-16'].character, 18);
});

check('diagnostic fields', async () => {
  const s = start();
  await initialize(s);
  const uri = open(s, 'async.js');
  const [d] = (await diagnosticsOf(s, uri, 1)).diagnostics;
  assert.equal(d.code, 'sync-io');
  assert.equal(d.source, 'blockcheck');
  assert.equal(d.severity, 1);
  assert.match(d.codeDescription.href, /docs\/rules\/sync-io\.md$/);
  assert.deepEqual(d.range, { start: { line: 5, character: 15 }, end: { line: 5, character: 30 } });
  await stop(s);
});

check('500 rapid incremental edits applied in wire order', async () => {
  const s = start();
  await initialize(s);
  const target = read('async.js');
  const uri = uriOf('typed.js');
  open(s, 'typed.js', '', 0, uri);
  // Type the file one character at a time, each insertion followed now and
  // then by a typo and its deletion: applied out of order, the text differs.
  let line = 0; let character = 0; let version = 0;
  const at = () => ({ line, character });
  const send = (range, text) => s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: ++version }, contentChanges: [{ range, text }],
  });
  for (const ch of target) {
    if (version + 3 > 497) break;
    send({ start: at(), end: at() }, ch);
    if (ch === '\n') { line++; character = 0; } else character += ch.length;
    if (version % 7 === 0) {
      send({ start: at(), end: at() }, 'Z');
      send({ start: at(), end: { line, character: character + 1 } }, '');
    }
  }
  // The rest of the file in one edit, no-op edits up to version 499, then
  // a whole-document replace, which must give the same result.
  send({ start: at(), end: at() }, target.slice(lineColToOffset(target, line, character)));
  while (version < 499) send({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
  send(undefined, target); // version 500: replaced wholesale, must give the same result
  const last = await diagnosticsOf(s, uri, 500);
  assert.equal(last.diagnostics.length, 1);
  assert.deepEqual(last.diagnostics[0].range.start, { line: 5, character: 15 });
  // The text the server holds is the target: a quick fix that rewrites the call reads it back.
  const actions = await s.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: last.diagnostics[0].range, context: { diagnostics: last.diagnostics },
  });
  assert.ok(actions.find((a) => a.title === 'Use await fs.promises.readFile'));
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version);
  assert.ok(versions.length < 100, `debounced: ${versions.length} publications for 500 edits`);
  await stop(s);
});

function lineColToOffset(text, line, character) {
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < line; i++) off += lines[i].length + 1;
  return off + character;
}

check('cancellation', async () => {
  const s = start();
  await initialize(s);
  const uri = open(s, 'order.js');
  await diagnosticsOf(s, uri, 1);
  let cancelled = 0;
  for (let v = 2; v < 12; v++) {
    // A new version invalidates the cached prediction, so the hover has work to do.
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: read('order.js') + `// ${v}\n` }] });
    const src = new CancellationTokenSource();
    const p = s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } }, src.token);
    src.cancel();
    try { await p; } catch (e) {
      assert.ok(e instanceof ResponseError, String(e));
      assert.equal(e.code, codes.RequestCancelled);
      cancelled++;
    }
  }
  assert.ok(cancelled > 0, 'no request was cancelled');
  // Still serving.
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } });
  assert.match(hover.contents.value, /`tick` #2/);
  await stop(s);
});

check('code actions: quick fixes, disable comments, fixAll', async () => {
  const s = start();
  await initialize(s);
  const uri = open(s, 'async.js');
  const { diagnostics } = await diagnosticsOf(s, uri, 1);
  const params = { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } };
  const actions = await s.conn.sendRequest('textDocument/codeAction', params);
  assert.deepEqual(actions.map((a) => a.title), [
    'Use await fs.promises.readFile', 'Disable sync-io for this line', 'Disable sync-io for this file', 'Fix all blockcheck problems',
  ]);
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].edit.changes[uri], [{ range: { start: { line: 5, character: 15 }, end: { line: 5, character: 51 } }, newText: "await fs.promises.readFile('page.html', 'utf8')" }]);
  assert.deepEqual(actions[1].edit.changes[uri], [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '  // blockcheck-disable-next-line sync-io\n' }]);
  assert.deepEqual(actions[2].edit.changes[uri], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '/* blockcheck-disable sync-io */\n' }]);
  const only = await s.conn.sendRequest('textDocument/codeAction', { ...params, context: { diagnostics, only: ['source.fixAll'] } });
  assert.deepEqual(only.map((a) => a.kind), ['source.fixAll.blockcheck']);
  // Apply the file-level disable: the diagnostic goes away.
  const e = actions[2].edit.changes[uri][0];
  s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: e.range, text: e.newText }] });
  assert.equal((await diagnosticsOf(s, uri, 2)).diagnostics.length, 0);
  await stop(s);
});

check('hover, inlay hints, code lens and executeCommand', async () => {
  const s = start();
  await initialize(s);
  const uri = open(s, 'order.js');
  await diagnosticsOf(s, uri, 1);
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /`tick` #2, from \*\*main \/ nextTick\*\*/);
  const hints = await s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } });
  const byLine = Object.fromEntries(hints.map((h) => [h.position.line, h.label]));
  assert.deepEqual(byLine, { 0: '#4', 1: '#3', 2: '#2', 3: '#1' });
  const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command.title, 'Explain callback order');
  const md = await s.conn.sendRequest('workspace/executeCommand', lenses[0].command);
  assert.match(md, /Callback order of order\.js/);
  assert.match(md, /1\. "main"[\s\S]*2\. "tick"[\s\S]*3\. "promise"[\s\S]*4\. "timeout"/);
  await waitFor('the explanation shown', () => s.messages.find((m) => m.message.includes('Callback order of order.js')));
  await stop(s);
});

check('robustness: error codes, and the server keeps serving', async () => {
  const s = start();
  await expectError(s.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('x.js') }, position: { line: 0, character: 0 } }), -32002, 'before initialize');
  await initialize(s);
  const uri = open(s, 'async.js');
  await diagnosticsOf(s, uri, 1);
  const pos = (line, character) => ({ textDocument: { uri }, position: { line, character } });
  await expectError(s.conn.sendRequest('blockcheck/noSuchMethod', {}), codes.MethodNotFound, 'unknown method');
  await expectError(s.conn.sendRequest('textDocument/completion', pos(0, 0)), codes.MethodNotFound, 'unimplemented method');
  await expectError(s.conn.sendRequest('textDocument/hover', { textDocument: 42, position: 'x' }), codes.InvalidParams, 'invalid params');
  await expectError(s.conn.sendRequest('textDocument/hover', pos(9999, 0)), codes.InvalidParams, 'line out of range');
  await expectError(s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }), codes.InvalidParams, 'range end before start');
  await expectError(s.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('never-opened.js') }, position: { line: 0, character: 0 } }), codes.InvalidParams, 'never-opened document');
  await expectError(s.conn.sendRequest('workspace/executeCommand', { command: 'blockcheck.nope' }), codes.InvalidParams, 'unknown command');
  // A character past the end of a line means the end of the line.
  assert.equal(await s.conn.sendRequest('textDocument/hover', pos(0, 9999)), null);
  // Notifications with bad params or for unknown documents are logged, not fatal.
  s.conn.sendNotification('textDocument/didChange', { textDocument: 'nope' });
  s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('never-opened.js'), version: 2 }, contentChanges: [{ text: 'x' }] });
  s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('never-opened.js') } });
  s.conn.sendNotification('blockcheck/unknownNotification', {});

  // Gigantic and binary documents: one informational diagnostic, not analyzed.
  const big = open(s, 'big.js', 'let x = 1;\n'.repeat(500000), 1, uriOf('big.js'));
  const bigDiags = (await diagnosticsOf(s, big, 1)).diagnostics;
  assert.equal(bigDiags.length, 1);
  assert.equal(bigDiags[0].severity, 3);
  assert.match(bigDiags[0].message, /more than the .* blockls analyzes/);
  assert.equal(await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 1, character: 0 } }), null);
  const bin = open(s, 'binary.js', 'PK\u0003\u0004\u0000\u0000\u0001garbage\u0000', 1, uriOf('binary.js'));
  assert.match((await diagnosticsOf(s, bin, 1)).diagnostics[0].message, /looks binary/);

  // A rule that panics: recovered, reported on the file and shown once.
  const crash = open(s, 'crash.js', `// ${CRASH_MARKER}\nconst fs = require('fs');\n`, 1, uriOf('crash.js'));
  const crashDiags = (await diagnosticsOf(s, crash, 1)).diagnostics;
  assert.ok(crashDiags.some((d) => /internal error: rule debug-crash crashed/.test(d.message)), JSON.stringify(crashDiags));
  s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: crash, version: 2 }, contentChanges: [{ text: `// ${CRASH_MARKER}\nlet y;\n` }] });
  await diagnosticsOf(s, crash, 2);
  assert.equal(s.messages.filter((m) => m.message.includes('debug-crash')).length, 1, 'crash shown once');
  assert.match(fs.readFileSync(s.log, 'utf8'), /rule debug-crash crashed on .*crash\.js: .*panic|debug-crash: marker found/);

  // Still serving after all of that.
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 15 }, end: { line: 5, character: 15 } }, context: { diagnostics: [] } });
  assert.ok(actions.length >= 3);
  assert.equal(await stop(s), 0);
});

check('robustness: malformed JSON and invalid requests on the wire', async () => {
  const log = path.join(os.tmpdir(), `blockls-e2e-raw-${process.pid}.log`);
  const proc = spawn(BLOCKLS, ['--log', log], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (b) => { out += b.toString('utf8'); });
  const frame = (body) => proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const responses = () => out.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b));
  frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}');
  frame('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover",'); // truncated JSON
  frame('{"jsonrpc":"2.0","id":3}'); // no method
  frame('{"jsonrpc":"2.0","id":4,"method":"shutdown"}');
  await waitFor('four responses', () => responses().length >= 4);
  const rs = responses();
  assert.ok(rs.find((r) => r.id === 1 && r.result.capabilities));
  assert.ok(rs.find((r) => r.id === null && r.error.code === codes.ParseError), JSON.stringify(rs));
  assert.ok(rs.find((r) => r.error && r.error.code === codes.InvalidRequest), JSON.stringify(rs));
  assert.ok(rs.find((r) => r.id === 4 && r.result === null));
  frame('{"jsonrpc":"2.0","method":"exit"}');
  assert.equal(await new Promise((r) => proc.on('exit', r)), 0);
});

check('exit without shutdown exits with 1', async () => {
  const s = start();
  await initialize(s);
  await s.conn.sendNotification('exit');
  assert.equal(await s.exit, 1);
  s.conn.dispose();
});

(async () => {
  let failed = 0;
  const only = process.argv[2];
  for (const { name, f } of checks) {
    if (only && !name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await f();
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack || e}`);
    }
  }
  process.exit(failed ? 1 : 0);
})();
