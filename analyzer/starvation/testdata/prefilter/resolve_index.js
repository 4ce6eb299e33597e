// Promise['resolve'](): an index with a string.
function again() {
  Promise['resolve']().then(again); // want "again re-queues itself"
}
again();
