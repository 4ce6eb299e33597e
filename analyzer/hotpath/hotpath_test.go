package hotpath_test

import (
	"os"
	"testing"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestIndexes checks the answers for a call of a local function, a
// handler's context, and indexes outside the module.
func TestIndexes(t *testing.T) {
	src := "function helper() {}\n" +
		"require('http').createServer((req, res) => { helper(); });\n"
	m, err := jsast.Parse("a.js", []byte(src), jsast.CommonJS)
	if err != nil {
		t.Fatal(err)
	}
	jm := &jsmodule.Module{Module: m}
	in := hotpath.Compute(jm, bindings.Compute(jm))
	nodes := m.Nodes()
	decl, call := -1, -1
	for i, n := range nodes {
		switch x := n.N.(type) {
		case *js.FuncDecl:
			decl = i
		case *js.CallExpr:
			if v, ok := x.X.(*js.Var); ok && string(v.Data) == "helper" {
				call = i
			}
		}
	}
	if decl < 0 || call < 0 {
		t.Fatalf("fixture: decl %d, call %d", decl, call)
	}
	if f, ok := in.Callee(call); !ok || f != decl {
		t.Errorf("Callee(helper()) = %d, %v; want %d, true", f, ok, decl)
	}
	if w := in.At(call); w.Context != hotpath.Hot {
		t.Errorf("At(helper()) = %+v, want a hot context (a request handler)", w)
	}
	if w := in.Func(decl); w.Context != hotpath.Hot {
		t.Errorf("Func(helper) = %+v, want hot (called from a handler)", w)
	}
	for _, i := range []int{-1, len(nodes), len(nodes) + 100} {
		if _, ok := in.Callee(i); ok {
			t.Errorf("Callee(%d) found a callee outside the module", i)
		}
		if w := in.Func(i); w != (hotpath.Where{}) {
			t.Errorf("Func(%d) = %+v, want the zero Where", i, w)
		}
	}
}

// TestWorkerRegions checks that code in a worker thread is found for
// each way a module may name worker_threads, and not in a module naming it
// only in a string.
func TestWorkerRegions(t *testing.T) {
	for _, c := range []struct {
		name, src string
		worker    bool
	}{
		{"bound", "const { isMainThread } = require('worker_threads');\nif (!isMainThread) { g(); }\n", true},
		{"inline require", "if (!require('node:worker_threads').isMainThread) { g(); }\n", true},
		{"createRequire", "const r = require('module').createRequire(__filename);\nif (!r('worker_threads').isMainThread) { g(); }\n", true},
		{"parentPort", "const wt = require('worker_threads');\nwt.parentPort.on('message', () => {});\ng();\n", true},
		{"a string", "const builtins = ['worker_threads'];\nif (!isMainThread) { g(); }\n", false},
	} {
		m, err := jsast.Parse("a.js", []byte(c.src), jsast.CommonJS)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		jm := &jsmodule.Module{Module: m, Imports: resolve.Imports(m, os.ReadFile)}
		in := hotpath.Compute(jm, bindings.Compute(jm))
		found := false
		for i, n := range m.Nodes() {
			if call, ok := n.N.(*js.CallExpr); ok {
				if v, ok := call.X.(*js.Var); ok && string(v.Data) == "g" {
					found = true
					if got := in.At(i).Context == hotpath.Worker; got != c.worker {
						t.Errorf("%s: g() in a worker thread = %v, want %v (%+v)", c.name, got, c.worker, in.At(i))
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no call of g", c.name)
		}
	}
}
