const express = require('express');
const net = require('net');
const app = express();

const TRAILING = /^\s*\S+\s*\s*$/; // want redos:"O\\(n\\^.*applied to request data \\(req.query.name\\) at line 8, on the hot path"

app.get('/hello', (req, res) => {
  if (TRAILING.test(req.query.name)) res.send('ok');
});

const LOCAL = /^.*.*=.*$/; // want redos:"O\\(n\\^"
function parse(config) {
  return LOCAL.test(config); // not request data: stays a warning
}

net.createServer((socket) => {
  socket.on('data', (data) => {
    data.toString().replace(/^\s*a\s*\s*$/, ''); // want redos:"applied to request data \\(data.toString\\(\\)\\)"
  });
}).listen(0);

// Start-up code matching request-like names is not the hot path.
const req = { body: 'x' };
/^\s*b\s*\s*$/.test(req.body); // want redos:"O\\(n\\^"
