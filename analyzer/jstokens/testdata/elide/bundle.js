// A bundle in the shape of a compiler's: one wrapper function, many
// helpers that call each other, and a system object whose methods block.
var lib = (function () {
  'use strict';
  var _fs = require('node:fs');

  function createSystem() {
    var system = {
      readFile: function (name) {
        return _fs.readFileSync(name, 'utf8');
      },
      exists: (name) => _fs.existsSync(name),
      now: function () {
        return Date.now();
      },
    };
    return system;
  }

  function tokenize(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      out.push(text[i]);
    }
    return out;
  }

  function parse(text) {
    return tokenize(text).map(function visit(t) {
      return t === '(' ? visit(')') : t;
    });
  }

  function compile(sys, name) {
    return parse(sys.readFile(name));
  }

  return { createSystem: createSystem, compile: compile, parse: parse };
})();

module.exports = function handler(req, res) {
  var sys = lib.createSystem();
  res.end(String(lib.compile(sys, req.url).length));
};
