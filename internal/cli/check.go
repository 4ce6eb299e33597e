package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/internal/baseline"
	"github.com/blockcheck/blockcheck/internal/cache"
	"github.com/blockcheck/blockcheck/internal/files"
	"github.com/blockcheck/blockcheck/internal/fingerprint"
	"github.com/blockcheck/blockcheck/internal/fix"
	"github.com/blockcheck/blockcheck/internal/report"
)

// checkAnalyzers returns the analyzers "check" runs; tests replace it.
var checkAnalyzers = analyzer.Analyzers

// checkFlags are the flags of "blockcheck check", each documented where it
// is declared.
type checkFlags struct {
	format        string
	output        string
	nodeModules   bool
	noGitignore   bool
	ignorePaths   stringList
	workers       int
	baseline      string
	writeBaseline string
	fix           bool
	fixDryRun     bool
	maxWarnings   int
	severity      string
	quiet         bool
	noColor       bool
	startup       bool
	cache         bool
	cacheLocation string
	allSyntax     bool
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

func (c *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&c.output, "o", "", "write the report to `FILE` instead of standard output")
	fs.BoolVar(&c.nodeModules, "include-node-modules", false, "also check files under node_modules folders")
	fs.BoolVar(&c.noGitignore, "no-gitignore", false, "also check files that .gitignore files exclude")
	fs.Var(&c.ignorePaths, "ignore-path", "skip files matching the gitignore-style patterns in `FILE` (relative to its folder); repeatable")
	fs.IntVar(&c.workers, "j", 0, "number of files analyzed in parallel (default: all cores)")
	fs.StringVar(&c.baseline, "baseline", "", "report only problems not recorded in the baseline `FILE`")
	fs.StringVar(&c.writeBaseline, "write-baseline", "", "record every problem found in the baseline `FILE` and exit 0")
	fs.BoolVar(&c.fix, "fix", false, "apply suggested fixes (each file replaced atomically), then check again")
	fs.BoolVar(&c.fixDryRun, "fix-dry-run", false, "print the suggested fixes as a unified diff; change nothing")
	fs.IntVar(&c.maxWarnings, "max-warnings", -1, "exit 1 on warnings only when there are more than `N`; -1: any warning fails")
	fs.StringVar(&c.severity, "severity", "info", "report only problems of at least this severity: error, warning or info")
	fs.BoolVar(&c.quiet, "quiet", false, "print the problems only: no summary, progress or notes")
	fs.BoolVar(&c.noColor, "no-color", false, "no colours (also when NO_COLOR is set); colours are used only on a terminal")
	fs.BoolVar(&c.startup, "startup", false, "also report blocking calls in start-up code, at info severity (config: \"startup\": \"report\")")
	fs.BoolVar(&c.cache, "cache", false, "reuse the findings of files unchanged since the last --cache run (with their imports, configuration and blockcheck build)")
	fs.StringVar(&c.cacheLocation, "cache-location", ".blockcheck-cache", "the cache `FILE` of --cache")
	fs.BoolVar(&c.allSyntax, "all-syntax", false, "parse every file, to report every syntax error (by default a file in which no rule can find anything is only lexed: its lexical errors are reported, not its grammar errors)")
}

// analysisKey names the options that change what the analyzers find, for
// the --cache key; options that only filter or format findings stay out.
func (c *checkFlags) analysisKey() string {
	return fmt.Sprintf("startup=%v all-syntax=%v", c.startup, c.allSyntax)
}

const checkUsage = `usage: blockcheck check [flags] [paths...]

Reports code that blocks the Node.js event loop in the JavaScript files
(.js, .mjs, .cjs) under paths (default: the current directory). Folders
named node_modules and .git are skipped, and so is what .gitignore files
exclude.

The text format is one line per problem, "path:line:col: severity: message
(rule)", sorted by path and position, each related location (a hop of a
call chain) indented beneath it, then a one-line summary; columns count
UTF-16 code units, like ESLint. Other formats: json, sarif (SARIF 2.1.0,
for code scanning), github (workflow annotations), checkstyle (XML).

Exit status: 0 no problems, 1 an error or warning reported (warnings only
past --max-warnings when it is given; info never fails), 2 usage or I/O
error (files that cannot be read are reported on stderr; the others are
still checked).

Flags:
`

