// Returns in nested functions and methods are not the function's own.
function again(items) {
  items.forEach((x) => {
    return x;
  });
  class Box { get size() { return 1 } }
  const o = { m()
  { return 2 } };
  queueMicrotask(() => again(items)); // want "again re-queues itself"
}
again([]);
