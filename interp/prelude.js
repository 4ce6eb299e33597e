// The Node.js library modules the interpreter models, written in the
// JavaScript the interpreter runs. `native` holds the Go helpers (I/O on the
// event-loop model, the simulated file system); `modules` is what require()
// and import see. Scheduling follows Node's own lib/ code: which emits go
// through process.nextTick, which callbacks wait for I/O.

const modules = Object.create(null);

// ---- events ----
const kCapture = Symbol('kCapture');
class EventEmitter {
  constructor(opts) {
    EventEmitter.init.call(this, opts);
  }
  static init() {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
  }
  setMaxListeners(n) { this._maxListeners = n; return this; }
  getMaxListeners() { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; }
  emit(type, ...args) {
    const events = this._events;
    if (type === 'error' && (events === undefined || events.error === undefined)) {
      const er = args[0];
      if (er instanceof Error) throw er;
      const err = new Error('Unhandled error. (' + native.inspect(er) + ')');
      err.context = er;
      throw err;
    }
    if (events === undefined) return false;
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      handler.apply(this, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) listeners[i].apply(this, args);
    }
    return true;
  }
  _addListener(type, listener, prepend) {
    if (typeof listener !== 'function') {
      throw new TypeError('The "listener" argument must be of type function. Received ' + native.inspect(listener));
    }
    if (this._events === undefined) { this._events = Object.create(null); this._eventsCount = 0; }
    if (this._events.newListener !== undefined) {
      this.emit('newListener', type, listener.listener ? listener.listener : listener);
    }
    const existing = this._events[type];
    if (existing === undefined) {
      this._events[type] = listener;
      ++this._eventsCount;
    } else if (typeof existing === 'function') {
      this._events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    return this;
  }
  addListener(type, listener) { return this._addListener(type, listener, false); }
  on(type, listener) { return this._addListener(type, listener, false); }
  prependListener(type, listener) { return this._addListener(type, listener, true); }
  once(type, listener) { return this.on(type, _onceWrap(this, type, listener)); }
  prependOnceListener(type, listener) { return this.prependListener(type, _onceWrap(this, type, listener)); }
  removeListener(type, listener) {
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) { position = i; break; }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  }
  off(type, listener) { return this.removeListener(type, listener); }
  removeAllListeners(type) {
    if (this._events === undefined) return this;
    if (type === undefined) { this._events = Object.create(null); this._eventsCount = 0; }
    else if (this._events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete this._events[type];
    }
    return this;
  }
  listeners(type) {
    const l = this._events === undefined ? undefined : this._events[type];
    if (l === undefined) return [];
    if (typeof l === 'function') return [l.listener || l];
    return l.map((x) => x.listener || x);
  }
  rawListeners(type) {
    const l = this._events === undefined ? undefined : this._events[type];
    if (l === undefined) return [];
    return typeof l === 'function' ? [l] : l.slice();
  }
  listenerCount(type) {
    const l = this._events === undefined ? undefined : this._events[type];
    if (l === undefined) return 0;
    return typeof l === 'function' ? 1 : l.length;
  }
  eventNames() { return this._events === undefined ? [] : Reflect_ownKeys(this._events); }
}
function Reflect_ownKeys(o) { return Object.keys(o).concat(Object.getOwnPropertySymbols(o)); }
EventEmitter.defaultMaxListeners = 10;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.captureRejections = false;
EventEmitter.errorMonitor = Symbol('events.errorMonitor');
function _onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = function (...args) {
    if (!state.fired) {
      state.target.removeListener(state.type, state.wrapFn);
      state.fired = true;
      return state.listener.apply(state.target, args);
    }
  };
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}
EventEmitter.once = function once(emitter, name, options) {
  return new Promise((resolve, reject) => {
    if (typeof emitter.addEventListener === 'function' && !(emitter instanceof EventEmitter)) {
      emitter.addEventListener(name, (...args) => resolve(args), { once: true });
      return;
    }
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      reject(err);
    };
    const resolver = (...args) => {
      if (name !== 'error') emitter.removeListener('error', errorListener);
      resolve(args);
    };
    emitter.once(name, resolver);
    if (name !== 'error') emitter.once('error', errorListener);
  });
};
// events.on: an async iterator over emits, as lib/events.js builds it:
// queued events are handed out in already-resolved promises.
EventEmitter.on = function on(emitter, event, options) {
  const signal = options && options.signal;
  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let error = null;
  let finished = false;
  const result = (value, done) => ({ value, done });
  const eventHandler = (...args) => {
    const p = unconsumedPromises.shift();
    if (p) p.resolve(result(args, false));
    else unconsumedEvents.push(args);
  };
  const errorHandler = (err) => {
    finished = true;
    const p = unconsumedPromises.shift();
    if (p) p.reject(err);
    else error = err;
    iterator.return();
  };
  const iterator = {
    next() {
      const value = unconsumedEvents.shift();
      if (value) return Promise.resolve(result(value, false));
      if (error) { const p = Promise.reject(error); error = null; return p; }
      if (finished) return Promise.resolve(result(undefined, true));
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() {
      emitter.removeListener(event, eventHandler);
      emitter.removeListener('error', errorHandler);
      finished = true;
      for (const p of unconsumedPromises) p.resolve(result(undefined, true));
      unconsumedPromises.length = 0;
      return Promise.resolve(result(undefined, true));
    },
    throw(err) {
      error = err;
      emitter.removeListener(event, eventHandler);
      emitter.removeListener('error', errorHandler);
    },
    [Symbol.asyncIterator]() { return this; },
  };
  emitter.on(event, eventHandler);
  if (event !== 'error') emitter.on('error', errorHandler);
  if (signal) signal.addEventListener('abort', () => errorHandler(abortError(signal)), { once: true });
  return iterator;
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.getEventListeners = (emitter, type) => emitter.listeners(type);
modules.events = EventEmitter;

// ---- EventTarget, AbortController ----
class Event {
  constructor(type, options) {
    this.type = type;
    this.defaultPrevented = false;
    this.cancelable = !!(options && options.cancelable);
    this.timeStamp = 0;
  }
  preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
  stopImmediatePropagation() { this._stop = true; }
  stopPropagation() {}
}
class EventTarget {
  constructor() { this._listeners = new Map(); }
  addEventListener(type, listener, options) {
    if (!this._listeners) this._listeners = new Map();
    if (listener == null) return;
    const once = !!(options && typeof options === 'object' && options.once);
    let list = this._listeners.get(type);
    if (!list) { list = []; this._listeners.set(type, list); }
    for (const l of list) if (l.listener === listener) return;
    list.push({ listener, once });
  }
  removeEventListener(type, listener) {
    const list = this._listeners && this._listeners.get(type);
    if (!list) return;
    const i = list.findIndex((l) => l.listener === listener);
    if (i >= 0) list.splice(i, 1);
  }
  dispatchEvent(event) {
    const list = this._listeners && this._listeners.get(event.type);
    if (!list) return true;
    event.target = this;
    event.currentTarget = this;
    for (const l of list.slice()) {
      if (l.once) this.removeEventListener(event.type, l.listener);
      try {
        if (typeof l.listener === 'function') l.listener.call(this, event);
        else l.listener.handleEvent(event);
      } catch (e) {
        process.nextTick(() => { throw e; });
      }
      if (event._stop) break;
    }
    return !event.defaultPrevented;
  }
}
class AbortSignal extends EventTarget {
  constructor() { super(); this.aborted = false; this.reason = undefined; this.onabort = null; }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  static abort(reason) { const c = new AbortController(); c.abort(reason); return c.signal; }
  static timeout(ms) {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    t.unref();
    return c.signal;
  }
}
class DOMException extends Error {
  constructor(message, name) { super(message); this._name = name || 'Error'; }
  get name() { return this._name; }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    const s = this.signal;
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const ev = new Event('abort');
    if (typeof s.onabort === 'function') s.onabort(ev);
    s.dispatchEvent(ev);
  }
}
function abortError(signal) {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}
modules['global:Event'] = Event;
modules['global:EventTarget'] = EventTarget;
modules['global:AbortController'] = AbortController;
modules['global:AbortSignal'] = AbortSignal;

// ---- process ----
const process = new EventEmitter();
modules.process = process;

process.emitWarning = function emitWarning(warning, type, code) {
  const w = warning instanceof Error ? warning : Object.assign(new Error(String(warning)), { name: typeof type === 'string' ? type : (type && type.type) || 'Warning' });
  if (code) w.code = code;
  process.nextTick(() => process.emit('warning', w));
};

// ---- timers ----
const timersPromises = {
  setTimeout(ms, value, options) {
    const signal = options && options.signal;
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve(value), ms);
      if (options && options.ref === false) t.unref();
      if (signal) {
        signal.addEventListener('abort', () => { clearTimeout(t); reject(abortError(signal)); }, { once: true });
      }
    });
  },
  setImmediate(value, options) {
    const signal = options && options.signal;
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const t = setImmediate(() => resolve(value));
      if (signal) {
        signal.addEventListener('abort', () => { clearImmediate(t); reject(abortError(signal)); }, { once: true });
      }
    });
  },
  setInterval: async function* setInterval(ms, value, options) {
    const signal = options && options.signal;
    let notYielded = 0;
    let callback;
    const interval = globalThis.setInterval(() => {
      notYielded++;
      if (callback) { callback(); callback = undefined; }
    }, ms);
    if (options && options.ref === false) interval.unref();
    try {
      while (!(signal && signal.aborted)) {
        if (notYielded === 0) await new Promise((resolve) => { callback = resolve; });
        for (; notYielded > 0; notYielded--) yield value;
      }
      throw abortError(signal);
    } finally {
      clearInterval(interval);
    }
  },
  scheduler: {
    wait(ms) { return timersPromises.setTimeout(ms); },
    yield() { return timersPromises.setImmediate(); },
  },
};
modules['timers/promises'] = timersPromises;
modules.timers = {
  setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate,
  promises: timersPromises,
};