// Check runs "blockcheck check".
func Check(args []string, stdout, stderr io.Writer) int {
	var c checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	minSeverity, ok := driver.ParseSeverity(c.severity)
	switch {
	case !report.Known(c.format):
		return usageError(stderr, "unknown --format %q (want %s)", c.format, strings.Join(report.Formats, ", "))
	case !ok:
		return usageError(stderr, "unknown --severity %q (want error, warning or info)", c.severity)
	case c.fix && c.fixDryRun:
		return usageError(stderr, "--fix and --fix-dry-run exclude each other")
	case c.baseline != "" && c.writeBaseline != "":
		return usageError(stderr, "--baseline and --write-baseline exclude each other")
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	r := &checkRun{flags: c, stdout: stdout, stderr: stderr, start: time.Now(), minSeverity: minSeverity}
	return r.run(paths)
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "blockcheck check: "+format+"\n", args...)
	return ExitUsage
}

// checkRun is one "blockcheck check": walk, analyze, fix, filter, report.
type checkRun struct {
	flags          checkFlags
	stdout, stderr io.Writer
	start          time.Time
	minSeverity    driver.Severity
	failed         bool // an I/O error was reported: exit 2
	cache          *cache.Cache
}

func (r *checkRun) errorf(format string, args ...any) {
	fmt.Fprintf(r.stderr, "blockcheck: "+format+"\n", args...)
	r.failed = true
}

func (r *checkRun) notef(format string, args ...any) {
	if !r.flags.quiet {
		fmt.Fprintf(r.stderr, "blockcheck: "+format+"\n", args...)
	}
}

func (r *checkRun) run(paths []string) int {
	list, walkErrs := files.Walk(paths, files.Options{
		IncludeNodeModules: r.flags.nodeModules,
		Gitignore:          !r.flags.noGitignore,
		IgnoreFiles:        r.flags.ignorePaths,
	})
	for _, e := range walkErrs {
		r.errorf("%v", e)
	}
	var progress *progressLine
	if !r.flags.quiet && isTerminal(r.stderr) {
		progress = startProgress(r.stderr, len(list), time.Second)
	}
	if r.flags.cache {
		r.cache = cache.Open(r.flags.cacheLocation, cache.ExecutableKey()+"\n"+r.flags.analysisKey())
	}
	res := r.analyze(paths, list)
	if r.flags.fix || r.flags.fixDryRun {
		if changed := r.applyFixes(res); changed && r.flags.fix {
			res = r.analyze(paths, list) // report what the fixes left
		}
	}
	progress.stop()
	if r.cache != nil {
		if err := r.cache.Save(); err != nil {
			r.notef("cannot write the cache: %v", err)
		}
	}

	var diags []driver.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Severity <= r.minSeverity {
			diags = append(diags, d)
		}
	}
	fps := fingerprint.All(diags, res.Source)
	if r.flags.writeBaseline != "" {
		if err := baseline.New(r.flags.writeBaseline, diags, fps).Write(r.flags.writeBaseline); err != nil {
			r.errorf("%v", err)
			return ExitUsage
		}
		r.notef("recorded %d problems in %s", len(diags), r.flags.writeBaseline)
		return r.exit(nil)
	}
	if r.flags.baseline != "" {
		b, err := baseline.Read(r.flags.baseline)
		if err != nil {
			r.errorf("%v", err)
			return ExitUsage
		}
		fresh, gone := b.Filter(diags, fps, list)
		kept := len(diags) - len(fresh)
		diags, fps = pick(diags, fresh), pick(fps, fresh)
		if kept > 0 {
			r.notef("%d problems recorded in %s not shown", kept, r.flags.baseline)
		}
		if gone > 0 {
			r.notef("%d baseline entries no longer match a problem (fixed, or the code changed): run --write-baseline to drop them", gone)
		}
	}
	rep := &report.Report{Diagnostics: diags, Fingerprints: fps, Files: res.Files, Elapsed: time.Since(r.start)}
	if !r.flags.fixDryRun {
		if err := r.writeReport(rep); err != nil {
			r.errorf("%v", err)
			return ExitUsage
		}
	}
	if !r.flags.quiet {
		summary := report.Summary(rep)
		if r.flags.format == "text" && r.flags.output == "" && !r.flags.fixDryRun {
			fmt.Fprintln(r.stdout, summary)
		} else {
			fmt.Fprintln(r.stderr, summary)
		}
	}
	return r.exit(diags)
}

