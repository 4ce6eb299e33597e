package interp

import (
	"math"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/looprt"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// run interprets src as a CommonJS main module on Node 22 and returns what
// it printed.
func run(t *testing.T, src string) []string {
	t.Helper()
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rt := looprt.MustNew(looprt.Config{Node: 22})
	r := New(&Program{Path: "/tmp/t.js", Src: buf, AST: ast}, rt, Options{}).Run()
	for _, u := range r.Unknowns {
		t.Errorf("unknown: %s", u.Message)
	}
	return r.Trace.Output()
}

func TestNumberToString(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0", 1.5: "1.5", -2: "-2", 1e21: "1e+21", 1e-7: "1e-7", 123456789: "123456789",
		1.7976931348623157e308: "1.7976931348623157e+308",
		5e-324:                 "5e-324", 0.000001: "0.000001", 1e20: "100000000000000000000", math.Inf(-1): "-Infinity",
	} {
		if got := numberToString(f); got != want {
			t.Errorf("numberToString(%v) = %q, want %q", f, got, want)
		}
	}
	a, b := 0.1, 0.2
	if got := numberToString(a + b); got != "0.30000000000000004" {
		t.Errorf("0.1+0.2 = %q", got)
	}
}

// Each case was checked against Node 20's console.log.
func TestConsoleLogFormat(t *testing.T) {
	cases := []struct{ src, want string }{
		{`console.log({ a: 1, b: 'x', c: [1, 2] })`, `{ a: 1, b: 'x', c: [ 1, 2 ] }`},
		{`console.log(new Map([['k', { v: 1 }]]), new Set([1]))`, `Map(1) { 'k' => { v: 1 } } Set(1) { 1 }`},
		{`console.log('%s:%d:%i:%j %%', 'a', 1.5, 1.5, { x: 1 })`, `a:1.5:1:{"x":1} %`},
		{`class P { constructor() { this.x = 1; } }; console.log(new P(), [new P()])`, `P { x: 1 } [ P { x: 1 } ]`},
		{`console.log({ a: { b: { c: { d: 1 } } } })`, `{ a: { b: { c: [Object] } } }`},
		{`console.log([function f() {}, () => {}, class A {}])`, `[ [Function: f], [Function (anonymous)], [class A] ]`},
		{`console.log(-0, [-0], 10n, Symbol('s'))`, `-0 [ -0 ] 10n Symbol(s)`},
		{`console.log(["it's", 'a\nb'])`, `[ "it's", 'a\nb' ]`},
	}
	for _, c := range cases {
		got := strings.Join(run(t, c.src), "\n")
		if got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.src, got, c.want)
		}
	}
}

func TestAwaitTickCounts(t *testing.T) {
	src := `
async function a() { await 1; console.log('a1'); await Promise.resolve(); console.log('a2'); }
async function r() { return Promise.resolve(); }
a();
r().then(() => console.log('r'));
Promise.resolve().then(() => console.log('t1')).then(() => console.log('t2')).then(() => console.log('t3')).then(() => console.log('t4'));
`
	want := "a1,t1,a2,t2,r,t3,t4"
	if got := strings.Join(run(t, src), ","); got != want {
		t.Errorf("got %s, want %s (Node 18-26)", got, want)
	}
}
