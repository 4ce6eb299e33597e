package hotpath_test

import (
	"os"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
)

// BenchmarkCompute times the classification of the functions of the file
// named by $BLOCKCHECK_BIGFILE (a large bundle, e.g. typescript.js), parsed
// once: only hotpath's own work is timed.
func BenchmarkCompute(b *testing.B) {
	p := os.Getenv("BLOCKCHECK_BIGFILE")
	if p == "" {
		b.Skip("BLOCKCHECK_BIGFILE not set")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	m, err := jsast.Parse(p, src, jsast.KindOf(p, os.ReadFile))
	if err != nil {
		b.Fatal(err)
	}
	jm := &jsmodule.Module{Module: m, Imports: resolve.Imports(m, os.ReadFile)}
	bi := bindings.Compute(jm)
	// The enclosing functions are computed once per module for every rule:
	// compute them before timing.
	m.Enclosing(0)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		hotpath.Compute(jm, bi).At(0)
	}
}
