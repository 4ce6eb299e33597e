// An import under another name.
import { nextTick as defer } from 'process';

function again() {
  defer(again); // want "again re-queues itself"
}
again();
