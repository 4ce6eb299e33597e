package cli

import (
	"io"
	"os"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
)

// BenchmarkCheck measures a whole "blockcheck check" run with every rule
// over $BLOCKCHECK_CORPUS (or the demo), in MB/s of JavaScript.
func BenchmarkCheck(b *testing.B) {
	root := checktest.Corpus("../../testdata/demo")
	var size int64
	list, _ := filesUnder(root)
	for _, f := range list {
		if info, err := os.Stat(f); err == nil {
			size += info.Size()
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		Check([]string{"--include-node-modules", root}, io.Discard, io.Discard)
	}
}
