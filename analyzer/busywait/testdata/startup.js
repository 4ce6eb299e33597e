// Start-up waits are start-up findings: shown only with --startup.
const end = Date.now() + 100;
while (Date.now() < end) {}
