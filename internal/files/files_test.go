package files

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestWalk(t *testing.T) {
	root := t.TempDir()
	mk := func(p string) {
		p = filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	mk("a.js")
	mk("b.mjs")
	mk("c.cjs")
	mk("d.ts")
	mk("sub/e.js")
	mk("node_modules/m/index.js")
	mk(".git/hooks/h.js")
	if err := os.Symlink(root, filepath.Join(root, "sub", "loop")); err != nil {
		t.Skip("no symlinks:", err)
	}
	got, errs := Walk([]string{root}, Options{})
	rel := func(fs []string) []string {
		var out []string
		for _, f := range fs {
			r, _ := filepath.Rel(root, f)
			out = append(out, r)
		}
		return out
	}
	want := []string{"a.js", "b.mjs", "c.cjs", "sub/e.js"}
	if !reflect.DeepEqual(rel(got), want) || len(errs) != 0 {
		t.Errorf("Walk = %v %v, want %v", rel(got), errs, want)
	}
	got, _ = Walk([]string{root}, Options{IncludeNodeModules: true})
	if len(got) != 5 {
		t.Errorf("with node_modules: %v", rel(got))
	}
	_, errs = Walk([]string{filepath.Join(root, "missing")}, Options{})
	if len(errs) != 1 {
		t.Errorf("missing path: errors %v", errs)
	}
}
