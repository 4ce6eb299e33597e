// A named function expression, itself a queued callback, queues itself.
process.nextTick(function tick() {
  process.nextTick(tick); // want "tick re-queues itself"
});
