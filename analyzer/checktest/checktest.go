// Package checktest runs analyzers over JavaScript fixtures and checks their
// diagnostics against "// want" comments, the way
// golang.org/x/tools/go/analysis/analysistest does for Go (which cannot
// load .js files).
//
// A fixture line that must be reported carries a comment
//
//	fs.readFileSync(p) // want "blocks the event loop"
//
// with one Go-quoted (or back-quoted) regular expression per expected
// diagnostic on that line. A regular expression may be prefixed by a rule
// name and a colon (want sync-io:"blocks") to match the rule too. Every
// expectation must be matched by a diagnostic on its line and every
// diagnostic must match an expectation.
package checktest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// TB is the part of testing.TB the harness uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

type expectation struct {
	rule string
	re   *regexp.Regexp
	hit  bool
}

// Run analyzes every .js, .mjs and .cjs file under dir together (so
// fixtures may import each other) and checks the diagnostics. It returns
// the diagnostics for further checks.
func Run(t TB, dir string, analyzers ...*analysis.Analyzer) []driver.Diagnostic {
	t.Helper()
	files, err := JSFiles(dir)
	if err != nil {
		t.Fatalf("checktest: %v", err)
		return nil
	}
	res := driver.Run(context.Background(), files, driver.Options{Analyzers: analyzers, Root: dir})
	for _, e := range res.Errors {
		t.Errorf("checktest: %v", e)
	}
	wants := map[string]map[int][]*expectation{}
	for _, f := range files {
		w, err := parseWants(f)
		if err != nil {
			t.Errorf("%v", err)
		}
		wants[f] = w
	}
	for _, d := range res.Diagnostics {
		matched := false
		for _, e := range wants[d.Path][d.Start.Line] {
			if !e.hit && (e.rule == "" || e.rule == d.Rule) && e.re.MatchString(d.Message) {
				e.hit, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected diagnostic (%s): %s", rel(dir, d.Path), d.Start.Line, d.Start.Column16, d.Rule, d.Message)
		}
	}
	for _, f := range files {
		lines := make([]int, 0, len(wants[f]))
		for l := range wants[f] {
			lines = append(lines, l)
		}
		sort.Ints(lines)
		for _, l := range lines {
			for _, e := range wants[f][l] {
				if !e.hit {
					rule := ""
					if e.rule != "" {
						rule = e.rule + ":"
					}
					t.Errorf("%s:%d: no diagnostic was reported matching %s%q", rel(dir, f), l, rule, e.re)
				}
			}
		}
	}
	return res.Diagnostics
}

func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return r
	}
	return p
}

// Corpus returns the folder named by $BLOCKCHECK_CORPUS, where tests and
// benchmarks measure against real code, or def when it is not set.
func Corpus(def string) string {
	if c := os.Getenv("BLOCKCHECK_CORPUS"); c != "" {
		return c
	}
	return def
}

// Sources reads the .js, .mjs and .cjs files under dir (JSFiles): their
// paths, their texts and their total size, for a benchmark over a corpus.
func Sources(t TB, dir string) (paths []string, srcs [][]byte, size int) {
	t.Helper()
	paths, err := JSFiles(dir)
	if err != nil {
		t.Fatalf("checktest: %v", err)
		return nil, nil, 0
	}
	srcs = make([][]byte, len(paths))
	for i, p := range paths {
		if srcs[i], err = os.ReadFile(p); err != nil {
			t.Fatalf("checktest: %v", err)
			return nil, nil, 0
		}
		size += len(srcs[i])
	}
	return paths, srcs, size
}

// JSFiles returns the .js, .mjs and .cjs files under dir (fixtures, or a
// corpus), and an error if dir cannot be walked or holds none.
func JSFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".js", ".mjs", ".cjs":
			if !d.IsDir() {
				files = append(files, p)
			}
		}
		return nil
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no JavaScript fixtures under %s", dir)
	}
	return files, err
}

var wantRE = regexp.MustCompile(`//\s*want\s+(.*)$`)

// parseWants reads the "// want" comments of a file, by line.
func parseWants(path string) (map[int][]*expectation, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[int][]*expectation{}
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rest := strings.TrimSpace(m[1])
		for rest != "" {
			rule := ""
			if k := strings.IndexAny(rest, "\"`"); k > 0 && strings.HasSuffix(rest[:k], ":") {
				rule, rest = rest[:k-1], rest[k:]
			}
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return out, fmt.Errorf("%s:%d: bad want comment %q: %v", path, i+1, m[1], err)
			}
			s, _ := strconv.Unquote(q)
			re, err := regexp.Compile(s)
			if err != nil {
				return out, fmt.Errorf("%s:%d: bad want regexp %q: %v", path, i+1, s, err)
			}
			out[i+1] = append(out[i+1], &expectation{rule: rule, re: re})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return out, nil
}
