// Package cli implements the blockcheck command line: check (check.go),
// rules, version. cmd/blockcheck is a thin main over it.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/docs"
	"github.com/blockcheck/blockcheck/looprt/cost"
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

// Rules runs "blockcheck rules [RULE]".
func Rules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	costs := fs.Bool("costs", false, "print the timing table the cost estimates come from, with each row's source")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: blockcheck rules [--costs] [RULE]\n\nLists every rule with a one-line summary, or prints one rule's documentation.\n--costs prints the timing table (looprt/cost) behind busy-wait, cpu-loop and starvation.\n")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	if *costs {
		if err := cost.Default().Render(stdout); err != nil {
			fmt.Fprintln(stderr, "blockcheck rules:", err)
			return ExitUsage
		}
		return ExitClean
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
