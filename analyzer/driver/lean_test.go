package driver_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/internal/files"
)

// TestLean checks that freeing syntax trees early changes nothing but the
// modules kept in the result.
func TestLean(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "demo")
	list, errs := files.Walk([]string{root}, files.Options{})
	if len(errs) > 0 || len(list) == 0 {
		t.Fatalf("walk: %v %v", list, errs)
	}
	opt := driver.Options{Analyzers: analyzer.Analyzers(), Root: root}
	full := driver.Run(context.Background(), list, opt)
	opt.Lean = true
	lean := driver.Run(context.Background(), list, opt)
	if len(full.Diagnostics) == 0 {
		t.Fatal("the demo should have findings")
	}
	if !reflect.DeepEqual(full.Diagnostics, lean.Diagnostics) {
		t.Errorf("lean run differs:\n%v\nvs\n%v", full.Diagnostics, lean.Diagnostics)
	}
	for p, m := range lean.Modules {
		if m.Module != nil {
			t.Errorf("%s: syntax tree kept in a lean run", p)
		}
		if full.Modules[p].Module == nil {
			t.Errorf("%s: syntax tree dropped in a full run", p)
		}
	}
}

// TestSource checks that Result.Source serves the text the run analyzed,
// not what is on disk later, and nil for a file that cannot be read.
func TestSource(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.js")
	before := "const fs = require('fs');\nfs.readFileSync('x');\n"
	if err := os.WriteFile(p, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	res := driver.Run(context.Background(), []string{p}, driver.Options{Analyzers: analyzer.Analyzers(), Root: dir, Lean: true})
	if err := os.WriteFile(p, []byte("// changed since\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := string(res.Source(p)); got != before {
		t.Errorf("Source = %q, want the analyzed text %q", got, before)
	}
	if got := res.Source(filepath.Join(dir, "missing.js")); got != nil {
		t.Errorf("Source of a missing file = %q, want nil", got)
	}
}
