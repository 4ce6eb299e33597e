// A for-of is no guard: the rule reports a re-queue inside one.
function again(items) {
  for (const item of items) process.nextTick(again, item); // want "again re-queues itself"
}
again([1]);
