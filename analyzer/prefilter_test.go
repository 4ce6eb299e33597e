package analyzer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestPrefilters checks the rules' prefilters against the rules: on every
// fixture (each rule's testdata, the demo, and $BLOCKCHECK_CORPUS when
// set), every finding of a rule is in a module its prefilter keeps, and a
// run that skips the modules no prefilter keeps reports exactly what a
// run that parses every module reports, syntax errors apart.
func TestPrefilters(t *testing.T) {
	roots, _ := filepath.Glob(filepath.Join("*", "testdata"))
	roots = append(roots, filepath.Join("..", "testdata"))
	if c := os.Getenv("BLOCKCHECK_CORPUS"); c != "" {
		roots = append(roots, c)
	}
	rules := map[string]jstokens.Prefilter{}
	for _, r := range analyzer.Rules() {
		if r.Prefilter != nil {
			rules[r.Name] = r.Prefilter
		}
	}
	for _, root := range roots {
		root, _ := filepath.Abs(root)
		paths, err := checktest.JSFiles(root)
		if err != nil {
			t.Fatal(err)
		}
		opt := driver.Options{Analyzers: analyzer.Analyzers(), Root: root, Rules: analyzer.Names(), Lean: true}
		all := driver.Run(context.Background(), paths, opt)
		opt.Prefilters = analyzer.Prefilters()
		some := driver.Run(context.Background(), paths, opt)
		kept := map[string]bool{}
		for _, d := range all.Diagnostics {
			f, ok := rules[d.Rule]
			if !ok || kept[d.Path+" "+d.Rule] || d.Rule == "sync-call-chain" && elsewhere(d) {
				continue // a chain through imported facts: the driver keeps those modules
			}
			src, err := os.ReadFile(d.Path)
			if err != nil {
				t.Fatal(err)
			}
			if !f(&jstokens.Tokens{Lexed: jsast.Lex(d.Path, src), ReadFile: os.ReadFile}) {
				t.Errorf("%s:%d: the %s prefilter drops a module with a finding: %s", d.Path, d.Span.Start, d.Rule, d.Message)
			}
			kept[d.Path+" "+d.Rule] = true
		}
		if got, want := findings(some), findings(all); !slices.Equal(got, want) {
			t.Errorf("%s: with prefilters, %d findings; without, %d:\n%s", root, len(got), len(want), diff(got, want))
		}
		if some.Files != all.Files {
			t.Errorf("%s: with prefilters, %d files; without, %d", root, some.Files, all.Files)
		}
	}
}

func findings(r *driver.Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		if d.Rule != "syntax" {
			out = append(out, fmt.Sprintf("%s:%d %s %s", d.Path, d.Span.Start, d.Rule, d.Message))
		}
	}
	return out
}

func diff(got, want []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "missing: %s\n", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "extra: %s\n", g)
		}
	}
	return b.String()
}

// elsewhere reports whether a finding's related locations leave its file.
func elsewhere(d driver.Diagnostic) bool {
	for _, r := range d.Related {
		if r.Path != d.Path {
			return true
		}
	}
	return false
}

// TestLexical checks that a module whose findings the tokens decide is
// reported without a parse, at the positions a parse gives.
func TestLexical(t *testing.T) {
	path, _ := filepath.Abs(filepath.Join("redos", "testdata", "literals.js"))
	opt := driver.Options{Analyzers: analyzer.Analyzers(), Rules: analyzer.Names()}
	all := driver.Run(context.Background(), []string{path}, opt)
	opt.Prefilters = analyzer.Prefilters()
	some := driver.Run(context.Background(), []string{path}, opt)
	if m := some.Modules[path]; m == nil || m.Module != nil {
		t.Fatalf("literals.js was parsed; want it only lexed")
	}
	if all.Modules[path].Module == nil {
		t.Fatalf("literals.js was not parsed without prefilters")
	}
	if len(some.Diagnostics) != 2 || !slices.EqualFunc(some.Diagnostics, all.Diagnostics, func(a, b driver.Diagnostic) bool {
		return a.Location == b.Location && a.Rule == b.Rule && a.Severity == b.Severity && a.Message == b.Message
	}) {
		t.Errorf("lexed: %v\nparsed: %v", some.Diagnostics, all.Diagnostics)
	}
}

