// await this is of a literal.
async function wait(state) {
  while (!state.done) { // want "only awaits already-resolved values"
    await this;
  }
}
wait({});
