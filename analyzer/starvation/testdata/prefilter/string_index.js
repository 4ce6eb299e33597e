// One module per shape: analyzer.TestPrefilters checks that the prefilter
// keeps each. A string index names the queue as a property does.
function again() {
  process['nextTick'](again); // want "again re-queues itself"
}
again();
