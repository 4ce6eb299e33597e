package jsast

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

func mustParse(t *testing.T, src string, kind Kind) *Module {
	t.Helper()
	m, err := Parse("t.js", []byte(src), kind)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return m
}

// checkSpans asserts the invariants every analyzer relies on: spans lie in
// the file, children inside parents, and identifier occurrences cover
// exactly their name.
func checkSpans(t *testing.T, m *Module) {
	t.Helper()
	short := func(s Span) string {
		text := m.Text(s)
		if len(text) > 60 {
			text = text[:60] + "…"
		}
		p := m.Position(s.Start)
		return fmt.Sprintf("%d:%d %q", p.Line, p.Column, text)
	}
	for i, n := range m.Nodes() {
		if t.Failed() {
			return
		}
		if n.Span.Start < 0 || n.Span.End > len(m.Src) || n.Span.Start > n.Span.End {
			t.Fatalf("%s: node %d %T: span %v out of file (len %d)", m.Path, i, n.N, n.Span, len(m.Src))
		}
		if v, ok := n.N.(*js.Var); ok {
			if got := m.Text(n.Span); got != string(v.Data) {
				t.Errorf("identifier %q occurrence at %s covers %q", v.Data, short(n.Span), got)
			}
		}
		if n.Parent >= 0 {
			p := m.Nodes()[n.Parent]
			if !p.Span.Contains(n.Span) {
				t.Errorf("node %T %s not inside parent %T %s", n.N, short(n.Span), p.N, short(p.Span))
			}
		}
	}
}

func TestSpans(t *testing.T) {
	src := `#!/usr/bin/env node
const fs = require('fs'), { readFileSync: rfs } = require('node:fs');
function handler(req, res) {
  const data = fs.readFileSync(req.path, 'utf8');
  if (data) { res.end(rfs('x')) } else return;
  for (let i = 0; i < 10; i++) setTimeout(() => console.log(i), 0);
  const re = /a+b/g, o = { a, b: 2, [k]: 3, m() { return 1 }, get g() {} };
  return new Foo(x => x * 2, async (a, b = 1) => { await a; }, ` + "`t${a}x${b}`" + `);
}
class A extends B { static #p = 1; async *gen(x) { yield x; } constructor() { super(); this.#p++ } }
label: while (!done) { break label }
switch (x) { case 1: y(); default: z() }
try { a() } catch ({ message }) { b(message) } finally { c() }
const f = () => {
}
[1, 2].forEach(f)
const k2 = { [[a, b]](n) {}, [[c, d]]: 1 }, ix = x[[1, 2][0]];
class C { [[e, f]]() {} }
`
	m := mustParse(t, src, CommonJS)
	checkSpans(t, m)
	want := map[string]bool{
		"fs.readFileSync(req.path, 'utf8')":   false,
		"setTimeout(() => console.log(i), 0)": false,
		"() => console.log(i)":                false,
		"async (a, b = 1) => { await a; }":    false,
		"x => x * 2":                          false,
		"m() { return 1 }":                    false,
		"async *gen(x) { yield x; }":          false,
		"new Foo(x => x * 2, async (a, b = 1) => { await a; }, `t${a}x${b}`)": false,
		"/a+b/g":                               false,
		"[1, 2].forEach(f)":                    false,
		"[a, b]":                               false, // computed keys and an index: the array's own brackets
		"[c, d]":                               false,
		"[1, 2]":                               false,
		"[e, f]":                               false,
		"label: while (!done) { break label }": false,
		"switch (x) { case 1: y(); default: z() }": false,
	}
	for _, n := range m.Nodes() {
		if _, ok := want[m.Text(n.Span)]; ok {
			want[m.Text(n.Span)] = true
		}
	}
	for text, found := range want {
		if !found {
			t.Errorf("no node spans %q", text)
		}
	}
}

