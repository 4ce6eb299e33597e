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
EventEmitter.on = function on(emitter, event) {
  native.unknown('events.on async iterator');
  return { [Symbol.asyncIterator]() { return this; }, next() { return new Promise(() => {}); } };
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
  setInterval(ms, value) {
    native.unknown('timers/promises.setInterval');
    return { [Symbol.asyncIterator]() { return this; }, next() { return new Promise(() => {}); } };
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
  toString(enc, start, end) { return native.decode(this._b.slice(start || 0, end === undefined ? this._b.length : end)); }
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
    native.io('fs.readFile', () => {
      const [err, data] = fsErrorCall(() => native.readFile(String(file)));
      cb(err, err ? undefined : (enc ? data : Buffer.from(data)));
    }, cb);
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
