package starvation_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/starvation"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestPrefilterShapes runs the rule over the modules of
// testdata/prefilter-shapes.txt and checks the prefilter against it: it
// keeps every module the rule reports on, and drops the modules named
// drop-*.
func TestPrefilterShapes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "prefilter-shapes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, part := range strings.Split(string(b), "\n//// ")[1:] {
		name, src, _ := strings.Cut(part, "\n")
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	res := driver.Run(context.Background(), paths, driver.Options{Analyzers: []*analysis.Analyzer{starvation.Analyzer}, Root: dir})
	reported := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Rule == "starvation" {
			reported[d.Path] = true
		}
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		kept := starvation.Prefilter(&jstokens.Tokens{Lexed: jsast.Lex(p, src)})
		name := filepath.Base(p)
		switch {
		case reported[p] && !kept:
			t.Errorf("%s: the prefilter drops a module the rule reports on", name)
		case strings.HasPrefix(name, "drop-") && (kept || reported[p]):
			t.Errorf("%s: kept %v, reported %v; want neither", name, kept, reported[p])
		}
	}
}
