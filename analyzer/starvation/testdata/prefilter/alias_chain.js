// Names that hold queueMicrotask, through another name.
const q = queueMicrotask, schedule = q;

function again() {
  schedule(again); // want "again re-queues itself"
}
again();
