package cache

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

func TestLookupInvalidation(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.js"), filepath.Join(dir, "b.js")
	os.WriteFile(a, []byte("require('./b')"), 0o644)
	os.WriteFile(b, []byte("module.exports = 1"), 0o644)
	loc := filepath.Join(dir, "cache")
	diag := driver.Diagnostic{Location: driver.Location{Path: a}, Rule: "sync-io", Message: "m"}

	c := Open(loc, "k1")
	if _, ok := c.Lookup(a); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Store([]string{a, b}, []driver.Diagnostic{diag}, func(p string) []string {
		if p == a {
			return []string{b}
		}
		return nil
	})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	hit := func(key, path string) bool {
		_, ok := Open(loc, key).Lookup(path)
		return ok
	}
	if d, ok := Open(loc, "k1").Lookup(a); !ok || len(d) != 1 || d[0].Message != "m" {
		t.Fatalf("a: %v %v", d, ok)
	}
	if !hit("k1", b) || hit("k2", a) {
		t.Errorf("b should hit; another key should not")
	}
	os.WriteFile(b, []byte("module.exports = 2"), 0o644)
	if hit("k1", a) || hit("k1", b) {
		t.Errorf("a change to b must invalidate b and its dependent a")
	}
	os.WriteFile(b, []byte("module.exports = 1"), 0o644)
	if !hit("k1", a) {
		t.Errorf("content back as it was: should hit again")
	}
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`), 0o644)
	if hit("k1", a) {
		t.Errorf("a new package.json above the file must invalidate it")
	}
	os.WriteFile(loc, []byte("garbage"), 0o644)
	if hit("k1", b) {
		t.Errorf("corrupt cache file gave a hit")
	}
}

// TestSharedDependency checks entries that share a dependency when it
// changes and only some of them are analyzed again, and that a run that
// stores nothing leaves the file alone.
func TestSharedDependency(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.js"), filepath.Join(dir, "b.js"), filepath.Join(dir, "c.js")
	os.WriteFile(a, []byte("require('./b')"), 0o644)
	os.WriteFile(c, []byte("require('./b')"), 0o644)
	os.WriteFile(b, []byte("module.exports = 1"), 0o644)
	loc := filepath.Join(dir, "cache")
	deps := func(p string) []string {
		if p == b {
			return nil
		}
		return []string{b}
	}
	store := func(paths ...string) {
		cc := Open(loc, "k")
		cc.Store(paths, nil, deps)
		if err := cc.Save(); err != nil {
			t.Fatal(err)
		}
	}
	hit := func(path string) bool {
		_, ok := Open(loc, "k").Lookup(path)
		return ok
	}
	store(a, b, c)
	if !hit(a) || !hit(c) {
		t.Fatal("a and c should hit")
	}
	before, _ := os.Stat(loc)
	if err := Open(loc, "k").Save(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(loc); !os.SameFile(before, after) {
		t.Errorf("a run that stored nothing rewrote the cache")
	}
	os.WriteFile(b, []byte("module.exports = 2"), 0o644)
	store(a, b) // c is not part of this run
	if !hit(a) || !hit(b) {
		t.Errorf("a and b were stored with b's new content: should hit")
	}
	if hit(c) {
		t.Errorf("c depends on the old b: must not hit")
	}
}
