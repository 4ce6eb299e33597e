package files

import (
	"os"
	"testing"
)

// BenchmarkWalk walks $BLOCKCHECK_CORPUS (default: the repository's
// testdata), node_modules included, as a check's first step does.
func BenchmarkWalk(b *testing.B) {
	root := os.Getenv("BLOCKCHECK_CORPUS")
	if root == "" {
		root = "../../testdata"
	}
	for b.Loop() {
		if _, errs := Walk([]string{root}, Options{IncludeNodeModules: true}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
