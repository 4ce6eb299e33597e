// Awaits in nested functions do not make the loop yield.
const fs = require('fs');

async function wait(state) {
  while (!state.done) { // want "only awaits already-resolved values"
    await null;
    setTimeout(async () => { await fs.promises.stat('x'); }, 1);
  }
}
wait({});
