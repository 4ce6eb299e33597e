package checktest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
)

// recorder is a TB that records failures instead of failing.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) { r.Errorf(format, a...) }

// TestHarnessFails shows the harness catches a want that matches nothing,
// a want on a line with no diagnostic, and an unexpected diagnostic.
func TestHarnessFails(t *testing.T) {
	var r recorder
	checktest.Run(&r, "testdata", syncio.Analyzer)
	want := []string{
		"wrong.js:3:3: unexpected diagnostic (sync-io): fs.readFileSync blocks",
		"wrong.js:4:3: unexpected diagnostic (sync-io): fs.statSync blocks",
		`wrong.js:3: no diagnostic was reported matching "this message is never produced"`,
		`wrong.js:5: no diagnostic was reported matching "nothing is reported on this line"`,
	}
	if len(r.errs) != len(want) {
		t.Fatalf("harness reported %d problems, want %d:\n%s", len(r.errs), len(want), strings.Join(r.errs, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(r.errs[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, r.errs[i], w)
		}
	}
}