func TestIdentifiersMatchLexer(t *testing.T) {
	// Every identifier token that names a variable is claimed by exactly
	// one occurrence, in order.
	src := `let a = 1, b = a; function a2(a) { return a + b } a = a2(a); ({ a }); o.a; o[a];`
	m := mustParse(t, src, CommonJS)
	checkSpans(t, m)
	var offs []int
	for _, n := range m.Nodes() {
		if v, ok := n.N.(*js.Var); ok && string(v.Data) == "a" {
			offs = append(offs, n.Span.Start)
		}
	}
	var want []int
	for i := 0; i+1 <= len(src); i++ {
		if src[i] == 'a' && (i == 0 || !isIdentByte(src[i-1])) && (i+1 == len(src) || !isIdentByte(src[i+1])) && (i == 0 || src[i-1] != '.') {
			want = append(want, i)
		}
	}
	if len(offs) != len(want) {
		t.Fatalf("a occurrences at %v, want %v", offs, want)
	}
	for i := range offs {
		if offs[i] != want[i] {
			t.Fatalf("a occurrences at %v, want %v", offs, want)
		}
	}
}

func TestModuleKinds(t *testing.T) {
	if m := mustParse(t, "if (x) return 1\nmodule.exports = 2", CommonJS); m.Kind != CommonJS {
		t.Errorf("top-level return: kind %v", m.Kind)
	}
	if m := mustParse(t, "import fs from 'fs'\nexport default fs", CommonJS); m.Kind != ESM {
		t.Errorf("import in a .js file: kind %v, want detected ESM", m.Kind)
	}
	if _, err := Parse("t.mjs", []byte("return 1"), ESM); err == nil {
		t.Error("top-level return in an ES module parsed")
	}
	m := mustParse(t, "#!/usr/bin/env node\nreturn", CommonJS)
	if len(m.Comments) == 0 || !strings.HasPrefix(m.Comments[0].Text, "#!") {
		t.Errorf("hashbang comment lost: %+v", m.Comments)
	}
	mustParse(t, "#!/usr/bin/env node\nimport x from 'y'", ESM)
}

