// Package cli implements the blockcheck command line: check, rules,
// version. cmd/blockcheck is a thin main over it.
package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/docs"
	"github.com/blockcheck/blockcheck/internal/files"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// Version is the program version: the module version when built from a
// tagged module, else "devel".
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Check runs "blockcheck check".
func Check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	nodeModules := fs.Bool("include-node-modules", false, "also check files under node_modules folders")
	workers := fs.Int("j", 0, "number of files analyzed in parallel (default: all cores)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: blockcheck check [flags] [paths...]

Reports code that blocks the Node.js event loop in the JavaScript files
(.js, .mjs, .cjs) under paths (default: the current directory). Folders
named node_modules and .git are skipped.

Output is one line per problem, "path:line:col: severity: message (rule)",
sorted by path and position; columns count UTF-16 code units, like ESLint.

Exit status: 0 no problems, 1 problems found, 2 usage or I/O error (files
that cannot be read are reported on stderr; the others are still checked).

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "blockcheck check: unknown --format %q (want text or json)\n", *format)
		return ExitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	list, walkErrs := files.Walk(paths, files.Options{IncludeNodeModules: *nodeModules})
	res := driver.Run(context.Background(), list, driver.Options{
		Analyzers: analyzer.Analyzers(),
		Root:      commonRoot(paths),
		Workers:   *workers,
	})
	ioErrs := append(walkErrs, res.Errors...)
	for _, e := range ioErrs {
		fmt.Fprintf(stderr, "blockcheck: %v\n", e)
	}
	var err error
	switch *format {
	case "json":
		err = writeJSON(stdout, res)
	default:
		err = writeText(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return ExitUsage
	}
	switch {
	case len(ioErrs) > 0:
		return ExitUsage
	case len(res.Diagnostics) > 0:
		return ExitFindings
	}
	return ExitClean
}

// commonRoot returns the deepest directory containing every path: module
// resolution does not leave it.
func commonRoot(paths []string) string {
	var root string
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		if info, err := os.Stat(abs); err == nil && !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		if i == 0 {
			root = abs
			continue
		}
		for !strings.HasPrefix(abs+string(filepath.Separator), root+string(filepath.Separator)) {
			parent := filepath.Dir(root)
			if parent == root {
				break
			}
			root = parent
		}
	}
	if root == "" {
		return ""
	}
	// The driver sees paths as given (relative or not): confine in the same form.
	if len(paths) > 0 && !filepath.IsAbs(paths[0]) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, root); err == nil {
				return rel
			}
		}
	}
	return root
}

func writeText(w io.Writer, res *driver.Result) error {
	for _, d := range res.Diagnostics {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s (%s)\n", d.Path, d.Start.Line, d.Start.Column16, d.Severity, d.Message, d.Rule); err != nil {
			return err
		}
	}
	return nil
}

// jsonDiagnostic is the JSON schema of one problem: lines and columns are
// 1-based, columns in UTF-16 code units.
type jsonDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
}

func writeJSON(w io.Writer, res *driver.Result) error {
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Files       int              `json:"files"`
	}{Diagnostics: []jsonDiagnostic{}, Files: res.Files}
	for _, d := range res.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			File: d.Path, Line: d.Start.Line, Column: d.Start.Column16, EndLine: d.End.Line, EndColumn: d.End.Column16,
			Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Rules runs "blockcheck rules [RULE]".
func Rules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: blockcheck rules [RULE]\n\nLists every rule with a one-line summary, or prints one rule's documentation.\n")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	if fs.NArg() == 0 {
		for _, r := range analyzer.Rules() {
			fmt.Fprintf(stdout, "%-24s %-8s %s\n", r.Name, r.Severity, r.Summary)
		}
		return ExitClean
	}
	r, ok := analyzer.Lookup(fs.Arg(0))
	if !ok {
		fmt.Fprintf(stderr, "blockcheck rules: unknown rule %q (run blockcheck rules for the list)\n", fs.Arg(0))
		return ExitUsage
	}
	doc := r.Summary
	if r.Analyzer != nil && r.Analyzer.Doc != "" {
		doc = r.Analyzer.Doc
	}
	if text, ok := docs.Rule(r.Name); ok {
		doc = text
	}
	fmt.Fprintf(stdout, "%s\n", strings.TrimSpace(doc))
	return ExitClean
}
