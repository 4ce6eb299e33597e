// The re-queue sits in a callback that is itself queued.
function again() {
  process.nextTick(() => {
    queueMicrotask(again); // want "again → process.nextTick → queueMicrotask → again"
  });
}
again();
