// refresh() restarts the countdown: the 20 ms timer refreshed at 10 ms fires at 30 ms.
const t = setTimeout(() => console.log('refreshed 20'), 20);
setTimeout(() => { console.log('10: refresh'); t.refresh(); }, 10);
setTimeout(() => console.log('25'), 25);
