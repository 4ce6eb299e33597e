'use strict';
exports.loadTemplate = function loadTemplate() {
  return 'ok';
};
