const { EventEmitter, once } = require('events');
class Job extends EventEmitter {
  start() {
    process.nextTick(() => this.emit('start'));
    setImmediate(() => { this.emit('progress', 50); setTimeout(() => this.emit('done', 'ok'), 1); });
    return this;
  }
}
const j = new Job();
j.on('start', () => console.log('started'));
j.on('progress', (p) => console.log('progress', p));
(async () => { const [r] = await once(j, 'done'); console.log('awaited done', r); })();
j.start();
j.once('done', (r) => console.log('once done', r));
console.log('sync', j.listenerCount('done'));
