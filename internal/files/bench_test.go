package files_test

import (
	"os"
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

// BenchmarkReadFile reads every JavaScript file of $BLOCKCHECK_CORPUS
// (default: the repository's testdata) with ReadFile, and with os.ReadFile
// for comparison, on one goroutine.
func BenchmarkReadFile(b *testing.B) {
	list, errs := files.Walk([]string{checktest.Corpus("../../testdata")}, files.Options{IncludeNodeModules: true})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	for _, read := range []struct {
		name string
		f    func(string) ([]byte, error)
	}{{"files", files.ReadFile}, {"os", os.ReadFile}} {
		b.Run(read.name, func(b *testing.B) {
			size := 0
			for b.Loop() {
				size = 0
				for _, p := range list {
					src, err := read.f(p)
					if err != nil {
						b.Fatal(err)
					}
					size += len(src)
				}
			}
			b.SetBytes(int64(size))
		})
	}
}
