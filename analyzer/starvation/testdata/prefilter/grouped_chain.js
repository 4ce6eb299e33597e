// A parenthesised settled promise, and an optional then.
function again() {
  (Promise.resolve())?.then(again); // want "again re-queues itself"
}
again();
