package analyzer_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// FuzzRules runs every rule over arbitrary text served as one module, as
// an editor runs them and as check does (with prefilters): no analyzer may
// panic (the driver turns a panic into an "internal error"
// diagnostic, which fails here) and every position must lie in the file.
func FuzzRules(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("*", "testdata", "*.js"))
	more, _ := filepath.Glob(filepath.Join("*", "testdata", "*", "*.*js"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<16 {
			f.Add(b)
		}
	}
	f.Add([]byte("while (Date.now() < end) {}"))
	f.Add([]byte("process.nextTick(function f() { process.nextTick(f) })"))
	analyzers, prefilters := analyzer.Analyzers(), analyzer.Prefilters()
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "/fuzz/main.js"
		readFile := func(p string) ([]byte, error) {
			if p == path {
				return src, nil
			}
			return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
		}
		opt := driver.Options{Analyzers: analyzers, ReadFile: readFile, Root: "/fuzz"}
		check(t, src, driver.Run(context.Background(), []string{path}, opt))
		// As check runs them: prefilters, and rules on tokens alone. The
		// driver keeps a module whose prefilter panics; here it must not.
		toks := &jstokens.Tokens{Lexed: jsast.Lex(path, src), ReadFile: readFile}
		for _, f := range prefilters {
			if f.Keep(toks) && f.Lexical != nil {
				f.Lexical(toks)
			}
		}
		opt.Prefilters = prefilters
		check(t, src, driver.Run(context.Background(), []string{path}, opt))
	})
}

func check(t *testing.T, src []byte, res *driver.Result) {
	for _, e := range res.Errors {
		if !errors.Is(e, fs.ErrNotExist) {
			t.Errorf("run error: %v", e)
		}
	}
	for _, d := range res.Diagnostics {
		if d.Span.Start < 0 || d.Span.End > len(src) || d.Span.Start > d.Span.End {
			t.Errorf("%s: span %v outside a %d-byte file: %s", d.Rule, d.Span, len(src), d.Message)
		}
		if len(d.Message) > 13 && d.Message[:14] == "internal error" {
			t.Errorf("%s crashed: %s", d.Rule, d.Message)
		}
	}
}
