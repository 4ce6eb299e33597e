// Each module of this folder holds one shape the rule reports and nothing
// else it reports, so that TestPrefilters checks that the prefilter keeps
// that shape (a module with another finding is kept anyway). Here: a
// clock through destructuring.
const http = require('http');
const { now } = Date;

function sleep(ms) {
  const end = now() + ms;
  while (now() < end) {} // want "Date.now\\(\\).*for 30 ms"
}

http.createServer((req, res) => {
  sleep(30);
  res.end('ok');
}).listen(8000);
