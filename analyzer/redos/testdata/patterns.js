// Classic exponential families.
const a = /^(a+)+$/; // want redos:"exponential"
const b = /^(a|a)*$/; // want redos:"exponential"
const c = /^(\w+\s?)*$/; // want redos:"exponential"

// Polynomial: adjacent overlapping quantifiers.
const d = /^\s*foo\s*\s*$/; // want redos:"O\\(n\\^"
const e = /^.*.*=.*$/; // want redos:"O\\(n\\^"

// Built from constant strings.
const PART = '(x+x+)+';
const built = new RegExp('^' + PART + 'y$'); // want redos:"exponential"
const tmpl = RegExp(`^(b|b)*c$`); // want redos:"exponential"

// Safe look-alikes.
const s1 = /^[a-z]+$/;
const s2 = /(a|b)*/;
const s3 = /^\d+\.\d+$/;
const s4 = /^(?:foo|bar)baz$/;
const s5 = new RegExp(someVariable);
const s6 = /^[^@]+@[^@]+\.[a-z]{2,}$/i;

// Invalid patterns.
const bad = new RegExp('('); // want redos:"invalid regular expression"
