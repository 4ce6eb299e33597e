package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/internal/report"
)

// fakeFix reports every "readFileSync(" as a warning, "statSync(" as info,
// and suggests "readFile(" for the former.
var fakeFix = &analysis.Analyzer{
	Name:     "fake_fix",
	Doc:      "test analyzer with fixes",
	Requires: []*analysis.Analyzer{jsmodule.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
		src := string(m.Src)
		for _, w := range []struct{ word, cat string }{{"readFileSync(", "fake-fix:warning"}, {"statSync(", "fake-fix:info"}} {
			for off := 0; ; {
				i := strings.Index(src[off:], w.word)
				if i < 0 {
					break
				}
				off += i
				start, end := m.Pos(off), m.Pos(off+len(w.word)-1)
				d := analysis.Diagnostic{Pos: start, End: end, Category: w.cat, Message: "found " + w.word}
				if w.word == "readFileSync(" {
					d.SuggestedFixes = []analysis.SuggestedFix{{Message: "use readFile", TextEdits: []analysis.TextEdit{{Pos: start, End: end, NewText: []byte("readFile")}}}}
				}
				pass.Report(d)
				off += len(w.word)
			}
		}
		return nil, nil
	},
}

func withFake(t *testing.T) {
	old := checkAnalyzers
	checkAnalyzers = func() []*analysis.Analyzer { return append(analyzer.Analyzers(), fakeFix) }
	t.Cleanup(func() { checkAnalyzers = old })
}

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Check(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckFormats(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bad.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('x'), 1);\n")
	code, out, _ := run("--format=sarif", dir)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != ExitFindings {
		t.Fatalf("sarif: exit %d, %v\n%s", code, err, out)
	}
	if r := log.Runs[0].Results; len(r) != 1 || r[0].RuleID != "sync-io" || r[0].PartialFingerprints["blockcheck/v1"] == "" {
		t.Errorf("sarif results %+v", r)
	}
	_, out, errs := run("--format=github", dir)
	if !strings.HasPrefix(out, "::error file=") || !strings.Contains(out, ",line=2,col=18,endLine=2,endColumn=33,title=blockcheck(sync-io)::") {
		t.Errorf("github: %s", out)
	}
	if !strings.Contains(errs, "1 problem (1 error, 0 warnings) in 1 file,") {
		t.Errorf("summary should go to stderr with machine formats: %q", errs)
	}
	_, out, _ = run("--format=checkstyle", dir)
	if err := xml.Unmarshal([]byte(out), new(struct{ XMLName xml.Name })); err != nil {
		t.Errorf("checkstyle: %v", err)
	}
	outFile := filepath.Join(dir, "out.sarif")
	if _, out, _ := run("--format=sarif", "-o", outFile, dir); out != "" {
		t.Errorf("-o: stdout %q", out)
	}
	if b, _ := os.ReadFile(outFile); !bytes.Contains(b, []byte(`"version": "2.1.0"`)) {
		t.Errorf("-o file: %s", b)
	}
	if code, _, _ := run("--severity=fatal", dir); code != ExitUsage {
		t.Errorf("bad severity: %d", code)
	}
}

