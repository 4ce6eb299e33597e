// Outside async functions, await is a name: the loop stays idle.
var http = require('http');

function wait(end) {
  var await = 0;
  while (Date.now() < end) { // want "Date.now\\(\\)"
    await = await + 1;
  }
  return await;
}

http.createServer(function (req, res) {
  wait(Date.now() + 5);
  res.end();
}).listen(8000);
