package resolve_test

import (
	"os"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
)

// BenchmarkSpecifiers scans every module of $BLOCKCHECK_CORPUS (default:
// the fixtures) for its import specifiers, as stage 1 of a check does.
func BenchmarkSpecifiers(b *testing.B) {
	paths, err := checktest.JSFiles(checktest.Corpus(".."))
	if err != nil {
		b.Fatal(err)
	}
	var srcs [][]byte
	size := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range srcs {
			resolve.Specifiers(src)
		}
	}
}
