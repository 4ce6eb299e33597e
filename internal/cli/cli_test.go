package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/internal/files"
	"github.com/blockcheck/blockcheck/internal/report"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckMixedTree(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.js", "const fs = require('fs');\nfs.readFile('x', () => {});\n")
	write(t, dir, "bad.js", "const fs = require('fs');\nsetTimeout(() => fs.readFileSync('x'), 1);\n")
	write(t, dir, "broken.js", "const x = ;\n")
	write(t, dir, "unclosed.js", "f(a, b;\n") // a lexical error: reported without --all-syntax too
	write(t, dir, "astral.js", "const s = '😀'; const fs = require('fs'); setTimeout(() => { fs.statSync(s) });\n")
	unreadable := write(t, dir, "secret.js", "x")
	os.Chmod(unreadable, 0)
	canDeny := runtime.GOOS != "windows" && os.Getuid() != 0
	// Unreadable even as root: a link to nothing.
	if err := os.Symlink(filepath.Join(dir, "gone.js"), filepath.Join(dir, "dangling.js")); err != nil {
		t.Fatal(err)
	}

	var out, errb bytes.Buffer
	code := Check([]string{"--format=json", "--all-syntax", dir}, &out, &errb)
	var got struct {
		Diagnostics []report.JSONDiagnostic `json:"diagnostics"`
		Files       int                     `json:"files"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out.String())
	}
	byRule := map[string][]report.JSONDiagnostic{}
	for _, d := range got.Diagnostics {
		byRule[d.Rule] = append(byRule[d.Rule], d)
	}
	if len(byRule["syntax"]) != 2 || byRule["syntax"][0].Line != 1 || byRule["syntax"][0].Column != 11 || !strings.HasSuffix(byRule["syntax"][1].File, "unclosed.js") {
		t.Errorf("syntax diagnostics %+v, want one at broken.js:1:11 and one in unclosed.js", byRule["syntax"])
	}
	// Without --all-syntax, broken.js (no candidate for any rule, a
	// grammar error) is only lexed; unclosed.js does not lex.
	out.Reset()
	Check([]string{"--format=json", dir}, &out, &errb)
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out.String())
	}
	var syntax []string
	for _, d := range got.Diagnostics {
		if d.Rule == "syntax" {
			syntax = append(syntax, filepath.Base(d.File))
		}
	}
	if len(syntax) != 1 || syntax[0] != "unclosed.js" {
		t.Errorf("without --all-syntax, syntax errors in %v, want [unclosed.js]", syntax)
	}
	if len(byRule["sync-io"]) != 2 {
		t.Fatalf("sync-io diagnostics %+v, want 2", byRule["sync-io"])
	}
	// In astral.js the emoji is two UTF-16 units and four bytes:
	// fs.statSync starts at UTF-16 column 62.
	for _, d := range byRule["sync-io"] {
		if strings.HasSuffix(d.File, "astral.js") && (d.Column != 62 || d.EndColumn != 73) {
			t.Errorf("astral.js: columns %d-%d, want 62-73 (UTF-16)", d.Column, d.EndColumn)
		}
	}
	if code != ExitUsage || !strings.Contains(errb.String(), "dangling.js") || !strings.Contains(errb.String(), "no such file") {
		t.Errorf("exit %d, stderr %q: want 2 and the dangling link named with its reason", code, errb.String())
	}
	if canDeny {
		if code != ExitUsage || !strings.Contains(errb.String(), "secret.js") || !strings.Contains(errb.String(), "permission denied") {
			t.Errorf("exit %d, stderr %q: want 2 and the unreadable file named with its reason", code, errb.String())
		}
		if got.Files != 4 {
			t.Errorf("files = %d, want 4 (the unreadable one excluded)", got.Files)
		}
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := write(t, dir, "clean.js", "console.log(1)\n")
	var out, errb bytes.Buffer
	if code := Check([]string{clean}, &out, &errb); code != ExitClean || !strings.HasPrefix(out.String(), "0 problems (0 errors, 0 warnings) in 1 file, ") {
		t.Errorf("clean file: exit %d, output %q", code, out.String())
	}
	dirty := write(t, dir, "dirty.js", "const fs = require('fs');\nprocess.on('message', () => fs.mkdirSync('d'));\n")
	out.Reset()
	if code := Check([]string{dirty}, &out, &errb); code != ExitFindings {
		t.Errorf("dirty file: exit %d", code)
	}
	if want := "dirty.js:2:29: error: fs.mkdirSync blocks the event loop in the callback passed to process.on"; !strings.Contains(out.String(), want) {
		t.Errorf("text output %q lacks %q", out.String(), want)
	}
	if code := Check([]string{"--format=xml", dir}, &out, &errb); code != ExitUsage {
		t.Errorf("bad format: exit %d", code)
	}
	if code := Check([]string{"--no-such-flag"}, &out, &errb); code != ExitUsage {
		t.Errorf("bad flag: exit %d", code)
	}
	errb.Reset()
	if code := Check([]string{filepath.Join(dir, "missing")}, &out, &errb); code != ExitUsage || !strings.Contains(errb.String(), "no such file") {
		t.Errorf("missing path: exit %d, stderr %q", code, errb.String())
	}
}

func TestRules(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Rules(nil, &out, &errb); code != ExitClean || !strings.Contains(out.String(), "sync-io") {
		t.Errorf("rules: %d %q", code, out.String())
	}
	out.Reset()
	if code := Rules([]string{"sync-io"}, &out, &errb); code != ExitClean || !strings.Contains(out.String(), "# sync-io") {
		t.Errorf("rules sync-io: %d %q", code, out.String())
	}
	if code := Rules([]string{"nope"}, &out, &errb); code != ExitUsage {
		t.Errorf("unknown rule: %d", code)
	}
}

func filesUnder(root string) ([]string, []error) {
	return files.Walk([]string{root}, files.Options{IncludeNodeModules: true})
}
