class Store {
  constructor() { this.items = []; this.listeners = []; }
  subscribe(fn) { this.listeners.push(fn); return () => { this.listeners = this.listeners.filter((l) => l !== fn); }; }
  async add(item) {
    this.items.push(item);
    await Promise.resolve();
    this.listeners.forEach((l) => l(item, this.items.length));
  }
}
const s = new Store();
const unsub = s.subscribe((item, n) => console.log('listener1', item, n));
s.subscribe((item) => console.log('listener2', item));
s.add('a');
s.add('b').then(() => { unsub(); return s.add('c'); }).then(() => console.log('done', s.items));
console.log('queued', s.items.length);
const counter = (() => { let c = 0; return { inc: () => ++c, get value() { return c; } }; })();
counter.inc(); counter.inc();
console.log('counter', counter.value, counter);
