package jsast

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus parses every .js/.mjs/.cjs file under $BLOCKCHECK_CORPUS and
// checks the span invariants. It is skipped when the variable is unset.
func TestCorpus(t *testing.T) {
	root := os.Getenv("BLOCKCHECK_CORPUS")
	if root == "" {
		t.Skip("BLOCKCHECK_CORPUS not set")
	}
	files, failed := 0, 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		ext := filepath.Ext(p)
		if ext != ".js" && ext != ".mjs" && ext != ".cjs" {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		files++
		l := Lex(p, src)
		complete := l.Complete()
		m, err := l.Parse(KindOf(p, os.ReadFile))
		if err == nil && !complete {
			t.Errorf("%s parses, but its tokens are not complete", p)
		}
		if err != nil {
			failed++
			t.Logf("%v", strings.SplitN(err.Error(), "\n", 2)[0])
			return nil
		}
		t.Run(p, func(t *testing.T) { checkSpans(t, m) })
		return nil
	})
	t.Logf("%d files, %d syntax errors", files, failed)
}