// ---- util ----
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
setTimeout[kCustomPromisify] = timersPromises.setTimeout;
setImmediate[kCustomPromisify] = timersPromises.setImmediate;
function promisify(original) {
  if (typeof original !== 'function') throw new TypeError('The "original" argument must be of type function');
  if (original[kCustomPromisify]) return original[kCustomPromisify];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) return reject(err);
        resolve(values[0]);
      });
    });
  }
  return fn;
}
promisify.custom = kCustomPromisify;
function callbackify(original) {
  return function (...args) {
    const cb = args.pop();
    original.apply(this, args).then((v) => process.nextTick(cb, null, v), (e) => process.nextTick(cb, e));
  };
}
const util = {
  promisify,
  callbackify,
  format: (...args) => native.format(...args),
  inspect: (v, opts) => native.inspect(v, opts),
  inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); },
  isDeepStrictEqual: (a, b) => native.inspect(a) === native.inspect(b),
  deprecate: (fn) => fn,
  types: {
    isPromise: (p) => p instanceof Promise,
    isAsyncFunction: (f) => native.inspect(f).startsWith('[AsyncFunction'),
  },
  promises: undefined,
};
util.inspect.custom = Symbol.for('nodejs.util.inspect.custom');
modules.util = util;

// ---- path, os, url ----
const path = {
  sep: '/',
  delimiter: ':',
  join: (...parts) => native.pathJoin(...parts),
  resolve: (...parts) => native.pathResolve(...parts),
  dirname: (p) => native.pathDir(p),
  basename: (p, ext) => { let b = native.pathBase(p); if (ext && b.endsWith(ext)) b = b.slice(0, b.length - ext.length); return b; },
  extname: (p) => native.pathExt(p),
  normalize: (p) => native.pathJoin(p),
  isAbsolute: (p) => p.startsWith('/'),
  relative: (a, b) => native.pathRel(a, b),
};
path.posix = path;
modules.path = path;
modules.os = {
  tmpdir: () => '/tmp',
  EOL: '\n',
  platform: () => 'linux',
  type: () => 'Linux',
  arch: () => 'x64',
  cpus: () => [{}, {}],
  availableParallelism: () => 2,
  hostname: () => 'localhost',
  homedir: () => '/root',
  endianness: () => 'LE',
};
modules.url = {
  fileURLToPath: (u) => String(u).replace(/^file:\/\//, ''),
  pathToFileURL: (p) => ({ href: 'file://' + p, toString() { return 'file://' + p; } }),
};

// ---- Buffer (bytes as a plain array) ----
class Buffer {
  constructor(bytes) { this._b = bytes; }
  static from(x, enc) {
    if (typeof x === 'string') return new Buffer(native.encode(x));
    if (x instanceof Buffer) return new Buffer(x._b.slice());
    return new Buffer(Array.from(x));
  }
  static alloc(n, fill) { return new Buffer(new Array(n).fill(typeof fill === 'number' ? fill : 0)); }
  static allocUnsafe(n) { return Buffer.alloc(n); }
  static isBuffer(b) { return b instanceof Buffer; }
  static concat(list) { let out = []; for (const b of list) out = out.concat(b._b); return new Buffer(out); }
  static byteLength(s) { return native.encode(String(s)).length; }
  get length() { return this._b.length; }
  toString(enc, start, end) {
    const b = this._b.slice(start || 0, end === undefined ? this._b.length : end);
    if (enc === 'hex') return b.map((x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
    if (enc === 'base64') return native.base64(b);
    return native.decode(b);
  }
  toJSON() { return { type: 'Buffer', data: this._b.slice() }; }
  slice(s, e) { return new Buffer(this._b.slice(s, e)); }
  subarray(s, e) { return new Buffer(this._b.slice(s, e)); }
  equals(o) { return this.toString() === o.toString(); }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const hex = this._b.slice(0, 50).map((x) => (x < 16 ? '0' : '') + x.toString(16));
    return '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') + (this._b.length > 50 ? ' ... ' + (this._b.length - 50) + ' more bytes' : '') + '>';
  }
}
modules.buffer = { Buffer };
modules['global:Buffer'] = Buffer;

function toData(data, enc) {
  if (enc === 'utf8' || enc === 'utf-8' || (enc && enc.encoding)) return data;
  return Buffer.from(data);
}
function encOf(opts) {
  if (typeof opts === 'string') return opts;
  return opts && opts.encoding;
}

// ---- fs ----
function fsErrorCall(fn) {
  try { return [null, fn()]; } catch (e) { return [e, undefined]; }
}
const fs = {
  readFile(file, opts, cb) {
    if (typeof opts === 'function') { cb = opts; opts = undefined; }
    const enc = encOf(opts);
    const done = () => {
      const [err, data] = fsErrorCall(() => native.readFile(String(file)));
      cb(err, err ? undefined : (enc ? data : Buffer.from(data)));
    };
    // Up to Node 24 readFile is open, fstat, read, close: one thread-pool
    // round trip each, chained through the poll phase.
    if (native.readFileRoundTrips() >= 4) {
      native.io('fs.open', () => {
        if (!native.exists(String(file))) { done(); return; }
        native.io('fs.stat', () => native.io('fs.read', () => native.io('fs.close', done, cb, 'fs.readFile (close)'), cb, 'fs.readFile (read)'), cb, 'fs.readFile (fstat)');
      }, cb, 'fs.readFile (open)');
    } else {
      native.io('fs.readFile', done, cb);
    }
  },
  writeFile(file, data, opts, cb) {
    if (typeof opts === 'function') { cb = opts; opts = undefined; }
    native.io('fs.writeFile', () => {
      const [err] = fsErrorCall(() => native.writeFile(String(file), String(data), false));
      if (cb) cb(err);
    }, cb);
  },
  appendFile(file, data, opts, cb) {
    if (typeof opts === 'function') { cb = opts; opts = undefined; }
    native.io('fs.writeFile', () => {
      const [err] = fsErrorCall(() => native.writeFile(String(file), String(data), true));
      if (cb) cb(err);
    }, cb);
  },
  stat(file, opts, cb) {
    if (typeof opts === 'function') { cb = opts; opts = undefined; }
    native.io('fs.stat', () => {
      const [err, st] = fsErrorCall(() => native.stat(String(file)));
      cb(err, st);
    }, cb);
  },
  lstat(file, opts, cb) { return fs.stat(file, opts, cb); },
  access(file, mode, cb) {
    if (typeof mode === 'function') { cb = mode; mode = undefined; }
    native.io('fs.stat', () => {
      const [err] = fsErrorCall(() => native.stat(String(file)));
      cb(err);
    }, cb);
  },
  exists(file, cb) { native.io('fs.stat', () => cb(native.exists(String(file))), cb); },
  unlink(file, cb) { native.io('fs.stat', () => { const [err] = fsErrorCall(() => native.unlink(String(file))); if (cb) cb(err); }, cb); },
  rm(file, opts, cb) { if (typeof opts === 'function') { cb = opts; } native.io('fs.stat', () => { const [err] = fsErrorCall(() => native.unlink(String(file))); if (cb) cb(err); }, cb); },
  rmdir(file, opts, cb) { if (typeof opts === 'function') { cb = opts; } native.io('fs.stat', () => { const [err] = fsErrorCall(() => native.unlink(String(file))); if (cb) cb(err); }, cb); },
  mkdir(file, opts, cb) { if (typeof opts === 'function') { cb = opts; } native.io('fs.stat', () => { native.mkdir(String(file)); if (cb) cb(null); }, cb); },
  readdir(file, opts, cb) { if (typeof opts === 'function') { cb = opts; } native.io('fs.stat', () => { const [err, l] = fsErrorCall(() => native.readdir(String(file))); cb(err, l); }, cb); },
  open(file, flags, mode, cb) {
    if (typeof flags === 'function') { cb = flags; flags = 'r'; }
    if (typeof mode === 'function') { cb = mode; }
    native.io('fs.open', () => { const [err, fd] = fsErrorCall(() => native.open(String(file), flags || 'r')); cb(err, fd); }, cb);
  },
  read(fd, buffer, offset, length, position, cb) {
    native.io('fs.read', () => {
      const [err, bytes] = fsErrorCall(() => native.read(fd, position == null ? -1 : position, length));
      if (err) return cb(err);
      for (let i = 0; i < bytes.length; i++) buffer._b[offset + i] = bytes[i];
      cb(null, bytes.length, buffer);
    }, cb);
  },
  write(fd, data, ...rest) {
    const cb = rest[rest.length - 1];
    native.io('fs.writeFile', () => { native.fdWrite(fd, String(data)); cb(null); }, cb);
  },
  close(fd, cb) { native.io('fs.close', () => { native.close(fd); if (cb) cb(null); }, cb); },
  readFileSync(file, opts) { native.spend('blocking.fs.readFileSync', 1); const d = native.readFile(String(file)); return encOf(opts) ? d : Buffer.from(d); },
  writeFileSync(file, data) { native.spend('blocking.fs.writeFileSync', 1); native.writeFile(String(file), String(data), false); },
  appendFileSync(file, data) { native.writeFile(String(file), String(data), true); },
  existsSync(file) { return native.exists(String(file)); },
  statSync(file) { return native.stat(String(file)); },
  unlinkSync(file) { native.unlink(String(file)); },
  rmSync(file) { try { native.unlink(String(file)); } catch (e) {} },
  rmdirSync(file) { native.unlink(String(file)); },
  mkdirSync(file) { native.mkdir(String(file)); },
  mkdtempSync(prefix) { const d = prefix + 'AbC123'; native.mkdir(d); return d; },
  readdirSync(file) { return native.readdir(String(file)); },
  openSync(file, flags) { return native.open(String(file), flags || 'r'); },
  closeSync(fd) { native.close(fd); },
  createReadStream(file, opts) { return new ReadStream(String(file), opts); },
  createWriteStream(file, opts) { return new WriteStream(String(file), opts); },
  watch() { native.unknown('fs.watch'); return new EventEmitter(); },
  constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
};
function fsPromise(name) {
  return (...args) => new Promise((resolve, reject) => {
    fs[name](...args, (err, v) => (err ? reject(err) : resolve(v)));
  });
}
fs.promises = {};
for (const n of ['readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'access', 'unlink', 'rm', 'rmdir', 'mkdir', 'readdir']) {
  fs.promises[n] = fsPromise(n);
}
fs.promises.open = (file, flags) => new Promise((resolve, reject) => {
  fs.open(file, flags, (err, fd) => {
    if (err) return reject(err);
    resolve({
      fd,
      close: () => new Promise((r) => fs.close(fd, () => r())),
      readFile: (o) => fs.promises.readFile(file, o),
    });
  });
});
modules.fs = fs;
modules['fs/promises'] = fs.promises;
util.promises = fs.promises;

// ---- streams (a port of the scheduling parts of lib/internal/streams) ----
function nop() {}
function streamDestroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  const self = this;
  const onDestroy = (err2) => {
    if (err2) {
      if (w && !w.errored) w.errored = err2;
      if (r && !r.errored) r.errored = err2;
    }
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err2);
    if (err2) process.nextTick(emitErrorCloseNT, self, err2);
    else process.nextTick(emitCloseNT, self);
  };
  if (s.constructed === false) {
    self.once('__constructed', () => self._destroy(err || null, onDestroy));
  } else {
    self._destroy(err || null, onDestroy);
  }
  return this;
}
function emitErrorCloseNT(self, err) {
  emitErrorNT(self, err);
  emitCloseNT(self);
}
function emitCloseNT(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
}
function emitErrorNT(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}
function errorOrDestroy(stream, err) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
  else if (err) {
    if (w) w.errored = err;
    if (r) r.errored = err;
    process.nextTick(emitErrorNT, stream, err);
  }
}
function constructStream(stream, cb) {
  if (typeof stream._construct !== 'function') return;
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  stream.once('__constructed', cb);
  process.nextTick(() => {
    let called = false;
    stream._construct((err) => {
      if (called) return;
      called = true;
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (err) errorOrDestroy(stream, err);
      else process.nextTick(() => stream.emit('__constructed'));
    });
  });
}

