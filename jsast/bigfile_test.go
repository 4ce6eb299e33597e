package jsast

import (
	"os"
	"testing"
	"time"
)

// TestBigFile parses the file named by $BLOCKCHECK_BIGFILE (a large
// real-world bundle, e.g. typescript.js) and checks the span invariants.
func TestBigFile(t *testing.T) {
	p := os.Getenv("BLOCKCHECK_BIGFILE")
	if p == "" {
		t.Skip("BLOCKCHECK_BIGFILE not set")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, err := Parse(p, src, KindOf(p, os.ReadFile))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %.1f MB, %d nodes, %d comments, parsed in %v", p, float64(len(src))/1e6, len(m.Nodes()), len(m.Comments), time.Since(start))
	checkSpans(t, m)
}
