// Only literals, and nothing that looks like request data: the tokens
// decide every finding, so a check does not parse this module.
exports.email = (s) => /^([a-z0-9]+\.?)+@example\.com$/.test(s); // want redos:"exponential"
exports.trim = (s) => s.replace(/^\s*\s*x$/, ''); // want redos:"O\\(n\\^"
exports.safe = (s) => /^[a-z]+$/.test(s);
exports.division = (a, b) => a / b / 2;
