// Statements that end before the re-queue do not guard it: an unbraced
// if body ended by a line break, a do-while, a for-of.
const work = [];

function again(flag) {
  if (flag) work.shift()
  do work.pop(); while (work.length > 9) process.nextTick(again); // want "again re-queues itself"
  for (const w of work) w();
}
again(false);
