package driver_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/synccallchain"
)

// TestSchedule checks the order in which one worker takes the modules: a
// small module that a large one imports goes before the other small ones,
// then the large one, then the rest by size.
func TestSchedule(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string { return writeFile(t, dir, name, src) }
	big := write("big.js", "const dep = require('./dep');\n"+strings.Repeat("dep.f();\n", 500))
	dep := write("dep.js", "exports.f = () => 1;\n")
	mid := write("mid.js", strings.Repeat("a = 1;\n", 20))
	small := write("small.js", strings.Repeat("b = 1;\n", 5))

	var mu sync.Mutex
	var order []string
	record := &analysis.Analyzer{
		Name: "record",
		Doc:  "records the order in which modules are analyzed",
		Run: func(pass *analysis.Pass) (any, error) {
			mu.Lock()
			order = append(order, filepath.Base(pass.OtherFiles[0]))
			mu.Unlock()
			return nil, nil
		},
	}
	driver.Run(context.Background(), []string{small, mid, dep, big}, driver.Options{
		Analyzers: []*analysis.Analyzer{synccallchain.Analyzer, record}, // facts: imports decide the order
		Root:      dir,
		Workers:   1,
	})
	if want := []string{"dep.js", "big.js", "mid.js", "small.js"}; !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
}

// writeFile writes src to the file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
