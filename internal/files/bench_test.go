package files_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/internal/files"
)

// BenchmarkWalk walks $BLOCKCHECK_CORPUS (default: the repository's
// testdata), node_modules included, as a check's first step does.
func BenchmarkWalk(b *testing.B) {
	root := checktest.Corpus("../../testdata")
	for b.Loop() {
		if _, errs := files.Walk([]string{root}, files.Options{IncludeNodeModules: true}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
