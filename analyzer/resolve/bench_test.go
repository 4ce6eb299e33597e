package resolve_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
)

// BenchmarkSpecifiers scans every module of $BLOCKCHECK_CORPUS (default:
// the fixtures) for its import specifiers, as stage 1 of a check does.
func BenchmarkSpecifiers(b *testing.B) {
	_, srcs, size := checktest.Sources(b, checktest.Corpus(".."))
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range srcs {
			resolve.Specifiers(src)
		}
	}
}
