package jstokens_test

import (
	"regexp"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestElidable checks which function bodies Elidable returns: a body
// marked /*E*/ must be inside a returned span, one marked /*K*/ must not.
// The names followed are readFileSync and createRequire, and the string
// 'fs'.
func TestElidable(t *testing.T) {
	tests := []struct{ name, src string }{
		{"unrelated helper", `const fs = require('fs');
function helper() { /*E*/ return 1 + 2 }
function reader() { /*K*/ return fs.readFileSync('x') }
app.get('/', (req, res) => { /*K*/ reader() })
app.get('/x', (req, res) => { /*E*/ helper() })`},
		{"callers of callers", `const load = () => { /*K*/ readFileSync() }
function mid() { /*K*/ return load() }
async function top() { /*K*/ await mid() }
function other() { /*K*/ return top }
function idler() { /*E*/ return 1 }
function nested() { /*K*/ function inner() { /*K*/ mid() } function idle() { /*E*/ } }`},
		{"variable holding a module", `const fs = require('fs'), x = 1
let f2
function init() { /*K*/ f2 = fs }
function reset() { /*K*/ return typeof f2 }
function env() { /*E*/ return process.env.X }`},
		{"destructuring binds values, not keys", `const { promises: p, readFileSync: rfs } = require('fs')
function a() { /*K*/ return rfs }
function b() { /*K*/ return p }
function c() { /*E*/ return promises }`},
		{"object literal methods are reached through the object", `const api = { get() { /*K*/ return readFileSync() }, other() { /*E*/ return 1 } }
function use() { /*K*/ return api.get() }
function unrelated() { /*E*/ return x.get() }`},
		{"constructors are reached through the class", `class Store { constructor() { /*K*/ readFileSync() } m() { /*E*/ return 1 } static { /*E*/ this.n = 0 } }
function make() { /*K*/ return new Store() }
function plain() { /*E*/ return new Map() }`},
		{"assigning a global the analyzers resolve", `function weird() { /*K*/ process = other }
function reads() { /*K*/ return process.env.HOME }
function idle() { /*E*/ return 1 }`},
		{"a name is followed in the scope that declares it", `function a() { /*K*/ const r = () => readFileSync(); return r() }
function b() { /*E*/ const r = 1; return r }
function c(r) { /*E*/ return r }`},
		{"an undeclared name is followed everywhere", `function a() { /*K*/ g = () => readFileSync() }
function b() { /*K*/ return g() }`},
		{"a named function expression names only itself", `items.forEach(function visit(x) { /*K*/ readFileSync(x) })
function other() { /*E*/ visit() }`},
		{"a call and a block are not a method", `function f() { readFileSync(); g()
{ /*K*/ let q = 1 } }`},
		{"createRequire", `const req = createRequire(import.meta.url)
function h() { /*K*/ return req }`},
		{"strings name modules, not members", `function a() { /*K*/ return require('fs') }
function b() { /*E*/ return 'readFileSync' }
function c() { /*K*/ return o['readFileSync'] }`},
	}
	marker := regexp.MustCompile(`/\*([EK])\*/`)
	for _, tc := range tests {
		src := []byte(tc.src)
		tk := &jstokens.Tokens{Lexed: jsast.Lex("t.js", src)}
		if !tk.Complete() {
			t.Fatalf("%s: the source does not lex", tc.name)
		}
		spans := tk.Elidable(func(name string, str bool) bool {
			if str {
				return name == "fs"
			}
			return name == "readFileSync" || name == "createRequire"
		})
		for _, m := range marker.FindAllSubmatchIndex(src, -1) {
			elided := false
			for _, s := range spans {
				elided = elided || s.Start <= m[0] && m[1] <= s.End
			}
			if want := src[m[2]] == 'E'; elided != want {
				t.Errorf("%s: the body at offset %d (%s): elided = %v, want %v\n%s", tc.name, m[0], src[m[0]:m[1]], elided, want, src)
			}
		}
	}
}

// TestElidableIncomplete checks that tokens with a lexical error or an
// unclosed bracket give nothing to elide.
func TestElidableIncomplete(t *testing.T) {
	src := []byte("function f() { return 1 }\nfunction g() { `")
	tk := &jstokens.Tokens{Lexed: jsast.Lex("t.js", src)}
	if spans := tk.Elidable(func(string, bool) bool { return false }); spans != nil {
		t.Errorf("Elidable on incomplete tokens = %v, want nil", spans)
	}
}
