// An unbraced loop body runs past its first statement.
async function wait(state) {
  for (;;) if (state.done) state.n++; else await null; // want "only awaits already-resolved values"
}
wait({});
