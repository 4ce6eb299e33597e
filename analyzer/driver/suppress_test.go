package driver_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/syncio"
	"github.com/blockcheck/blockcheck/analyzer/syncprocess"
	"github.com/blockcheck/blockcheck/analyzer/synczlib"
)

func TestSuppressionComments(t *testing.T) {
	checktest.Run(t, "testdata/suppress", syncio.Analyzer, syncprocess.Analyzer)
}

// check runs the blocking rules over the .js files of dir and its
// subfolders and returns "file:line rule severity" for each diagnostic.
func check(t *testing.T, dir string, opt driver.Options) ([]string, *driver.Result) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.js"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*.js"))
	opt.Analyzers = []*analysis.Analyzer{syncio.Analyzer, syncprocess.Analyzer, synczlib.Analyzer}
	opt.Root = dir
	res := driver.Run(context.Background(), append(files, more...), opt)
	var got []string
	for _, d := range res.Diagnostics {
		rel, _ := filepath.Rel(dir, d.Path)
		got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.ToSlash(rel), d.Start.Line, d.Rule, d.Severity))
	}
	return got, res
}

func TestConfig(t *testing.T) {
	got, res := check(t, "testdata/config", driver.Options{})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	want := []string{
		"app.js:6 sync-io warning",   // "sync-io": "warning"
		"app.js:8 sync-io warning",   // "blocking": {"my-db": ["querySync"]}
		"app.js:9 sync-zlib error",   // {"legacy-zip": {"packSync": "sync-zlib"}}
		"sub/boot.js:3 sync-io info", // package.json "startup": "report", nearest to the file
		"sub/boot.js:4 sync-process error",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStartupOption(t *testing.T) {
	got, _ := check(t, "testdata/badconfig", driver.Options{Startup: true})
	// The configuration is invalid: defaults apply, the option still does.
	want := []string{"app.js:2 sync-io error"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	got, _ = check(t, "testdata/config/sub", driver.Options{Startup: true})
	want = []string{"boot.js:3 sync-io info", "boot.js:4 sync-process error"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConfigErrors(t *testing.T) {
	_, res := check(t, "testdata/badconfig", driver.Options{})
	if len(res.Errors) != 1 {
		t.Fatalf("want one error, got %v", res.Errors)
	}
	msg := res.Errors[0].Error()
	for _, part := range []string{filepath.Join("testdata", "badconfig", "package.json"), `"blockcheck.rules.sync-io"`, "loud"} {
		if !strings.Contains(msg, part) {
			t.Errorf("error %q does not name %s", msg, part)
		}
	}
	_, res = check(t, "testdata/config", driver.Options{Rules: []string{"sync-io", "sync-zlib"}})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), `"rules.sync-process": unknown rule`) {
		t.Errorf("want an unknown-rule error for sync-process, got %v", res.Errors)
	}
}
