package jsast

import (
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

func TestNumberLiteral(t *testing.T) {
	for _, c := range []struct {
		text string
		want float64
		ok   bool
	}{
		{"42", 42, true}, {"1_000_000", 1e6, true}, {"1.5e3", 1500, true}, {".5", 0.5, true},
		{"0x1F", 31, true}, {"0o17", 15, true}, {"0b101", 5, true}, {"017", 15, true},
		{"08", 8, true}, {"0.5", 0.5, true}, {"10n", 10, true}, {"0xffn", 255, true},
		{`"5"`, 0, false}, {"true", 0, false},
	} {
		got, ok := NumberLiteral([]byte(c.text))
		if got != c.want || ok != c.ok {
			t.Errorf("%s: %v %v, want %v %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

func TestNumber(t *testing.T) {
	m, err := Parse("n.js", []byte("const K = 1024; x = [-(2 ** 10) * K / 4, 1 << 20, 1 << 70, 1 / 0, K + y, 3 - 1, 'a']"), CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[*js.Var]js.IExpr{}
	var list *js.ArrayExpr
	for _, n := range m.Nodes() {
		switch x := n.N.(type) {
		case *js.VarDecl:
			consts[Resolve(x.List[0].Binding.(*js.Var))] = x.List[0].Default
		case *js.ArrayExpr:
			list = x
		}
	}
	type result struct {
		n  float64
		ok bool
	}
	want := []result{{-262144, true}, {1 << 20, true}, {0, false}, {0, false}, {0, false}, {2, true}, {0, false}}
	for i, el := range list.List {
		n, ok := Number(el.Value, func(v *js.Var) js.IExpr { return consts[v] })
		if ok != want[i].ok || ok && n != want[i].n {
			t.Errorf("element %d: %v %v, want %v %v", i, n, ok, want[i].n, want[i].ok)
		}
	}
}

func TestRadixInteger(t *testing.T) {
	for _, c := range []struct {
		s            string
		v            float64
		prefixed, ok bool
	}{
		{"0x1F", 31, true, true}, {"0O17", 15, true, true}, {"0b101", 5, true, true},
		{"0x", 0, true, false}, {"0xZ", 0, true, false}, {"0b2", 0, true, false},
		{"017", 0, false, false}, {"10", 0, false, false}, {"0", 0, false, false}, {"", 0, false, false},
	} {
		v, prefixed, ok := RadixInteger(c.s)
		if prefixed != c.prefixed || ok != c.ok || ok && v != c.v {
			t.Errorf("RadixInteger(%q) = %v, %v, %v; want %v, %v, %v", c.s, v, prefixed, ok, c.v, c.prefixed, c.ok)
		}
	}
}
