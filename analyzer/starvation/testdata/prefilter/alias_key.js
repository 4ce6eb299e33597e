// A destructuring key written as a string.
const { 'nextTick': defer } = process;

function again() {
  defer(again); // want "again re-queues itself"
}
again();
