'use strict';
const fs = require('fs');
const http = require('http');
const { loadTemplate } = require('./lib');

http.createServer((req, res) => {
  const page = fs.readFileSync('page.html', 'utf8');
  res.end(page + loadTemplate());
}).listen(0);
