// A chain over several lines: the then that re-queues is on the last.
function again() {
  Promise.resolve()
    .then(() => {})
    .then(again); // want "again re-queues itself"
}
again();
