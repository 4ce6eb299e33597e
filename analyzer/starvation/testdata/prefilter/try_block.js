// A try block is no guard for a re-queue.
function again() {
  try {
    process.nextTick(again); // want "again re-queues itself"
  } catch (err) {
    console.error(err);
  }
}
again();
