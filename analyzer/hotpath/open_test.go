package hotpath

import (
	"testing"

	"github.com/blockcheck/blockcheck/jsast"
)

// TestOpenFuncs checks that the stack of open functions finds, for every
// node asked about in order, the enclosing function jsast finds.
func TestOpenFuncs(t *testing.T) {
	src := "function a(x) { const b = () => { return function () { x(); }; }; b(); }\n" +
		"class C { m() { [1].map(y => y + 1); } }\n" +
		"const o = { f() { (async () => { await g(); })(); }, h: function h() {} };\n" +
		"a(1);\n"
	m, err := jsast.Parse("a.js", []byte(src), jsast.CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	nodes := m.Nodes()
	var order []int
	for i := range nodes {
		if isFunc(nodes[i].N) {
			order = append(order, i)
		}
	}
	if len(order) < 8 {
		t.Fatalf("fixture: %d functions", len(order))
	}
	var open openFuncs
	for i := range nodes {
		want := m.Enclosing(i)
		got := -1
		if k := open.innermost(nodes, i, order); k >= 0 {
			got = order[k]
		}
		if got != want {
			t.Errorf("node %d (%T): innermost function %d, want %d", i, nodes[i].N, got, want)
		}
	}
}