class ReadableState {
  constructor(options, isDuplex) {
    options = options || {};
    this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
    this.highWaterMark = options.highWaterMark !== undefined ? options.highWaterMark
      : (options.readableHighWaterMark !== undefined ? options.readableHighWaterMark : (this.objectMode ? 16 : 16384));
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.encoding = options.encoding || null;
    this.readingMore = false;
    this.dataEmitted = false;
    this.paused = null;
  }
}

class Stream extends EventEmitter {
  pipe(dest, options) {
    const src = this;
    const state = this._readableState;
    state.pipes.push(dest);
    const doEnd = !options || options.end !== false;
    const onend = () => dest.end();
    if (doEnd) {
      if (state.endEmitted) process.nextTick(onend);
      else src.once('end', onend);
    }
    const ondata = (chunk) => {
      const ret = dest.write(chunk);
      if (ret === false) {
        src.pause();
        dest.once('drain', () => src.resume());
      }
    };
    src.on('data', ondata);
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) src.pause();
    else if (!state.flowing) src.resume();
    return dest;
  }
}

class Readable extends Stream {
  constructor(options) {
    super(options);
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
    }
    constructStream(this, () => {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  _read() { throw new Error('The _read() method is not implemented'); }
  _destroy(err, cb) { cb(err); }
  destroy(err, cb) { return streamDestroy.call(this, err, cb); }
  get destroyed() { return this._readableState.destroyed; }
  get readable() { const r = this._readableState; return !r.destroyed && !r.errored && !r.endEmitted; }
  get readableEnded() { return this._readableState.endEmitted; }
  get readableFlowing() { return this._readableState.flowing; }
  get readableLength() { return this._readableState.length; }
  get readableObjectMode() { return this._readableState.objectMode; }
  get closed() { return this._readableState.closed; }
  setEncoding(enc) { this._readableState.encoding = enc; return this; }
  push(chunk, encoding) { return readableAddChunk(this, chunk, encoding, false); }
  unshift(chunk) { return readableAddChunk(this, chunk, undefined, true); }
  isPaused() { const s = this._readableState; return s.paused === true || s.flowing === false; }
  read(n) {
    const state = this._readableState;
    if (n === undefined) n = NaN;
    const nOrig = n;
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable &&
        ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (er) {
        errorOrDestroy(this, er);
      }
      state.sync = false;
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }
    let ret = null;
    if (n > 0) ret = fromList(n, state);
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= state.objectMode ? 1 : n;
    }
    if (state.length === 0) {
      if (!state.ended) state.needReadable = true;
      if (nOrig !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  }
  on(ev, fn) {
    const res = super.on(ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) process.nextTick(nReadingNextTick, this);
      }
    }
    return res;
  }
  addListener(ev, fn) { return this.on(ev, fn); }
  resume() {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        process.nextTick(resume_, this, state);
      }
    }
    state.paused = false;
    return this;
  }
  pause() {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state.paused = true;
    return this;
  }
  unpipe() { this._readableState.pipes = []; return this; }
  [Symbol.asyncIterator]() { return native.major() >= 26 ? createAsyncIteratorObject(this) : createAsyncIterator(this); }
  iterator() { return this[Symbol.asyncIterator](); }
  static from(iterable, opts) { return readableFrom(iterable, opts); }
}
function nReadingNextTick(self) { self.read(0); }
function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}
function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}
function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (n !== n) {
    if (state.flowing && state.length) return chunkLen(state.buffer[0]);
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}
function chunkLen(c) { return typeof c === 'string' || c instanceof Buffer ? c.length : 1; }
function fromList(n, state) {
  if (state.length === 0) return null;
  if (state.objectMode) return state.buffer.shift();
  if (!n || n >= state.length) {
    const all = state.buffer;
    state.buffer = [];
    if (all.length === 1) return all[0];
    if (typeof all[0] === 'string') return all.join('');
    return Buffer.concat(all);
  }
  const first = state.buffer[0];
  if (n < first.length) {
    state.buffer[0] = first.slice(n);
    return first.slice(0, n);
  }
  if (n === first.length) return state.buffer.shift();
  let out = state.buffer.shift();
  while (out.length < n) out = typeof out === 'string' ? out + state.buffer.shift() : Buffer.concat([out, state.buffer.shift()]);
  return out;
}
function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }
  if (!state.objectMode && typeof chunk === 'string') {
    chunk = state.encoding ? chunk : Buffer.from(chunk);
  }
  if (state.objectMode || (chunk && chunk.length > 0)) {
    if (addToFront) {
      state.buffer.unshift(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    } else if (state.ended) {
      errorOrDestroy(stream, new Error('stream.push() after EOF'));
      return false;
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.encoding && chunk instanceof Buffer) chunk = chunk.toString();
      addChunk(stream, state, chunk, false);
    }
  } else if (!addToFront) {
    state.reading = false;
    maybeReadMore(stream, state);
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}
function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}
function onEofChunk(stream, state) {
  if (state.ended) return;
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}
function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadable_, stream);
  }
}
function emitReadable_(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMore_, stream, state);
  }
}
function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;
  }
  state.readingMore = false;
}
function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    process.nextTick(endReadableNT, state, stream);
  }
}
function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    const w = stream._writableState;
    if (w && stream.allowHalfOpen === false && !w.ending) {
      process.nextTick(() => stream.end());
    } else if (state.autoDestroy) {
      const autoDestroy = !w || (w.autoDestroy && (w.finished || w.writable === false));
      if (autoDestroy) stream.destroy();
    }
  }
}
function readableFrom(iterable, opts) {
  if (typeof iterable === 'string' || iterable instanceof Buffer) {
    return new Readable({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
  }
  let iterator;
  let isAsync = false;
  if (iterable && iterable[Symbol.asyncIterator]) {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && iterable[Symbol.iterator]) {
    iterator = iterable[Symbol.iterator]();
  } else {
    throw new TypeError('The "iterable" argument must be an instance of Iterable.');
  }
  const readable = new Readable({ objectMode: true, highWaterMark: 1, ...opts });
  let reading = false;
  readable._read = function () {
    if (!reading) {
      reading = true;
      if (isAsync) nextAsync();
      else nextSync();
    }
  };
  readable._destroy = function (error, cb) {
    cb(error);
  };
  function nextSync() {
    for (;;) {
      const { value, done } = iterator.next();
      if (done) { readable.push(null); return; }
      if (value && typeof value.then === 'function') {
        native.unknown('Readable.from over promises');
        return;
      }
      if (readable.push(value)) continue;
      reading = false;
      break;
    }
  }
  async function nextAsync() {
    for (;;) {
      try {
        const { value, done } = await iterator.next();
        if (done) { readable.push(null); return; }
        if (readable.push(value)) continue;
        reading = false;
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }
  return readable;
}
async function* createAsyncIterator(stream) {
  let callback = nop;
  function next(resolve) {
    if (this === stream) { callback(); callback = nop; } else { callback = resolve; }
  }
  stream.on('readable', next);
  let error;
  let done = false;
  const onEnd = (err) => {
    error = err || null;
    done = true;
    callback();
    callback = nop;
  };
  stream.once('end', () => onEnd());
  stream.once('error', (e) => onEnd(e));
  stream.once('close', () => onEnd());
  while (true) {
    const chunk = stream.destroyed ? null : stream.read();
    if (chunk !== null) {
      yield chunk;
    } else if (error) {
      throw error;
    } else if (error === null || done) {
      return;
    } else {
      await new Promise(next);
    }
  }
}

// Node 26 hands out chunks from a plain iterator object: a chunk already
// buffered is returned in an already-resolved promise, one microtask
// earlier than through an async generator (corpus: stream_async_iterator.js).
function createAsyncIteratorObject(stream) {
  let error;
  let done = false;
  let waiter = null;
  const wake = () => { if (waiter) { const w = waiter; waiter = null; w(); } };
  stream.on('readable', wake);
  const onEnd = (err) => { error = err || null; done = true; wake(); };
  stream.once('end', () => onEnd());
  stream.once('error', (e) => onEnd(e));
  stream.once('close', () => onEnd());
  return {
    async next() {
      for (;;) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) return { value: chunk, done: false };
        if (error) throw error;
        if (error === null || done) return { value: undefined, done: true };
        await new Promise((resolve) => { waiter = resolve; });
      }
    },
    return() { stream.destroy(); return Promise.resolve({ value: undefined, done: true }); },
    [Symbol.asyncIterator]() { return this; },
  };
}

class WritableState {
  constructor(options, isDuplex) {
    options = options || {};
    this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
    this.highWaterMark = options.highWaterMark !== undefined ? options.highWaterMark
      : (options.writableHighWaterMark !== undefined ? options.writableHighWaterMark : (this.objectMode ? 16 : 16384));
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    this.buffered = [];
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.onFinished = [];
  }
}
function writableInit(stream, options, isDuplex) {
  stream._writableState = new WritableState(options, isDuplex);
  if (options) {
    if (typeof options.write === 'function') stream._write = options.write;
    if (typeof options.writev === 'function') stream._writev = options.writev;
    if (typeof options.destroy === 'function') stream._destroy = options.destroy;
    if (typeof options.final === 'function') stream._final = options.final;
    if (typeof options.construct === 'function') stream._construct = options.construct;
  }
}
const writableMethods = {
  write(chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof encoding === 'function') { cb = encoding; encoding = state.defaultEncoding; }
    if (typeof cb !== 'function') cb = nop;
    if (chunk === null) throw new TypeError('May not write null values to stream');
    if (!state.objectMode && typeof chunk === 'string' && state.decodeStrings !== false) {
      chunk = Buffer.from(chunk);
      encoding = 'buffer';
    }
    let err;
    if (state.ending) err = new Error('write after end');
    else if (state.destroyed) err = new Error('Cannot call write after a stream was destroyed');
    if (err) {
      process.nextTick(cb, err);
      errorOrDestroy(this, err);
      return err;
    }
    state.pendingcb++;
    return writeOrBuffer(this, state, chunk, encoding, cb);
  },
  cork() { this._writableState.corked++; },
  uncork() {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  },
  setDefaultEncoding(enc) { this._writableState.defaultEncoding = enc; return this; },
  end(chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') { cb = chunk; chunk = null; encoding = null; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = null; }
    let err;
    if (chunk !== null && chunk !== undefined) {
      const ret = this.write(chunk, encoding);
      if (ret instanceof Error) err = ret;
    }
    if (state.corked) { state.corked = 1; this.uncork(); }
    if (err) {
      // nothing
    } else if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = new Error('write after end');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) process.nextTick(cb, err);
      else state.onFinished.push(cb);
    }
    return this;
  },
};
function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  const ret = state.length < state.highWaterMark;
  if (!ret) state.needDrain = true;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback });
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, (er) => onwrite(stream, er));
    state.sync = false;
  }
  return ret && !state.errored && !state.destroyed;
}
function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== 'function') {
    errorOrDestroy(stream, new Error('Callback called multiple times'));
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;
  if (er) {
    if (!state.errored) state.errored = er;
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
  } else {
    if (state.buffered.length > 0) clearBuffer(stream, state);
    if (sync) {
      if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++;
      } else {
        state.afterWriteTickInfo = { count: 1, cb, stream, state };
        process.nextTick(afterWriteTick, state.afterWriteTickInfo);
      }
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }
}
function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorOrDestroy(stream, er);
}
function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}
function afterWrite(stream, state, count, cb) {
  const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb();
  }
  finishMaybe(stream, state);
}
function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
  state.bufferProcessing = true;
  while (state.buffered.length > 0 && !state.writing) {
    const { chunk, encoding, callback } = state.buffered.shift();
    const len = state.objectMode ? 1 : chunk.length;
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, (er) => onwrite(stream, er));
    state.sync = false;
  }
  state.bufferProcessing = false;
}
function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 &&
    !state.errored && state.buffered.length === 0 && !state.finished && !state.writing &&
    !state.errorEmitted && !state.closeEmitted;
}
function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) return;
    called = true;
    state.pendingcb--;
    if (err) {
      errorOrDestroy(stream, err);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      state.pendingcb++;
      process.nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}
