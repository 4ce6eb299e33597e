package syncio_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
)

func Test(t *testing.T) {
	diags := checktest.Run(t, "testdata", syncio.Analyzer)
	// Inside an async function, fs.readFileSync(p, o) has a fix to
	// await fs.promises.readFile(p, o), reusing the call's fs binding.
	fixes := map[string]bool{}
	for _, d := range diags {
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				fixes[e.NewText] = true
			}
		}
	}
	for _, want := range []string{"await fs.promises.readFile('x', 'utf8')", "(await nfs.promises.stat(req.path))"} {
		if !fixes[want] {
			t.Errorf("no fix %q among %v", want, fixes)
		}
	}
	for text := range fixes {
		if strings.Contains(text, "existsSync") || strings.Contains(text, "rfs(") {
			t.Errorf("unsafe fix %q", text)
		}
	}
}
