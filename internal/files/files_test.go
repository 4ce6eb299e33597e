package files

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
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
	// From inside the tree, by a relative path, the loop (an absolute
	// link) still leads back to a folder already walked.
	t.Chdir(root)
	got, errs = Walk([]string{"."}, Options{})
	if want := []string{"a.js", "b.mjs", "c.cjs", filepath.Join("sub", "e.js")}; !reflect.DeepEqual(got, want) || len(errs) != 0 {
		t.Errorf("Walk(.) = %v %v, want %v", got, errs, want)
	}
}

func TestGitignore(t *testing.T) {
	root := t.TempDir()
	mk := func(p, text string) {
		p = filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	os.MkdirAll(filepath.Join(root, ".git", "info"), 0o755)
	mk(".git/info/exclude", "local.js\n")
	mk(".gitignore", "# build output\ndist/\n*.gen.js\n!keep.gen.js\n/top.js\nlib/**/vendor\n\\#hash.js\n")
	mk("src/.gitignore", "tmp-*.js\n!tmp-keep.js\n")
	for _, f := range []string{"a.js", "local.js", "top.js", "dist/x.js", "x.gen.js", "keep.gen.js", "#hash.js",
		"src/top.js", "src/dist/y.js", "src/b.gen.js", "src/tmp-1.js", "src/tmp-keep.js", "src/c.js",
		"lib/vendor/v.js", "lib/a/b/vendor/v.js", "lib/vendor.js", "other/tmp-2.js", "extra/skip.js", "extra/ok.js"} {
		mk(f, "x")
	}
	mk("my.ignore", "extra/skip.js\n")
	rels := func(got []string) []string {
		var out []string
		for _, f := range got {
			r, _ := filepath.Rel(root, f)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	got, errs := Walk([]string{root}, Options{Gitignore: true, IgnoreFiles: []string{filepath.Join(root, "my.ignore")}})
	want := []string{"a.js", "extra/ok.js", "keep.gen.js", "lib/vendor.js", "other/tmp-2.js", "src/c.js", "src/tmp-keep.js", "src/top.js"}
	if !reflect.DeepEqual(rels(got), want) || len(errs) != 0 {
		t.Errorf("Walk = %v %v\nwant %v", rels(got), errs, want)
	}
	// Walking a subfolder still applies the parents' .gitignore.
	got, _ = Walk([]string{filepath.Join(root, "src")}, Options{Gitignore: true})
	if want := []string{"src/c.js", "src/tmp-keep.js", "src/top.js"}; !reflect.DeepEqual(rels(got), want) {
		t.Errorf("Walk(src) = %v, want %v", rels(got), want)
	}
	if got, _ := Walk([]string{root}, Options{}); len(got) != 19 {
		t.Errorf("without Gitignore: %d files, want 19", len(got))
	}
	if _, errs := Walk([]string{root}, Options{IgnoreFiles: []string{filepath.Join(root, "nope")}}); len(errs) != 1 {
		t.Errorf("missing ignore file: errors %v", errs)
	}
}

// TestWalkLinks checks which path a folder reached several ways is
// reported under, whatever the timing of the parallel walk: its own when
// the tree has it, else the first link to it in depth-first order.
func TestWalkLinks(t *testing.T) {
	root, other, third := t.TempDir(), t.TempDir(), t.TempDir()
	write := func(p string) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
	write(filepath.Join(root, "real", "x.js"))
	for i := range 20 {
		write(filepath.Join(root, "real", "d"+strconv.Itoa(i), "f.js"))
	}
	link(filepath.Join(root, "real"), filepath.Join(root, "alias")) // before "real", the folder itself
	write(filepath.Join(other, "y.js"))
	link(other, filepath.Join(root, "outside"))
	link(other, filepath.Join(root, "outside2")) // the same folder again, later
	link(filepath.Join(root, "real"), filepath.Join(other, "back"))
	write(filepath.Join(third, "z.js"))
	link(third, filepath.Join(other, "inner"))
	var first []string
	for range 20 {
		got, errs := Walk([]string{root}, Options{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var rels []string
		for _, f := range got {
			r, _ := filepath.Rel(root, f)
			rels = append(rels, filepath.ToSlash(r))
		}
		if first == nil {
			first = rels
			continue
		}
		if !reflect.DeepEqual(rels, first) {
			t.Fatalf("Walk changed from %v to %v", first, rels)
		}
	}
	want := []string{"outside/inner/z.js", "outside/y.js", "real/x.js"}
	for i := range 20 {
		want = append(want, "real/d"+strconv.Itoa(i)+"/f.js")
	}
	sort.Strings(want)
	if !reflect.DeepEqual(first, want) {
		t.Errorf("Walk = %v\nwant %v", first, want)
	}
}
