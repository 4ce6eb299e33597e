const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker(name, delays) {
  for (const d of delays) {
    await sleep(d);
    console.log(name, 'slept', d);
  }
  return name;
}
async function main() {
  const first = await Promise.race([worker('A', [5, 5]), worker('B', [2, 20])]);
  console.log('first finished', first);
  const both = await Promise.all([sleep(3).then(() => 'x'), 'y']);
  console.log('both', both);
}
main().then(() => console.log('main done'));
process.on('beforeExit', () => console.log('beforeExit'));
process.on('exit', () => console.log('exit'));
