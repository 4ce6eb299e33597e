const fs = require('fs');
const cp = require('child_process');

setTimeout(() => {
  // blockcheck-disable-next-line sync-io -- read once per deploy
  fs.readFileSync('a');
  fs.readFileSync('b'); // blockcheck-disable-line sync-io
  fs.readFileSync('c'); // blockcheck-disable-line
  fs.readFileSync('d'); /* blockcheck-disable-line sync-process */ // want sync-io:"readFileSync"
  /* blockcheck-disable sync-io */
  fs.statSync('e');
  cp.execSync('ls'); // want sync-process:"execSync"
  /* blockcheck-enable sync-io */
  fs.statSync('f'); // want sync-io:"statSync"
  // blockcheck-disable-next-line sync-oi, sync-process -- typo // want disable-comment:"unknown rule \"sync-oi\""
  fs.statSync('g'); // want sync-io:"statSync"
  /* blockcheck-disable */
  fs.statSync('h');
}, 10);