function prefinish(stream, state) {
  if (!state.prefinished && !state.finalCalled) {
    if (typeof stream._final === 'function' && !state.destroyed) {
      state.finalCalled = true;
      callFinal(stream, state);
    } else {
      state.prefinished = true;
      stream.emit('prefinish');
    }
  }
}
function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        process.nextTick(() => {
          if (needFinish(state)) finish(stream, state);
          else state.pendingcb--;
        });
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}
function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  const cbs = state.onFinished.splice(0);
  for (let i = 0; i < cbs.length; i++) cbs[i]();
  stream.emit('finish');
  if (state.autoDestroy) {
    const r = stream._readableState;
    const autoDestroy = !r || (r.autoDestroy && (r.endEmitted || r.readable === false));
    if (autoDestroy) stream.destroy();
  }
}

class Writable extends Stream {
  constructor(options) {
    super(options);
    writableInit(this, options, false);
    constructStream(this, () => {
      const state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  _write(chunk, enc, cb) {
    if (this._writev) this._writev([{ chunk, encoding: enc }], cb);
    else throw new Error('The _write() method is not implemented');
  }
  _destroy(err, cb) { cb(err); }
  destroy(err, cb) { return streamDestroy.call(this, err, cb); }
  get destroyed() { return this._writableState.destroyed; }
  get writable() { const w = this._writableState; return !w.destroyed && !w.errored && !w.ending && !w.ended; }
  get writableEnded() { return this._writableState.ending; }
  get writableFinished() { return this._writableState.finished; }
  get writableNeedDrain() { const w = this._writableState; return !w.destroyed && !w.ending && w.needDrain; }
  get writableLength() { return this._writableState.length; }
  get closed() { return this._writableState.closed; }
}
Object.assign(Writable.prototype, writableMethods);

class Duplex extends Readable {
  constructor(options) {
    super(options);
    writableInit(this, options, true);
    this.allowHalfOpen = !options || options.allowHalfOpen !== false;
    if (options && options.readable === false) { this._readableState.readable = false; this._readableState.ended = true; this._readableState.endEmitted = true; }
    if (options && options.writable === false) { this._writableState.writable = false; this._writableState.ending = true; this._writableState.ended = true; this._writableState.finished = true; }
  }
  get writable() { const w = this._writableState; return !w.destroyed && !w.errored && !w.ending && !w.ended; }
  get writableEnded() { return this._writableState.ending; }
  get writableFinished() { return this._writableState.finished; }
  get writableNeedDrain() { const w = this._writableState; return !w.destroyed && !w.ending && w.needDrain; }
  get destroyed() { return this._readableState.destroyed; }
}
Object.assign(Duplex.prototype, writableMethods);
Duplex.prototype._write = Writable.prototype._write;

const kCallback = Symbol('kCallback');
class Transform extends Duplex {
  constructor(options) {
    super(options);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
  }
  _final(cb) {
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush((er, data) => {
        if (er) { if (cb) cb(er); else this.destroy(er); return; }
        if (data != null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }
  _transform() { throw new Error('The _transform() method is not implemented'); }
  _write(chunk, encoding, callback) {
    const rState = this._readableState;
    const wState = this._writableState;
    const length = rState.length;
    this._transform(chunk, encoding, (err, val) => {
      if (err) { callback(err); return; }
      if (val != null) this.push(val);
      if (rState.ended) {
        process.nextTick(callback);
      } else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
        callback();
      } else {
        this[kCallback] = callback;
      }
    });
  }
  _read() {
    if (this[kCallback]) {
      const callback = this[kCallback];
      this[kCallback] = null;
      callback();
    }
  }
}
class PassThrough extends Transform {
  _transform(chunk, enc, cb) { cb(null, chunk); }
}

function finished(stream, opts, callback) {
  if (typeof opts === 'function') { callback = opts; opts = {}; }
  let called = false;
  const done = (err) => { if (!called) { called = true; callback.call(stream, err); } };
  const r = stream._readableState;
  const w = stream._writableState;
  const wantClose = (w && w.emitClose) || (r && r.emitClose);
  let finishedW = !w || w.finished;
  let endedR = !r || r.endEmitted || (w && !(stream instanceof Duplex));
  const check = () => { if (finishedW && endedR && !wantClose) done(); };
  stream.on('finish', () => { finishedW = true; check(); });
  stream.on('end', () => { endedR = true; check(); });
  stream.on('error', (e) => done(e));
  stream.on('close', () => { if (wantClose) done(); });
  return () => {};
}
function pipeline(...streams) {
  let callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : nop;
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  let error;
  for (let i = 0; i < streams.length - 1; i++) {
    let src = streams[i];
    if (!(src instanceof Stream)) src = streams[i] = readableFrom(src);
    src.pipe(streams[i + 1]);
    src.on('error', (e) => { if (!error) { error = e; streams.forEach((s) => s.destroy && s.destroy()); } });
  }
  const last = streams[streams.length - 1];
  finished(last, (err) => callback(err || error));
  return last;
}

const stream = Stream;
Object.assign(stream, {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
  promises: {
    pipeline: (...s) => new Promise((res, rej) => pipeline(...s, (e) => (e ? rej(e) : res()))),
    finished: (s, o) => new Promise((res, rej) => finished(s, o, (e) => (e ? rej(e) : res()))),
  },
});
modules.stream = stream;
modules['stream/promises'] = stream.promises;

// ---- fs streams ----
class ReadStream extends Readable {
  constructor(file, opts) {
    opts = opts || {};
    super({ highWaterMark: opts.highWaterMark || 65536, encoding: opts.encoding, emitClose: opts.emitClose });
    this.path = file;
    this.fd = null;
    this.flags = opts.flags || 'r';
    this.bytesRead = 0;
    this.pos = opts.start || 0;
    this.end = opts.end === undefined ? Infinity : opts.end;
    this.pending = true;
  }
  _construct(cb) {
    fs.open(this.path, this.flags, (er, fd) => {
      if (er) { cb(er); return; }
      this.fd = fd;
      cb();
      this.emit('open', fd);
      this.emit('ready');
    });
  }
  _read(n) {
    const want = Math.min(n, this.end - this.pos + 1);
    if (want <= 0) { this.push(null); return; }
    const buf = Buffer.alloc(want);
    fs.read(this.fd, buf, 0, want, this.pos, (er, bytesRead) => {
      if (er) { errorOrDestroy(this, er); return; }
      this.pos += bytesRead;
      this.bytesRead += bytesRead;
      if (bytesRead > 0) this.push(bytesRead === want ? buf : buf.slice(0, bytesRead));
      else this.push(null);
    });
  }
  _destroy(err, cb) {
    if (this.fd === null || this.fd === undefined) { cb(err); return; }
    const fd = this.fd;
    this.fd = null;
    fs.close(fd, (er) => cb(er || err));
  }
  close(cb) { if (typeof cb === 'function') this.once('close', cb); this.destroy(); }
}
class WriteStream extends Writable {
  constructor(file, opts) {
    opts = opts || {};
    super({ highWaterMark: opts.highWaterMark, emitClose: opts.emitClose, decodeStrings: true });
    this.path = file;
    this.fd = null;
    this.flags = opts.flags || 'w';
    this.bytesWritten = 0;
  }
  _construct(cb) {
    fs.open(this.path, this.flags, (er, fd) => {
      if (er) { cb(er); return; }
      this.fd = fd;
      cb();
      this.emit('open', fd);
      this.emit('ready');
    });
  }
  _write(chunk, enc, cb) {
    fs.write(this.fd, chunk.toString(), (er) => {
      if (er) return cb(er);
      this.bytesWritten += chunk.length;
      cb();
    });
  }
  _destroy(err, cb) {
    if (this.fd === null || this.fd === undefined) { cb(err); return; }
    const fd = this.fd;
    this.fd = null;
    fs.close(fd, (er) => cb(er || err));
  }
  close(cb) { if (typeof cb === 'function') this.once('close', cb); this.end(); }
}
fs.ReadStream = ReadStream;
fs.WriteStream = WriteStream;

// ---- worker_threads.MessageChannel: messages arrive through the poll phase ----
class MessagePort extends EventEmitter {
  constructor() {
    super();
    this._peer = null;
    this._queue = [];
    this._started = false;
    this._closed = false;
    this._handle = null;
  }
  on(ev, fn) {
    super.on(ev, fn);
    if (ev === 'message') this.start();
    return this;
  }
  addListener(ev, fn) { return this.on(ev, fn); }
  start() {
    if (this._started || this._closed) return;
    this._started = true;
    this._handle = native.openHandle('MessagePort');
    const q = this._queue;
    this._queue = [];
    for (const m of q) this._deliver(m);
  }
  _deliver(m) {
    if (this._closed) return;
    if (!this._started) { this._queue.push(m); return; }
    native.ioExact('message', 0, () => {
      if (!this._closed) this.emit('message', m);
    });
  }
  postMessage(m) {
    if (this._closed || !this._peer) return;
    this._peer._deliver(m);
  }
  close() {
    if (this._closed) return;
    this._closed = true;
    const h = this._handle;
    if (h) h.close(() => this.emit('close'));
    else process.nextTick(() => this.emit('close'));
    if (this._peer && !this._peer._closed) this._peer.close();
  }
  ref() { if (this._handle) this._handle.ref(); return this; }
  unref() { if (this._handle) this._handle.unref(); return this; }
}
class MessageChannel {
  constructor() {
    this.port1 = new MessagePort();
    this.port2 = new MessagePort();
    this.port1._peer = this.port2;
    this.port2._peer = this.port1;
  }
}
modules['global:MessageChannel'] = MessageChannel;
modules.worker_threads = {
  MessageChannel, MessagePort, isMainThread: true, parentPort: null, threadId: 0,
  Worker: function Worker() { native.unknown('worker_threads.Worker'); return new EventEmitter(); },
};

// ---- net: TCP on 127.0.0.1, both ends simulated ----
const servers = new Map();
let nextPort = 40000;
class Socket extends Duplex {
  constructor(options) {
    super({ allowHalfOpen: !!(options && options.allowHalfOpen), emitClose: false, decodeStrings: false });
    this._peer = null;
    this._handle = null;
    this.connecting = false;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.bytesWritten = 0;
    this._server = null;
  }
  _attach(peer, port) {
    this._peer = peer;
    this._handle = native.openHandle('TCP socket');
    this.remoteAddress = '127.0.0.1';
    this.remotePort = port;
  }
  connect(...args) {
    let port, host = 'localhost', cb;
    if (typeof args[0] === 'object' && args[0] !== null) { port = args[0].port; host = args[0].host || host; cb = args[1]; }
    else { port = args[0]; if (typeof args[1] === 'string') { host = args[1]; cb = args[2]; } else cb = args[1]; }
    if (typeof cb === 'function') this.once('connect', cb);
    this.connecting = true;
    const doConnect = () => {
      native.io('net.loopback', () => {
        this.connecting = false;
        if (this.destroyed) return;
        const server = servers.get(Number(port));
        if (!server || !server.listening) {
          const e = new Error('connect ECONNREFUSED 127.0.0.1:' + port);
          e.code = 'ECONNREFUSED';
          this.destroy(e);
          return;
        }
        const other = new Socket({ allowHalfOpen: server.allowHalfOpen });
        other._attach(this, 50000);
        this._attach(other, Number(port));
        other._server = server;
        server._connections++;
        server.emit('connection', other);
        this.emit('connect');
        this.emit('ready');
      }, cb);
    };
    process.nextTick(doConnect);
    return this;
  }
  _deliver(chunk) {
    if (this.destroyed) return;
    this.push(chunk);
  }
  // _send keeps TCP's ordering: one loopback transfer in flight per
  // direction, delivering everything queued behind it in order.
  _send(chunk) {
    const peer = this._peer;
    if (!peer) return;
    (this._outq || (this._outq = [])).push(chunk);
    if (this._sending) return;
    this._sending = true;
    native.io('net.loopback', () => {
      this._sending = false;
      const q = this._outq;
      this._outq = [];
      for (const c of q) peer._deliver(c);
    });
  }
  _read() {}
  _write(chunk, enc, cb) {
    this.bytesWritten += chunk.length;
    this._send(chunk);
    cb();
  }
  _final(cb) {
    this._send(null);
    cb();
  }
  _destroy(err, cb) {
    const peer = this._peer;
    this._peer = null;
    if (peer && !peer.destroyed) {
      native.io('net.loopback', () => { if (!peer._readableState.ended) peer._deliver(null); });
    }
    const h = this._handle;
    this._handle = null;
    cb(err);
    const server = this._server;
    const done = () => {
      this.emit('close', !!err);
      if (server) { server._connections--; server._emitCloseIfDrained(); }
    };
    if (h) h.close(done);
    else process.nextTick(done);
  }
  setEncoding(enc) { this._readableState.encoding = enc; return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
  ref() { if (this._handle) this._handle.ref(); return this; }
  unref() { if (this._handle) this._handle.unref(); return this; }
  address() { return { port: this.remotePort, family: 'IPv4', address: '127.0.0.1' }; }
  get pending() { return !this._peer; }
  get readyState() { return this.connecting ? 'opening' : 'open'; }
}
class Server extends EventEmitter {
  constructor(options, listener) {
    super();
    if (typeof options === 'function') { listener = options; options = {}; }
    this.allowHalfOpen = !!(options && options.allowHalfOpen);
    if (listener) this.on('connection', listener);
    this.listening = false;
    this._handle = null;
    this._connections = 0;
    this._listenId = 0;
    this._port = 0;
  }
  listen(...args) {
    let port = 0, host, cb;
    if (typeof args[0] === 'object' && args[0] !== null) { port = args[0].port || 0; host = args[0].host; cb = args[1]; }
    else {
      for (const a of args) {
        if (typeof a === 'function') cb = a;
        else if (typeof a === 'string') host = a;
        else if (typeof a === 'number') { if (port === 0 && args.indexOf(a) === 0) port = a; }
      }
    }
    if (typeof cb === 'function') this.once('listening', cb);
    const id = ++this._listenId;
    const bind = () => {
      if (native.major() >= 20 && id !== this._listenId) return;
      this._port = port || nextPort++;
      servers.set(this._port, this);
      this._handle = native.openHandle('TCP server');
      this.listening = true;
      process.nextTick(() => this.emit('listening'));
    };
    if (host !== undefined) process.nextTick(bind);
    else bind();
    return this;
  }
  address() { return this.listening ? { port: this._port, family: 'IPv4', address: '127.0.0.1' } : null; }
  close(cb) {
    if (typeof cb === 'function') {
      if (!this.listening) this.once('close', () => cb(Object.assign(new Error('Server is not running.'), { code: 'ERR_SERVER_NOT_RUNNING' })));
      else this.once('close', cb);
    }
    if (this._handle) { this._handle.close(); this._handle = null; }
    this._listenId++;
    this.listening = false;
    servers.delete(this._port);
    this._closing = true;
    this._emitCloseIfDrained();
    return this;
  }
  _emitCloseIfDrained() {
    if (this._closing && this._connections === 0 && !this._closeQueued) {
      this._closeQueued = true;
      process.nextTick(() => this.emit('close'));
    }
  }
  getConnections(cb) { process.nextTick(cb, null, this._connections); }
  ref() { if (this._handle) this._handle.ref(); return this; }
  unref() { if (this._handle) this._handle.unref(); return this; }
}
const net = {
  Socket, Server,
  createServer: (opts, l) => new Server(opts, l),
  connect: (...a) => new Socket().connect(...a),
  createConnection: (...a) => new Socket().connect(...a),
  isIP: (s) => (/^\d+\.\d+\.\d+\.\d+$/.test(s) ? 4 : 0),
};
modules.net = net;

// ---- http over the simulated net: one request per connection ----
class IncomingMessage extends Readable {
  constructor(socket) {
    super({});
    this.socket = socket;
    this.headers = {};
    this.rawHeaders = [];
    this.httpVersion = '1.1';
    this.complete = false;
    this.aborted = false;
  }
  _read() {}
}
class OutgoingBody extends Writable {
  constructor() {
    super({ decodeStrings: false });
    this.headersSent = false;
    this._headers = {};
    this.statusCode = 200;
    this.statusMessage = 'OK';
    this._chunks = [];
  }
  setHeader(k, v) { this._headers[String(k).toLowerCase()] = v; return this; }
  getHeader(k) { return this._headers[String(k).toLowerCase()]; }
  removeHeader(k) { delete this._headers[String(k).toLowerCase()]; }
  writeHead(code, msg, headers) {
    this.statusCode = code;
    if (typeof msg === 'object') headers = msg;
    else if (msg) this.statusMessage = msg;
    if (headers) for (const k of Object.keys(headers)) this.setHeader(k, headers[k]);
    return this;
  }
  _write(chunk, enc, cb) { this._chunks.push(String(chunk)); this.headersSent = true; cb(); }
}
const STATUS = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 400: 'Bad Request', 404: 'Not Found', 500: 'Internal Server Error' };
class ServerResponse extends OutgoingBody {
  constructor(req, conn) {
    super();
    this.req = req;
    this._conn = conn;
  }
  _final(cb) {
    const conn = this._conn;
    const body = this._chunks.join('');
    const status = this.statusCode;
    const headers = Object.assign({ 'content-length': String(body.length), connection: 'close' }, this._headers);
    if (conn && conn._client) {
      conn._client._response({ status, message: this.statusMessage || STATUS[status] || '', headers, body });
    }
    cb();
  }
}
class ClientRequest extends OutgoingBody {
  constructor(options, cb) {
    super();
    if (typeof options === 'string') {
      const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(options);
      options = m ? { host: m[1], port: Number(m[2] || 80), path: m[3] || '/' } : {};
    }
    this.method = (options.method || 'GET').toUpperCase();
    this.path = options.path || '/';
    this.host = options.host || options.hostname || 'localhost';
    this.port = options.port || 80;
    if (options.headers) for (const k of Object.keys(options.headers)) this.setHeader(k, options.headers[k]);
    if (typeof cb === 'function') this.once('response', cb);
    this.socket = new Socket();
    this.socket._client = this;
    this.socket.on('error', (e) => this.emit('error', e));
    this.socket.connect(this.port, this.host, () => {
      this.emit('socket', this.socket);
    });
  }
  _final(cb) {
    const send = () => {
      const peer = this.socket._peer;
      if (!peer) return;
      const body = this._chunks.join('');
      native.io('net.loopback', () => {
        const server = peer._server;
        if (server && server._httpServer) server._httpServer._request(peer, this, body);
      });
    };
    if (this.socket._peer) send();
    else this.socket.once('connect', send);
    cb();
  }
  _response(r) {
    const sock = this.socket;
    native.io('net.loopback', () => {
      const res = new IncomingMessage(sock);
      res.statusCode = r.status;
      res.statusMessage = r.message;
      res.headers = r.headers;
      this.res = res;
      const had = this.listenerCount('response') > 0;
      this.emit('response', res);
      if (r.body.length) res.push(Buffer.from(r.body));
      res.push(null);
      res.once('end', () => { res.complete = true; sock.destroy(); });
      if (!had) res.resume();
    });
  }
  abort() { this.destroy(); }
  setTimeout() { return this; }
}
class HttpServer extends Server {
  constructor(options, handler) {
    if (typeof options === 'function') { handler = options; options = {}; }
    super(options || {});
    this._httpServer = this;
    if (handler) this.on('request', handler);
  }
  _request(conn, client, body) {
    conn._client = client;
    const req = new IncomingMessage(conn);
    req.method = client.method;
    req.url = client.path;
    req.headers = Object.assign({ host: client.host + ':' + client.port, connection: 'close' }, client._headers);
    const res = new ServerResponse(req, conn);
    this.emit('request', req, res);
    if (body.length) req.push(Buffer.from(body));
    req.push(null);
    res.once('finish', () => { native.io('net.loopback', () => conn.destroy()); });
  }
  setTimeout() { return this; }
  closeAllConnections() {}
  closeIdleConnections() {}
}
const http = {
  createServer: (opts, handler) => new HttpServer(opts, handler),
  Server: HttpServer,
  IncomingMessage, ServerResponse, ClientRequest,
  request: (opts, cb) => new ClientRequest(opts, cb),
  get: (opts, cb) => { const r = new ClientRequest(opts, cb); r.end(); return r; },
  STATUS_CODES: STATUS,
  METHODS: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
  Agent: class Agent { constructor() {} },
  globalAgent: {},
};
modules.http = http;
modules.dns = {
  lookup(host, opts, cb) { if (typeof opts === 'function') cb = opts; native.io('dns.lookup', () => cb(null, '127.0.0.1', 4), cb); },
  promises: { lookup: (host) => new Promise((r) => native.io('dns.lookup', () => r({ address: '127.0.0.1', family: 4 }))) },
};

// ---- perf_hooks, assert ----
modules.perf_hooks = { performance };
class AssertionError extends Error {
  constructor(message) { super(message); this.code = 'ERR_ASSERTION'; }
  get name() { return 'AssertionError'; }
}
function assert(value, message) { if (!value) throw new AssertionError(message || 'The expression evaluated to a falsy value'); }
assert.ok = assert;
assert.AssertionError = AssertionError;
assert.equal = (a, b, m) => { if (a != b) throw new AssertionError(m || native.inspect(a) + ' == ' + native.inspect(b)); };
assert.notEqual = (a, b, m) => { if (a == b) throw new AssertionError(m || native.inspect(a) + ' != ' + native.inspect(b)); };
assert.strictEqual = (a, b, m) => { if (!Object.is(a, b)) throw new AssertionError(m || 'Expected values to be strictly equal'); };
assert.notStrictEqual = (a, b, m) => { if (Object.is(a, b)) throw new AssertionError(m || 'Expected "actual" to be strictly unequal to: ' + native.inspect(b)); };
assert.deepStrictEqual = (a, b, m) => { if (native.inspect(a) !== native.inspect(b)) throw new AssertionError(m || 'Expected values to be strictly deep-equal'); };
assert.deepEqual = assert.deepStrictEqual;
assert.throws = (fn, exp, m) => { try { fn(); } catch (e) { return; } throw new AssertionError(m || 'Missing expected exception.'); };
assert.rejects = async (p, exp, m) => { try { await (typeof p === 'function' ? p() : p); } catch (e) { return; } throw new AssertionError(m || 'Missing expected rejection.'); };
assert.fail = (m) => { throw new AssertionError(m || 'Failed'); };
assert.strict = assert;
modules.assert = assert;
modules['assert/strict'] = assert;

// ---- crypto: hashes computed for real; async work on the thread pool ----
class Hash {
  constructor(alg) { this._alg = alg; this._data = ''; }
  update(d) { this._data += String(d); return this; }
  digest(enc) { const b = new Buffer(native.hash(this._alg, this._data)); return enc ? b.toString(enc) : b; }
}
modules.crypto = {
  createHash: (alg) => new Hash(alg),
  pbkdf2(password, salt, iterations, keylen, digest, cb) {
    native.io('crypto.pbkdf2', () => cb(null, new Buffer(native.pbkdf2(password, salt, iterations, keylen, digest))), cb);
  },
  pbkdf2Sync(password, salt, iterations, keylen, digest) {
    native.spend('blocking.crypto.pbkdf2Sync', iterations);
    return new Buffer(native.pbkdf2(password, salt, iterations, keylen, digest));
  },
  randomBytes(n, cb) {
    native.unknown('crypto.randomBytes (random data)');
    const b = Buffer.alloc(n, 7);
    if (typeof cb === 'function') { native.io('crypto.pbkdf2', () => cb(null, b), cb); return; }
    return b;
  },
  randomUUID() { native.unknown('crypto.randomUUID (random data)'); return '00000000-0000-4000-8000-000000000000'; },
  randomInt(a, b) { native.unknown('crypto.randomInt (random data)'); return b === undefined ? 0 : a; },
};

// ---- child_process: timing from the table; output only for `echo` ----
function commandOutput(cmd) {
  const m = /^\s*echo\s+(.*)$/.exec(String(cmd));
  if (m) {
    let t = m[1];
    if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1);
    return t + '\n';
  }
  native.unknown('output of the command `' + cmd + '`');
  return '';
}
modules.child_process = {
  exec(cmd, opts, cb) {
    if (typeof opts === 'function') cb = opts;
    const child = new EventEmitter();
    native.io('child_process.exec', () => {
      const out = commandOutput(cmd);
      if (typeof cb === 'function') cb(null, out, '');
      child.emit('exit', 0, null);
      child.emit('close', 0, null);
    }, cb);
    return child;
  },
  execFile(file, args, opts, cb) {
    if (typeof args === 'function') cb = args;
    else if (typeof opts === 'function') cb = opts;
    return modules.child_process.exec([file].concat(Array.isArray(args) ? args : []).join(' '), cb);
  },
  execSync(cmd, opts) {
    native.spend('blocking.child_process.execSync', 1);
    const out = commandOutput(cmd);
    return opts && opts.encoding && opts.encoding !== 'buffer' ? out : Buffer.from(out);
  },
  spawnSync(cmd, args) {
    native.spend('blocking.child_process.spawnSync', 1);
    const out = commandOutput([cmd].concat(args || []).join(' '));
    return { status: 0, stdout: Buffer.from(out), stderr: Buffer.from('') };
  },
  spawn() { native.unknown('child_process.spawn'); return new EventEmitter(); },
  fork() { native.unknown('child_process.fork'); return new EventEmitter(); },
};