func TestArrowASIWorkaround(t *testing.T) {
	for _, src := range []string{
		"const f = () => {\n}\n[1].map(f)",
		"const f = () => {\r\n}\r\n(g)()",
	} {
		m := mustParse(t, src, CommonJS)
		checkSpans(t, m)
		if len(m.AST.BlockStmt.List) != 2 {
			t.Errorf("%q: %d statements, want 2", src, len(m.AST.BlockStmt.List))
		}
		// Text with a spare byte (as os.ReadFile returns it) is parsed in
		// place, but the workaround's edit goes to a copy.
		buf := append(make([]byte, 0, len(src)+1), src...)
		l := Lex("t.js", buf)
		l.Exclusive()
		m, err := l.Parse(CommonJS)
		if err != nil || len(m.AST.BlockStmt.List) != 2 {
			t.Errorf("%q in place: %v, %v", src, err, m)
		}
		if string(buf) != src {
			t.Errorf("%q: the caller's text became %q", src, buf)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct {
		src, want   string
		line, col16 int
	}{
		{"let x = 1;\nlet = = 2", "", 2, 7},
		{"const a = <div/>", "JSX", 1, 11},
		{"@dec class A {}", "decorators", 1, 1},
		{"import x from './a.json' with { type: 'json' }", "import attributes", 1, 31},
		{"function f(a: number) {}", "TypeScript", 1, 13},
		{"'😀😀'; let = = 1", "", 1, 15},
		{"\x00\x01\x02binary", "binary", 1, 1},
		{"\xff\xfeu\x00", "UTF-16", 1, 1},
		{"const a = [1 2];", "missing a comma", 1, 11},     // the parser takes it for [1, 2]
		{"x = [[a, b], [c d]];", "missing a comma", 1, 14}, // the inner array
	}
	for _, c := range cases {
		_, err := Parse("t.js", []byte(c.src), CommonJS)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want *SyntaxError", c.src, err)
			continue
		}
		if !strings.Contains(se.Message, c.want) {
			t.Errorf("%q: message %q does not mention %q", c.src, se.Message, c.want)
		}
		if se.Pos.Line != c.line || se.Pos.Column16 != c.col16 {
			t.Errorf("%q: at %d:%d, want %d:%d (%s)", c.src, se.Pos.Line, se.Pos.Column16, c.line, c.col16, se.Message)
		}
	}
}

func TestPositions(t *testing.T) {
	src := []byte("a\r\nb😀c\rd\n\n")
	m, err := Parse("t.js", src, CommonJS)
	if err == nil || m != nil {
		// "b😀c" is not valid JS; positions are a property of the text
	}
	lines := lineStarts(src)
	cases := []struct{ off, line, col, col16 int }{
		{0, 1, 1, 1}, {3, 2, 1, 1}, {4, 2, 2, 2}, {8, 2, 6, 4}, {10, 3, 1, 1}, {12, 4, 1, 1}, {100, 5, 1, 1},
	}
	for _, c := range cases {
		p := position(src, lines, c.off)
		if p.Line != c.line || p.Column != c.col || p.Column16 != c.col16 {
			t.Errorf("offset %d: %d:%d/%d, want %d:%d/%d", c.off, p.Line, p.Column, p.Column16, c.line, c.col, c.col16)
		}
	}
	if got := offset16(src, lines, 1, 3); got != 8 {
		t.Errorf("offset16(1,3) = %d, want 8", got)
	}
}

func TestLineStarts(t *testing.T) {
	for src, want := range map[string][]int{
		"":             {0},
		"a":            {0},
		"a\nb\n\nc":    {0, 2, 4, 5},
		"a\n":          {0, 2},
		"a\r\nb\rc\n":  {0, 3, 5, 7},
		"\n\r\n\r\r\n": {0, 1, 3, 4, 6},
	} {
		if got := lineStarts([]byte(src)); !slices.Equal(got, want) {
			t.Errorf("lineStarts(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "package.json"), []byte(`{"name":"x"}`), 0o644)
	cases := map[string]Kind{
		filepath.Join(dir, "x.js"):  ESM,
		filepath.Join(sub, "x.js"):  CommonJS, // nearest package.json has no type
		filepath.Join(dir, "x.cjs"): CommonJS,
		filepath.Join(sub, "x.mjs"): ESM,
	}
	for p, want := range cases {
		if got := KindOf(p, os.ReadFile); got != want {
			t.Errorf("KindOf(%s) = %v, want %v", p, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a.b(c)", "x => { y }\n(z)", "class A { #x; static { } }", "`a${b}c`", "/re/g.test(s)", "return 1", "import a from 'b'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, err := Parse("f.js", []byte(src), CommonJS)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Start < 0 || se.End > len(src) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		checkSpans(t, m)
	})
}

// TestRelease checks that a released module's node list, reused by the
// next module, leaves nothing of the first behind.
func TestRelease(t *testing.T) {
	shape := func(m *Module) []string {
		var out []string
		for _, n := range m.Nodes() {
			out = append(out, fmt.Sprintf("%T %v %d %d %v", n.N, n.Span, n.Parent, n.End, n.Binding))
		}
		return out
	}
	big := "function f(a, b) { return [a, b, {c: a + b}].map(x => x * 2); }\n"
	small := "let y = 1;\n"
	want, err := Parse("small.js", []byte(small), CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	wantShape := shape(want)
	for i := 0; i < 3; i++ {
		m, err := Parse("big.js", []byte(strings.Repeat(big, 50)), CommonJS)
		if err != nil {
			t.Fatal(err)
		}
		m.Release()
		if m.Nodes() != nil {
			t.Fatal("a released module still has nodes")
		}
		got, err := Parse("small.js", []byte(small), CommonJS)
		if err != nil {
			t.Fatal(err)
		}
		if g := shape(got); !slices.Equal(g, wantShape) {
			t.Fatalf("after a release, nodes = %v, want %v", g, wantShape)
		}
	}
}
