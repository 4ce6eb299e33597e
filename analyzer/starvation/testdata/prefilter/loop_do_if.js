// A do-while whose body is an if-else.
async function wait(state) {
  do if (state.done) state.n++; else await undefined; while (state.n < 9); // want "only awaits already-resolved values"
}
wait({});
