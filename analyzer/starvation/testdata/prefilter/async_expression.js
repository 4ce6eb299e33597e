// An async function expression held by a name, calling itself optionally.
const spin = async function () {
  await 0;
  spin?.(); // want "async spin calls itself"
};
spin();
