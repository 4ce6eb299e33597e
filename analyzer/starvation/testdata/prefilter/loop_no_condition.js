// A for with an update but no condition is no counting loop.
async function wait() {
  for (let i = 0; ; i++) await null; // want "only awaits already-resolved values"
}
wait();
