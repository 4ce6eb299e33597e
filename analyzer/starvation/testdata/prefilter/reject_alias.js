// Promise.reject through a name, caught.
const fail = Promise.reject;

function again() {
  fail().catch(again); // want "again re-queues itself.*Promise.resolve\\(\\).catch"
}
again();
