// A small HTTP service with the mistakes blockcheck finds.
const http = require('node:http');
const fs = require('fs');
const { readFileSync } = require('fs');
const path = require('path');

// Start-up: reading configuration synchronously once is fine.
const config = JSON.parse(readFileSync(path.join(__dirname, 'config.json'), 'utf8'));

function renderPage(name) {
  // Called for every request below: this read blocks every other client.
  return fs.readFileSync(path.join(__dirname, 'pages', name + '.html'), 'utf8');
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok');
    return;
  }
  if (fs.existsSync(path.join(__dirname, 'maintenance'))) {
    res.statusCode = 503;
    res.end('maintenance');
    return;
  }
  res.end(renderPage('index'));
});

server.on('close', () => {
  fs.writeFileSync('/tmp/demo-stopped', new Date().toISOString());
});

server.listen(config.port || 0);
