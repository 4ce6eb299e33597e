// Promise.resolve under another name: the chain is settled all the same.
const { resolve: settle } = Promise;

function again() {
  settle().then(again); // want "again re-queues itself.*Promise.resolve\\(\\).then"
}
again();
