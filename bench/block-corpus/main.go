// Command block-corpus measures blockcheck's rules against the labeled
// event-loop blocking corpus (default: ../shared/corpus/block/programs).
//
// Every "// expect: RULE" line is a positive: a finding of RULE on it is a
// true positive, its absence a false negative. A finding of a rule on any
// other line is a false positive, except on "// chain-sink:" lines (neutral)
// and info-severity (start-up) findings on "// ok:" lines whose context is
// top-level or cli. It prints precision and recall per rule and overall;
// rules that blockcheck does not implement yet are listed, not scored.
//
//	go run ./bench/block-corpus [-v] [-startup] [DIR]
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// labelRE is the corpus grammar for an annotated line.
var labelRE = regexp.MustCompile(`//\s*(expect|ok|chain-sink):\s*([a-z-]+)(?:\s+\(([a-z-]+)\))?\s*(.*)$`)

type label struct {
	kind, rule, context string
}

type key struct {
	file string
	line int
}

type score struct{ tp, fp, fn int }

func (s score) String() string {
	ratio := func(a, b int) string {
		if b == 0 {
			return "  n/a"
		}
		return fmt.Sprintf("%.3f", float64(a)/float64(b))
	}
	return fmt.Sprintf("precision %s  recall %s  (tp %d, fp %d, fn %d)", ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
}

// corpusRules are the rules the corpus labels, in its README's order.
var corpusRules = []string{"sync-io", "sync-process", "sync-crypto", "sync-zlib", "busy-wait", "cpu-loop", "redos", "starvation", "atomics-wait", "sync-call-chain"}

func main() {
	verbose := flag.Bool("v", false, "list every false positive and false negative")
	startup := flag.Bool("startup", false, "also report start-up code (at info severity), as --startup does")
	flag.Parse()
	dir := "../shared/corpus/block/programs"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	files, labels, err := load(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "block-corpus:", err)
		os.Exit(2)
	}
	implemented := map[string]bool{}
	for _, r := range analyzer.Rules() {
		implemented[r.Name] = r.Analyzer != nil
	}
	res := driver.Run(context.Background(), files, driver.Options{Analyzers: analyzer.Analyzers(), Prefilters: analyzer.Prefilters(), Root: dir, Startup: *startup})
	for _, e := range res.Errors {
		fmt.Fprintln(os.Stderr, "block-corpus:", e)
	}

	scores := map[string]*score{}
	for _, r := range corpusRules {
		scores[r] = &score{}
	}
	found := map[key]map[string]bool{}
	var problems []string
	for _, d := range res.Diagnostics {
		s, ok := scores[d.Rule]
		if !ok {
			continue // syntax and other non-blocking rules
		}
		k := key{rel(dir, d.Path), d.Start.Line}
		if found[k] == nil {
			found[k] = map[string]bool{}
		}
		if found[k][d.Rule] {
			continue
		}
		found[k][d.Rule] = true
		l, labeled := labels[k]
		switch {
		case labeled && l.kind == "expect" && l.rule == d.Rule:
			s.tp++
		case labeled && l.kind == "chain-sink":
		case labeled && l.kind == "ok" && d.Severity == driver.Info && (l.context == "top-level" || l.context == "cli"):
		default:
			s.fp++
			problems = append(problems, fmt.Sprintf("FP %s:%d: %s: %s", k.file, k.line, d.Rule, d.Message))
		}
	}
	for k, l := range labels {
		if l.kind == "expect" && !found[k][l.rule] {
			if s, ok := scores[l.rule]; ok {
				s.fn++
				problems = append(problems, fmt.Sprintf("FN %s:%d: %s (%s)", k.file, k.line, l.rule, l.context))
			}
		}
	}
	sort.Strings(problems)
	if *verbose {
		for _, p := range problems {
			fmt.Println(p)
		}
		fmt.Println()
	}

	fmt.Printf("%d files, %d labeled lines\n", len(files), len(labels))
	var all score
	var missing []string
	for _, r := range corpusRules {
		if !implemented[r] {
			missing = append(missing, r)
			continue
		}
		s := scores[r]
		all.tp, all.fp, all.fn = all.tp+s.tp, all.fp+s.fp, all.fn+s.fn
		fmt.Printf("%-16s %s\n", r, s)
	}
	fmt.Printf("%-16s %s\n", "overall", all)
	if len(missing) > 0 {
		fmt.Printf("not yet implemented (not scored): %s\n", strings.Join(missing, ", "))
	}
}

// load lists the JavaScript files under dir and their labels.
func load(dir string) ([]string, map[key]label, error) {
	var files []string
	labels := map[key]label{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		switch filepath.Ext(p) {
		case ".js", ".mjs", ".cjs":
		default:
			return nil
		}
		files = append(files, p)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			if m := labelRE.FindStringSubmatch(sc.Text()); m != nil {
				labels[key{rel(dir, p), line}] = label{kind: m[1], rule: m[2], context: m[3]}
			}
		}
		return sc.Err()
	})
	return files, labels, err
}

func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}
