// Package report writes the findings of "blockcheck check" in the formats
// CI systems and editors read: text (people), json (scripts), sarif (code
// scanning), github (workflow annotations) and checkstyle (Jenkins and
// other XML consumers). One file per format; this one holds what they
// share.
package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// Formats lists the --format values, the default first.
var Formats = []string{"text", "json", "sarif", "github", "checkstyle"}

// Report is what a run found, after filtering.
type Report struct {
	Diagnostics  []driver.Diagnostic
	Fingerprints []string // one per diagnostic (see internal/fingerprint)
	Files        int      // files checked
	Elapsed      time.Duration
}

// Options affect how a report is written.
type Options struct {
	Color   bool            // text only: ANSI colours
	Version string          // tool version, for sarif
	Rules   []analyzer.Rule // rule metadata, for sarif
	Dir     string          // working directory: sarif URIs are relative to it
}

// Write writes r in format (one of Formats).
func Write(w io.Writer, format string, r *Report, opt Options) error {
	switch format {
	case "text":
		return writeText(w, r, opt)
	case "json":
		return writeJSON(w, r)
	case "sarif":
		return writeSARIF(w, r, opt)
	case "github":
		return writeGitHub(w, r, opt)
	case "checkstyle":
		return writeCheckstyle(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Known reports whether format is one of Formats.
func Known(format string) bool {
	for _, f := range Formats {
		if f == format {
			return true
		}
	}
	return false
}

// Counts tallies diagnostics by severity.
type Counts struct{ Errors, Warnings, Infos int }

// Count returns the severity counts of diags.
func Count(diags []driver.Diagnostic) Counts {
	var c Counts
	for _, d := range diags {
		switch d.Severity {
		case driver.Error:
			c.Errors++
		case driver.Warning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

// Summary is the one-line summary:
// "12 problems (3 errors, 9 warnings) in 1,204 files, 0.41 s".
func Summary(r *Report) string {
	c := Count(r.Diagnostics)
	n := len(r.Diagnostics)
	parts := []string{plural(c.Errors, "error"), plural(c.Warnings, "warning")}
	if c.Infos > 0 {
		parts = append(parts, fmt.Sprintf("%s info", thousands(c.Infos)))
	}
	return fmt.Sprintf("%s (%s) in %s, %.2f s", plural(n, "problem"), strings.Join(parts, ", "), plural(r.Files, "file"), r.Elapsed.Seconds())
}

func plural(n int, word string) string {
	if n != 1 {
		word += "s"
	}
	return thousands(n) + " " + word
}

// thousands formats n with comma separators: 1,204.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// relPath returns path relative to dir when it lies under it, else as is.
func relPath(dir, path string) string {
	if dir == "" || !filepath.IsAbs(path) {
		return path
	}
	if rel, err := filepath.Rel(dir, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return path
}

// relURI returns path as a URI reference relative to dir when it lies
// under it (forward slashes, escaped), else as an absolute file URI.
func relURI(dir, path string) (uri string, relative bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if dir != "" {
		if rel, err := filepath.Rel(dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), true
		}
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), false
}