// TestPrefilterPanics checks that a prefilter that panics costs a parse,
// not the run: the module is analyzed as without prefilters.
func TestPrefilterPanics(t *testing.T) {
	path, _ := filepath.Abs(filepath.Join("redos", "testdata", "literals.js"))
	opt := driver.Options{Analyzers: analyzer.Analyzers(), Rules: analyzer.Names()}
	all := driver.Run(context.Background(), []string{path}, opt)
	opt.Prefilters = analyzer.Prefilters()
	for a, f := range opt.Prefilters {
		f.Keep = func(*jstokens.Tokens) bool { panic("bug") }
		opt.Prefilters[a] = f
	}
	some := driver.Run(context.Background(), []string{path}, opt)
	if m := some.Modules[path]; m == nil || m.Module == nil {
		t.Fatalf("literals.js was not parsed after its prefilters panicked")
	}
	if got, want := findings(some), findings(all); !slices.Equal(got, want) {
		t.Errorf("after panicking prefilters, %d findings; without prefilters, %d:\n%s", len(got), len(want), diff(got, want))
	}
}

// BenchmarkPrefilter times each rule's prefilter alone over the modules of
// $BLOCKCHECK_CORPUS (default: the rules' fixtures). As in a check, each
// module is lexed right before its prefilter runs (its tokens are warm in
// the cache), and a rule's Lexical test follows when the prefilter keeps
// the module; the prefilter-ms metric is the time in those two alone. The
// scans prefilters share (jstokens.Tokens.Memo) are counted for each.
//
//	BLOCKCHECK_CORPUS=DIR go test ./analyzer -run XXX -bench Prefilter
func BenchmarkPrefilter(b *testing.B) {
	paths, srcs, size := checktest.Sources(b, checktest.Corpus("."))
	configs := &config.Loader{ReadFile: os.ReadFile} // shared, as in the driver
	for _, r := range analyzer.Rules() {
		if r.Prefilter == nil {
			continue
		}
		b.Run(r.Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			kept, runs := 0, 0
			var spent time.Duration
			for b.Loop() {
				kept = 0
				for i, p := range paths {
					t := &jstokens.Tokens{Lexed: jsast.Lex(p, srcs[i]), ReadFile: os.ReadFile, Config: configs.For}
					start := time.Now()
					if r.Prefilter(t) {
						kept++
						if r.Lexical != nil {
							r.Lexical(t)
						}
					}
					spent += time.Since(start)
					t.Release()
				}
				runs++
			}
			b.ReportMetric(float64(kept), "kept")
			b.ReportMetric(spent.Seconds()*1000/float64(runs), "prefilter-ms")
		})
	}
}

// TestElision checks that a check parses less of a module whose blocking
// calls are reached through the links jstokens.Tokens.Elidable follows,
// and finds the same: every finding, with its related locations, as a run
// that parses every module whole; and that the module's imports still
// include those of the bodies left out (a --cache key depends on them).
func TestElision(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("jstokens", "testdata", "elide"))
	paths, err := checktest.JSFiles(root)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s: %v", root, err)
	}
	opt := driver.Options{Analyzers: analyzer.Analyzers(), Root: root, Rules: analyzer.Names()}
	all := driver.Run(context.Background(), paths, opt)
	opt.Prefilters = analyzer.Prefilters()
	some := driver.Run(context.Background(), paths, opt)
	if len(all.Diagnostics) == 0 {
		t.Fatalf("no findings in %s", root)
	}
	if got, want := withRelated(some), withRelated(all); !slices.Equal(got, want) {
		t.Errorf("with elision, %d findings; without, %d:\n%s", len(got), len(want), diff(got, want))
	}
	for _, p := range paths {
		whole, part := all.Modules[p], some.Modules[p]
		if whole == nil || part == nil || whole.Module == nil {
			t.Fatalf("%s: missing from a run", p)
		}
		if filepath.Base(p) == "util.js" {
			if part.Module != nil {
				t.Errorf("%s: parsed, though nothing in it can be reported", p)
			}
		} else if part.Module == nil {
			t.Errorf("%s: not parsed with prefilters", p)
		} else if n, m := len(part.Module.Nodes()), len(whole.Module.Nodes()); n >= m {
			t.Errorf("%s: %d nodes with elision, %d without: nothing elided", p, n, m)
		}
		for _, imp := range whole.Imports {
			if imp.Resolved != "" && !slices.ContainsFunc(part.Imports, func(i resolve.Import) bool { return i.Resolved == imp.Resolved }) {
				t.Errorf("%s: with elision, its import of %s is missing", p, imp.Resolved)
			}
		}
	}
}

// withRelated renders findings with their related locations.
func withRelated(r *driver.Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		s := fmt.Sprintf("%s:%v %s %s", d.Path, d.Start, d.Rule, d.Message)
		for _, rel := range d.Related {
			s += fmt.Sprintf("\n\t%s:%v %s", rel.Path, rel.Start, rel.Message)
		}
		out = append(out, s)
	}
	return out
}
