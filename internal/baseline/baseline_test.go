package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

func TestRoundTripAndFilter(t *testing.T) {
	dir := t.TempDir()
	a, c := filepath.Join(dir, "src", "a.js"), filepath.Join(dir, "c.js")
	d := func(path, rule string, line int) driver.Diagnostic {
		var x driver.Diagnostic
		x.Path, x.Rule, x.Message = path, rule, "m"
		x.Start.Line = line
		return x
	}
	old := []driver.Diagnostic{d(a, "sync-io", 3), d(a, "sync-io", 9), d(c, "syntax", 1)}
	path := filepath.Join(dir, "blockcheck-baseline.json")
	if err := New(path, old, []string{"x", "x2", "y"}).Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.Entries[0].File != "c.js" || b.Entries[1].File != "src/a.js" {
		t.Errorf("entries %+v: want paths relative to the baseline, sorted", b.Entries)
	}
	// Later: the a.js findings moved down a line (same fingerprints), one
	// of them is fixed, a new one appears, c.js is not checked.
	now := []driver.Diagnostic{d(a, "sync-io", 4), d(a, "sync-io", 20)}
	fresh, gone := b.Filter(now, []string{"x", "z"}, []string{a})
	if len(fresh) != 1 || fresh[0] != 1 || gone != 1 {
		t.Errorf("fresh %v gone %d, want [1] and 1 (c.js was not checked)", fresh, gone)
	}
	// A duplicate finding beyond the recorded count is new.
	fresh, _ = b.Filter([]driver.Diagnostic{d(a, "sync-io", 4), d(a, "sync-io", 5)}, []string{"x", "x"}, nil)
	if len(fresh) != 1 {
		t.Errorf("fresh %v, want the second copy", fresh)
	}
	os.WriteFile(path, []byte(`{"version":"other/v9","entries":[]}`), 0o644)
	if _, err := Read(path); err == nil {
		t.Error("baseline of another fingerprint version accepted")
	}
}
