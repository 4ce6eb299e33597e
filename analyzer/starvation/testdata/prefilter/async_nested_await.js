// An await in a nested arrow is not the function's own: only `await null`
// is.
async function spin() {
  await null;
  const later = async () => await fetch('x');
  spin(); // want "async spin calls itself"
  later();
}
spin();
