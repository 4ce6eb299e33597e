// A parenthesised (comma) expression that ends in the queue.
const defer = (0, process.nextTick);

function again() {
  defer(again); // want "again re-queues itself"
}
again();