// analyze runs the analyzers over list, or over the files the cache has
// no valid findings for.
func (r *checkRun) analyze(paths, list []string) *driver.Result {
	var cached []driver.Diagnostic
	hits := 0
	if r.cache != nil {
		var misses []string
		for _, p := range list {
			if d, ok := r.cache.Lookup(p); ok {
				cached = append(cached, d...)
				hits++
			} else {
				misses = append(misses, p)
			}
		}
		list = misses
	}
	res := driver.Run(context.Background(), list, driver.Options{
		Analyzers:  checkAnalyzers(),
		Prefilters: r.prefilters(),
		Root:       commonRoot(paths),
		Workers:    r.flags.workers,
		Startup:    r.flags.startup,
		Rules:      analyzer.Names(),
		Lean:       true, // only imports are needed after analysis (fixes and fingerprints use Result.Source)
	})
	for _, e := range res.Errors {
		r.errorf("%v", e)
	}
	if r.cache != nil {
		r.cache.Store(list, res.Diagnostics, func(p string) []string { return dependencies(res, p) })
		res.Diagnostics = append(res.Diagnostics, cached...)
		cache.Sort(res.Diagnostics)
		res.Files += hits
	}
	return res
}

// dependencies returns the in-tree modules path imports, directly or not.
// prefilters are the rules' prefilters, unless every file is to be parsed.
func (r *checkRun) prefilters() map[*analysis.Analyzer]jstokens.Filter {
	if r.flags.allSyntax {
		return nil
	}
	return analyzer.Prefilters()
}

func dependencies(res *driver.Result, path string) []string {
	seen := map[string]bool{path: true}
	var out []string
	var visit func(p string)
	visit = func(p string) {
		m, ok := res.Modules[p]
		if !ok {
			return
		}
		for _, imp := range m.Imports {
			if d := imp.Resolved; d != "" && !seen[d] {
				seen[d] = true
				out = append(out, d)
				visit(d)
			}
		}
	}
	visit(path)
	return out
}

// applyFixes applies (or, for --fix-dry-run, prints) the suggested fixes
// and reports whether any file changed.
func (r *checkRun) applyFixes(res *driver.Result) bool {
	plan := fix.Collect(res.Diagnostics)
	src := res.Source
	changed := 0
	for _, path := range plan.Files() {
		old := src(path)
		if old == nil {
			r.errorf("%s: cannot read the file to fix it", path)
			continue
		}
		new, err := fix.Apply(old, plan.Edits[path])
		if err != nil {
			r.errorf("%s: %v", path, err)
			continue
		}
		if r.flags.fixDryRun {
			fmt.Fprint(r.stdout, fix.Diff(path, old, new))
			changed++
			continue
		}
		if err := fix.WriteAtomic(path, new); err != nil {
			r.errorf("%v", err)
			continue
		}
		changed++
	}
	verb := "applied"
	if r.flags.fixDryRun {
		verb = "would apply"
	}
	r.notef("%s %d fixes in %d files", verb, plan.Fixes, changed)
	if plan.Skipped > 0 {
		r.notef("%d fixes overlap others and were left for another run", plan.Skipped)
	}
	return changed > 0
}

func (r *checkRun) writeReport(rep *report.Report) (err error) {
	w := r.stdout
	color := false
	if r.flags.output != "" {
		f, err := os.Create(r.flags.output)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, f.Close()) }()
		w = f
	} else {
		color = !r.flags.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(r.stdout)
	}
	dir, _ := os.Getwd()
	return report.Write(w, r.flags.format, rep, report.Options{Color: color, Version: Version(), Rules: analyzer.Rules(), Dir: dir})
}

// exit returns the exit status for the problems reported.
func (r *checkRun) exit(diags []driver.Diagnostic) int {
	if r.failed {
		return ExitUsage
	}
	n := report.Count(diags)
	if n.Errors > 0 || n.Warnings > 0 && (r.flags.maxWarnings < 0 || n.Warnings > r.flags.maxWarnings) {
		return ExitFindings
	}
	if n.Warnings > 0 && !r.flags.quiet {
		r.notef("%d warnings, within --max-warnings %d", n.Warnings, r.flags.maxWarnings)
	}
	return ExitClean
}

func pick[T any](xs []T, idx []int) []T {
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, xs[i])
	}
	return out
}