func TestCheckBaseline(t *testing.T) {
	dir := t.TempDir()
	app := write(t, dir, "app.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('a'), 1);\nsetTimeout(() => fs.statSync('b'), 1);\n")
	base := filepath.Join(dir, "baseline.json")
	if code, out, errs := run("--write-baseline", base, dir); code != ExitClean || !strings.Contains(errs, "recorded 2 problems") || out != "" {
		t.Fatalf("write-baseline: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, out, _ := run("--baseline", base, dir); code != ExitClean || !strings.HasPrefix(out, "0 problems") {
		t.Errorf("unchanged code: exit %d, %q", code, out)
	}
	// Move everything down, fix one finding, add a new one.
	os.WriteFile(app, []byte("// header\nconst fs = require('fs');\n\nsetTimeout(() => fs.readFileSync('a'), 1);\nsetTimeout(() => fs.mkdirSync('c'), 1);\n"), 0o644)
	code, out, errs := run("--baseline", base, dir)
	if code != ExitFindings || strings.Count(out, "\n") != 2 || !strings.Contains(out, "fs.mkdirSync") {
		t.Errorf("after edits: exit %d, %q", code, out)
	}
	if !strings.Contains(errs, "1 baseline entries no longer match") || !strings.Contains(errs, "1 problems recorded in") {
		t.Errorf("after edits: stderr %q", errs)
	}
	if code, _, _ := run("--baseline", filepath.Join(dir, "nope.json"), dir); code != ExitUsage {
		t.Errorf("missing baseline: exit %d", code)
	}
}

func TestCheckFix(t *testing.T) {
	withFake(t)
	dir := t.TempDir()
	text := "const fs = require('fs');\nfs.readFileSync('a');\nfs.statSync('b');\n"
	p := write(t, dir, "a.js", text)
	code, out, errs := run("--fix-dry-run", dir)
	want := "--- a/" + p + "\n+++ b/" + p + "\n@@ -1,3 +1,3 @@\n const fs = require('fs');\n-fs.readFileSync('a');\n+fs.readFile('a');\n fs.statSync('b');\n"
	if out != want || !strings.Contains(errs, "would apply 1 fixes in 1 files") {
		t.Errorf("dry run: exit %d\n%s\nwant\n%s\nstderr %s", code, out, want, errs)
	}
	if b, _ := os.ReadFile(p); string(b) != text {
		t.Fatalf("dry run changed the file")
	}
	code, out, errs = run("--fix", dir)
	if b, _ := os.ReadFile(p); string(b) != strings.Replace(text, "readFileSync", "readFile", 1) {
		t.Errorf("after --fix: %q", b)
	}
	// The re-check reports what is left: the info finding, which does not fail.
	if code != ExitClean || !strings.Contains(out, "fake-fix") || strings.Contains(out, "readFileSync") || !strings.Contains(errs, "applied 1 fixes in 1 files") {
		t.Errorf("--fix: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestCheckSeverityAndWarnings(t *testing.T) {
	withFake(t)
	dir := t.TempDir()
	write(t, dir, "a.js", "fs.readFileSync('a');\nfs.readFileSync('b');\nfs.statSync('b');\n")
	if code, out, _ := run(dir); code != ExitFindings || !strings.Contains(out, "3 problems (0 errors, 2 warnings, 1 info)") {
		t.Errorf("default: exit %d %q", code, out)
	}
	if code, _, _ := run("--max-warnings=2", dir); code != ExitClean {
		t.Errorf("--max-warnings=2 with 2 warnings: exit %d", code)
	}
	if code, _, _ := run("--max-warnings=1", dir); code != ExitFindings {
		t.Errorf("--max-warnings=1 with 2 warnings: exit %d", code)
	}
	if code, out, _ := run("--severity=error", dir); code != ExitClean || !strings.HasPrefix(out, "0 problems") {
		t.Errorf("--severity=error: exit %d %q", code, out)
	}
	if _, out, _ := run("--severity=warning", dir); strings.Contains(out, "statSync") {
		t.Errorf("--severity=warning kept info: %q", out)
	}
	if _, out, errs := run("--quiet", "--max-warnings=5", dir); strings.Contains(out, "problems") || errs != "" {
		t.Errorf("--quiet: %q %q", out, errs)
	}
	var doc report.JSONOutput
	_, out, _ := run("--format=json", dir)
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Diagnostics) != 3 || len(doc.Diagnostics[0].Fixes) != 1 {
		t.Errorf("json: %v %+v", err, doc)
	}
}

func TestCheckGitignore(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	write(t, dir, ".gitignore", "dist/\n")
	write(t, dir, "dist/bundle.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('a'), 1);\n")
	write(t, dir, "gen/x.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('a'), 1);\n")
	ign := write(t, dir, "custom.ignore", "gen/\n")
	if code, out, _ := run("--ignore-path", ign, dir); code != ExitClean || !strings.Contains(out, "in 0 files") {
		t.Errorf("ignored: exit %d %q", code, out)
	}
	if _, out, _ := run("--no-gitignore", dir); !strings.Contains(out, "2 problems") {
		t.Errorf("--no-gitignore: %q", out)
	}
}

func TestCheckCache(t *testing.T) {
	dir := t.TempDir()
	app := write(t, dir, "app.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('a'), 1);\n")
	write(t, dir, "ok.js", "console.log(1);\n")
	loc := filepath.Join(dir, "cache")
	_, first, _ := run("--cache", "--cache-location", loc, dir)
	if _, err := os.Stat(loc); err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	_, second, _ := run("--cache", "--cache-location", loc, dir)
	cut := func(s string) string { return s[:strings.LastIndex(s, ", ")] } // drop the time
	if cut(first) != cut(second) || !strings.Contains(second, "1 problem (1 error, 0 warnings) in 2 files") {
		t.Errorf("cached run differs:\n%s\n%s", first, second)
	}
	os.WriteFile(app, []byte("const fs = require('fs');\nsetTimeout(() => fs.statSync('a'), 1);\n"), 0o644)
	if _, third, _ := run("--cache", "--cache-location", loc, dir); !strings.Contains(third, "fs.statSync") || strings.Contains(third, "readFileSync") {
		t.Errorf("stale cache: %s", third)
	}
}
