package driver

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/internal/files"
	"github.com/blockcheck/blockcheck/jsast"
)

// Severity of a diagnostic.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Info
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "error"
}

// ParseSeverity parses "error", "warning" (or "warn") and "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning", "warn":
		return Warning, true
	case "info":
		return Info, true
	}
	return Error, false
}

// Location is a span in a file with its converted positions.
type Location struct {
	Path       string
	Span       jsast.Span
	Start, End jsast.Position
}

// Related is a secondary location, such as one hop of a call chain.
type Related struct {
	Location
	Message string
}

// Edit replaces a span of a file.
type Edit struct {
	Location
	NewText string
}

// Fix is a suggested fix: edits to apply together.
type Fix struct {
	Message string
	Edits   []Edit
}

// Diagnostic is a finding of a rule, in a form formatters and the language
// server use directly.
type Diagnostic struct {
	Location
	Rule     string
	Severity Severity
	Message  string
	Related  []Related
	Fixes    []Fix
}

// Options configure a run.
type Options struct {
	// Analyzers to run. jsmodule.Analyzer and other requirements are added.
	Analyzers []*analysis.Analyzer
	// ReadFile reads a file; nil means files.ReadFile. An editor passes one that
	// serves unsaved buffers.
	ReadFile func(path string) ([]byte, error)
	// Root confines file access for module resolution: paths outside it
	// read as missing. Empty means no confinement.
	Root string
	// Workers is the number of modules analyzed at once; 0 means GOMAXPROCS.
	Workers int
	// Severity maps a rule and a file to its severity and whether the rule
	// is on there; nil means every rule on at the severity it reports.
	Severity func(rule, path string, reported Severity) (Severity, bool)
	// Startup reports blocking calls in start-up code, at info severity
	// (configuration: "startup": "report"); see config.go.
	Startup bool
	// Lean frees each module's syntax tree as soon as its diagnostics are
	// converted: Result.Modules then keep only their imports. A command-line
	// run over a large tree sets it; an editor that serves hover and other
	// features from the trees does not.
	Lean bool
	// Rules names every rule that exists, for checking suppression
	// comments and configuration; empty means the analyzers' rules.
	Rules []string
	// Prefilters, when set, lets the driver skip the parse of a module
	// that no analyzer can report on: the module is lexed, and parsed
	// only if its tokens are incomplete, it mentions blockcheck (a
	// suppression comment), it imports a module with facts, or the
	// prefilter of some analyzer on there keeps it and cannot find
	// everything from the tokens alone (Filter.Lexical). An analyzer
	// without a prefilter always needs the parse. An analyzer whose
	// filter finds everything from the tokens runs on them (its
	// jsmodule.Module has no syntax tree), also when the module is parsed
	// for others; if that parse fails, its findings are dropped, like
	// those of the analyzers that need the tree. A module that is not
	// parsed has no syntax tree, so its grammar errors (as opposed to its
	// lexical ones) go unreported: a command-line run sets this; an
	// editor, which serves hover from the trees, does not. A module the
	// prefilters keep is parsed without the function bodies that none of
	// its analyzers needs, when each says what it follows
	// (Filter.Relevant): its Result.Modules entry then also lists, with
	// no node, the in-tree imports of those bodies.
	Prefilters map[*analysis.Analyzer]jstokens.Filter
}

// Result of a run.
type Result struct {
	Diagnostics []Diagnostic // sorted by path and position
	Files       int          // modules analyzed and reported on
	Errors      []error      // files that could not be read, with their reasons
	Modules     map[string]*jsmodule.Module
	// Source returns the text of a file as the run read it (reading it
	// now if the run did not), or nil if it cannot be read: what
	// positions and fixes refer to, without reading the file again.
	Source func(path string) []byte
}

// RuleOf returns the rule name of an analyzer: its name with _ spelled -.
func RuleOf(a *analysis.Analyzer) string { return strings.ReplaceAll(a.Name, "_", "-") }

// Run analyzes the modules at paths (files, not directories).
func Run(ctx context.Context, paths []string, opt Options) *Result {
	r := newRun(opt)
	return r.run(ctx, paths)
}

type unit struct {
	path    string
	report  bool
	mod     *jsmodule.Module
	pkg     *types.Package
	deps    []*unit
	results map[*analysis.Analyzer]any
	facts   map[reflect.Type]analysis.Fact
	diags   []analysis.Diagnostic
	diagsBy []*analysis.Analyzer
	failed  bool
	skipped bool                        // not parsed: no analyzer needed the syntax tree
	elided  bool                        // parsed without the function bodies no analyzer needed (elide)
	lexical []*analysis.Analyzer        // the analyzers whose findings the tokens decide (see candidate)
	dropped map[*analysis.Analyzer]bool // analyzers whose prefilters show they cannot report here
	index   int                         // Tarjan
	low     int
	onStack bool

	suppress *suppressions // the module's suppression comments (suppress.go)
	out      []Diagnostic  // converted diagnostics (finish)
	size     int           // bytes, to start large modules first
	comp     int           // index of its strongly connected component
	depPaths []string      // in-tree imports found by scanAll
}

type runState struct {
	opt       Options
	fset      *token.FileSet
	analyzers []*analysis.Analyzer // topologically sorted, requirements first
	needFacts bool
	readFile  func(string) ([]byte, error)

	mu    sync.Mutex
	units map[string]*unit
	errs  []error

	lines sync.Map // path → *jsast.Lines (linesOf)

	configs    *config.Loader  // config.go
	badConfigs map[string]bool // invalid configuration files reported
}

func newRun(opt Options) *runState {
	r := &runState{opt: opt, fset: token.NewFileSet(), units: make(map[string]*unit)}
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		r.analyzers = append(r.analyzers, a)
		if len(a.FactTypes) > 0 {
			r.needFacts = true
		}
	}
	visit(jsmodule.Analyzer)
	for _, a := range opt.Analyzers {
		visit(a)
	}
	readFile := opt.ReadFile
	if readFile == nil {
		readFile = files.ReadFile
	}
	r.readFile = cachedReader(files.Confine(opt.Root, readFile))
	r.configs, r.badConfigs = &config.Loader{ReadFile: r.readFile}, map[string]bool{}
	return r
}

// cachedReader reads each file once per run: resolution probes many paths
// and the analyzed files are read by several passes.
func cachedReader(readFile func(string) ([]byte, error)) func(string) ([]byte, error) {
	type entry struct {
		b   []byte
		err error
	}
	var mu sync.Mutex
	cache := map[string]entry{}
	return func(p string) ([]byte, error) {
		mu.Lock()
		e, ok := cache[p]
		mu.Unlock()
		if ok {
			return e.b, e.err
		}
		b, err := readFile(p)
		mu.Lock()
		cache[p] = entry{b, err}
		mu.Unlock()
		return b, err
	}
}

func (r *runState) workers() int {
	if r.opt.Workers > 0 {
		return r.opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (r *runState) run(ctx context.Context, paths []string) *Result {
	// Stage 1: read the requested modules and, when facts flow between
	// modules, find the in-tree modules they depend on from a scan of their
	// import specifiers (no parse: trees are built in stage 2, one module
	// at a time, so memory does not grow with the size of the tree).
	var todo []*unit
	for _, p := range paths {
		if _, ok := r.units[p]; ok {
			continue
		}
		u := &unit{path: p, report: true}
		r.units[p] = u
		todo = append(todo, u)
	}
	for len(todo) > 0 && ctx.Err() == nil {
		r.scanAll(ctx, todo)
		todo = todo[:0]
		for _, u := range r.sortedUnits() {
			for _, dep := range u.depPaths {
				d, ok := r.units[dep]
				if !ok {
					d = &unit{path: dep}
					r.units[dep] = d
					todo = append(todo, d)
				}
				if !slices.Contains(u.deps, d) && d != u {
					u.deps = append(u.deps, d)
				}
			}
			u.depPaths = nil
		}
	}
	for _, u := range r.units {
		imports := make([]*types.Package, 0, len(u.deps))
		for _, d := range u.deps {
			imports = append(imports, d.pkg)
		}
		u.pkg.SetImports(imports)
	}
	// Stage 2: parse and analyze, dependencies first.
	r.analyzeAll(ctx, r.components())
	return r.result()
}

// scanAll reads units in parallel and, when analyzers use facts, resolves
// the specifiers their text imports.
func (r *runState) scanAll(ctx context.Context, us []*unit) {
	r.parallel(ctx, len(us), func(i int) {
		u := us[i]
		u.results = make(map[*analysis.Analyzer]any)
		u.facts = make(map[reflect.Type]analysis.Fact)
		u.pkg = types.NewPackage(u.path, strings.TrimSuffix(filepath.Base(u.path), filepath.Ext(u.path)))
		b, err := r.readFile(u.path)
		if err != nil {
			u.failed = true
			if u.report {
				r.mu.Lock()
				r.errs = append(r.errs, err)
				r.mu.Unlock()
			}
			return
		}
		u.size = len(b)
		if !r.needFacts {
			return
		}
		for _, spec := range resolve.Specifiers(b) {
			if resolve.IsCore(spec) {
				continue
			}
			if dep := resolve.Resolve(u.path, spec, r.readFile); dep != "" {
				u.depPaths = append(u.depPaths, dep)
			}
		}
	})
}

// parallel calls f(0), ..., f(n-1) on the workers. Each takes the next
// index from a shared counter: stage 1 hands out thousands of short reads,
// and passing each index over a channel kept one core idle about a third
// of the time (stage 1 of a check of 7,600 npm files took 250–270 ms;
// with the counter, 180–240 ms).
func (r *runState) parallel(ctx context.Context, n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(r.workers(), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// components returns the strongly connected components of the import
// graph, each after the components it depends on.
func (r *runState) components() [][]*unit {
	var comps [][]*unit
	var stack []*unit
	index := 1
	var strong func(u *unit)
	strong = func(u *unit) {
		u.index, u.low = index, index
		index++
		stack = append(stack, u)
		u.onStack = true
		for _, d := range u.deps {
			if d.index == 0 {
				strong(d)
				u.low = min(u.low, d.low)
			} else if d.onStack {
				u.low = min(u.low, d.index)
			}
		}
		if u.low == u.index {
			var comp []*unit
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				w.onStack = false
				comp = append(comp, w)
				if w == u {
					break
				}
			}
			comps = append(comps, comp)
		}
	}
	for _, u := range r.sortedUnits() {
		if u.index == 0 {
			strong(u)
		}
	}
	return comps
}

// analyzeAll runs the analyzers over components in parallel, a component
// starting once every component it depends on is done.
func (r *runState) analyzeAll(ctx context.Context, comps [][]*unit) {
	if len(comps) == 0 {
		return
	}
	total := 0
	for i, c := range comps {
		for _, u := range c {
			u.comp = i
			total++
		}
	}
	waiting := make([]int, len(comps))   // components each waits for
	remaining := make([]int, len(comps)) // units of each not done yet
	dependents := make([][]int, len(comps))
	for i, c := range comps {
		remaining[i] = len(c)
		seen := map[int]bool{}
		for _, u := range c {
			for _, d := range u.deps {
				if j := d.comp; j != i && !seen[j] {
					seen[j] = true
					waiting[i]++
					dependents[j] = append(dependents[j], i)
				}
			}
		}
	}
	// A component's priority is the size of the largest module that waits
	// for it (itself included): the small modules a large one imports go
	// before other small ones, so the large one does not start, and end,
	// late. comps lists dependencies first, so dependents come later.
	prio := make([]int, len(comps))
	for i := len(comps) - 1; i >= 0; i-- {
		for _, u := range comps[i] {
			prio[i] = max(prio[i], u.size)
		}
		for _, j := range dependents[i] {
			prio[i] = max(prio[i], prio[j])
		}
	}
	// Units, not components, are the work: the modules of an import cycle
	// run in parallel too (they see none of each other's facts). Ready
	// units wait in a queue by priority, then size: the largest first, so
	// a big module does not finish last.
	q := &readyQueue{prio: prio}
	for i, c := range comps {
		if waiting[i] == 0 {
			for _, u := range c {
				heap.Push(q, u)
			}
		}
	}
	var mu sync.Mutex
	ready := sync.NewCond(&mu)
	done := 0
	var huge atomic.Int32 // modules of hugeModule bytes or more under way
	var wg sync.WaitGroup
	for w := 0; w < min(r.workers(), total); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			for {
				for q.Len() == 0 && done < total {
					ready.Wait()
				}
				if q.Len() == 0 {
					return // every unit is done
				}
				u := heap.Pop(q).(*unit)
				mu.Unlock()
				big := u.size >= hugeModule
				if big {
					huge.Add(1)
				}
				r.analyzeUnit(ctx, u)
				// The collection after a huge module waits for the last
				// one under way: run while another is analyzed, it would
				// mark that module's tree, the largest part of the heap
				// (sixteen alternated checks: 2.32 vs 2.53 CPU-s, the same
				// peak).
				r.finish(u, big && huge.Add(-1) == 0)
				mu.Lock()
				done++
				if remaining[u.comp]--; remaining[u.comp] == 0 {
					for _, j := range dependents[u.comp] {
						if waiting[j]--; waiting[j] == 0 {
							for _, v := range comps[j] {
								heap.Push(q, v)
							}
						}
					}
				}
				ready.Broadcast()
			}
		}()
	}
	wg.Wait()
}

// readyQueue holds the units ready to run, highest component priority
// first, then the largest (container/heap).
type readyQueue struct {
	prio  []int // by component
	units []*unit
}

func (q *readyQueue) Len() int { return len(q.units) }
func (q *readyQueue) Less(i, j int) bool {
	a, b := q.units[i], q.units[j]
	if pa, pb := q.prio[a.comp], q.prio[b.comp]; pa != pb {
		return pa > pb
	}
	return a.size > b.size
}
func (q *readyQueue) Swap(i, j int) { q.units[i], q.units[j] = q.units[j], q.units[i] }
func (q *readyQueue) Push(x any)    { q.units = append(q.units, x.(*unit)) }
func (q *readyQueue) Pop() any {
	u := q.units[len(q.units)-1]
	q.units = q.units[:len(q.units)-1]
	return u
}

func (r *runState) analyzeUnit(ctx context.Context, u *unit) {
	if u.failed || ctx.Err() != nil {
		return
	}
	res, err := r.runPass(ctx, u, jstokens.Analyzer)
	if err != nil {
		u.failed = true
		return
	}
	u.results[jstokens.Analyzer] = res
	toks := res.(*jstokens.Tokens)
	toks.Config = r.configs.For
	if r.opt.ReadFile == nil {
		toks.Exclusive() // the run's own files.ReadFile bytes, parsed once
	}
	if r.opt.Prefilters != nil && !r.candidate(u, toks) {
		u.skipped = true
		// Only the imports found by the scan are kept (for Result.Modules).
		u.mod = &jsmodule.Module{Imports: scanned(nil, u.deps)}
		if len(u.lexical) > 0 {
			u.mod.File = r.fset.AddFile(u.path, -1, len(toks.Src))
			r.runLexical(ctx, u, u.mod)
		}
		toks.Release()
		return
	}
	from := len(u.diags)
	if len(u.lexical) > 0 {
		// As on a module that is not parsed, and before the parse
		// releases the tokens: they give these analyzers the findings
		// the tree would, for less (redos walks every node of a tree for
		// its patterns: 25 ms in typescript.js).
		r.runLexical(ctx, u, &jsmodule.Module{File: r.fset.AddFile(u.path, -1, len(toks.Src))})
	}
	to := len(u.diags)
	r.elide(u, toks)
	res, err = r.runPass(ctx, u, jsmodule.Analyzer)
	if err != nil {
		// A module that does not parse reports its syntax error alone.
		u.diags, u.diagsBy = slices.Delete(u.diags, from, to), slices.Delete(u.diagsBy, from, to)
		u.failed = true
		return
	}
	u.mod = res.(*jsmodule.Module)
	u.results[jsmodule.Analyzer] = res
	need := r.needed(u)
	for _, a := range r.analyzers {
		if a == jstokens.Analyzer || a == jsmodule.Analyzer || !need[a] || slices.Contains(u.lexical, a) || ctx.Err() != nil {
			continue
		}
		if !u.report && len(a.FactTypes) == 0 && !r.requiredForFacts(a) {
			continue // a dependency loaded only for its facts
		}
		ready := true
		for _, req := range a.Requires {
			if _, ok := u.results[req]; !ok {
				ready = false
			}
		}
		if !ready {
			continue
		}
		if res, err := r.runPass(ctx, u, a); err == nil {
			u.results[a] = res
		}
	}
}

// runLexical runs the analyzers of u.lexical on the module's tokens: m
// has no syntax tree.
func (r *runState) runLexical(ctx context.Context, u *unit, m *jsmodule.Module) {
	u.results[jsmodule.Analyzer] = m
	for _, a := range u.lexical {
		if ctx.Err() == nil {
			r.runPass(ctx, u, a)
		}
	}
}

// candidate reports whether module u needs its parse (see
// Options.Prefilters). It records in u.dropped the analyzers whose
// prefilters show they cannot report on u, so they do not run even if the
// module is parsed for others, and in u.lexical those whose findings the
// tokens decide, which run on the tokens even if it is: all the analyzers
// that run on a module that is not parsed.
func (r *runState) candidate(u *unit, t *jstokens.Tokens) bool {
	if !t.Complete() {
		return true // lexical errors: the tokens are not to be trusted
	}
	parse := bytes.Contains(t.Src, []byte("blockcheck-")) || len(r.allFacts(u)) > 0
	drop := func(a *analysis.Analyzer) {
		if len(a.FactTypes) > 0 {
			return // its facts may come from imports
		}
		if u.dropped == nil {
			u.dropped = map[*analysis.Analyzer]bool{}
		}
		u.dropped[a] = true
	}
	for _, a := range r.opt.Analyzers {
		if !u.report && len(a.FactTypes) == 0 {
			continue // a dependency loaded only for its facts
		}
		if r.opt.Severity != nil {
			if _, on := r.opt.Severity(RuleOf(a), u.path, Error); !on {
				drop(a) // turned off here
				continue
			}
		}
		f, ok := r.opt.Prefilters[a]
		var keep, lexical bool
		if ok {
			keep, lexical = filter(f, t)
		}
		switch {
		case !ok:
			parse = true
		case lexical:
			u.lexical = append(u.lexical, a)
		case keep:
			parse = true
		default:
			drop(a)
		}
	}
	return parse
}

// elide blanks, before the parse of module u, the function bodies that
// none of the rules to run on it needs (jstokens.Tokens.Elidable): the
// parse of a large bundle whose few blocking calls are in a corner costs
// a fraction of the whole. Every rule that keeps the module must tell what
// it follows (jstokens.Filter.Relevant); a module with suppression
// comments, or with facts from its imports, is parsed whole.
func (r *runState) elide(u *unit, t *jstokens.Tokens) {
	if r.opt.Prefilters == nil || !t.Complete() || len(r.allFacts(u)) > 0 || bytes.Contains(t.Src, []byte("blockcheck-")) {
		return
	}
	var follows []func(name string, str bool) bool
	for _, a := range r.opt.Analyzers {
		if u.dropped[a] || slices.Contains(u.lexical, a) {
			continue
		}
		f := r.opt.Prefilters[a].Relevant
		if f == nil {
			return
		}
		follows = append(follows, f(t))
	}
	spans := t.Elidable(func(name string, str bool) bool {
		for _, f := range follows {
			if f(name, str) {
				return true
			}
		}
		return false
	})
	t.Elide(spans)
	u.elided = len(spans) > 0
}

// filter asks a rule's filter about a module. A prefilter that panics
// keeps the module for the parse, where the analyzer's own run reports
// what goes wrong: a prefilter's bug costs time, never a crash or a
// finding.
func filter(f jstokens.Filter, t *jstokens.Tokens) (keep, lexical bool) {
	defer func() {
		if recover() != nil {
			keep, lexical = true, false
		}
	}()
	keep = f.Keep(t)
	lexical = keep && f.Lexical != nil && f.Lexical(t)
	return keep, lexical
}

// needed returns the analyzers to run on parsed module u: those no
// prefilter dropped, and what they require.
func (r *runState) needed(u *unit) map[*analysis.Analyzer]bool {
	need := map[*analysis.Analyzer]bool{}
	var mark func(a *analysis.Analyzer)
	mark = func(a *analysis.Analyzer) {
		if !need[a] {
			need[a] = true
			for _, req := range a.Requires {
				mark(req)
			}
		}
	}
	for _, a := range r.opt.Analyzers {
		if !u.dropped[a] {
			mark(a)
		}
	}
	return need
}

// requiredForFacts reports whether a fact-producing analyzer needs a.
func (r *runState) requiredForFacts(a *analysis.Analyzer) bool {
	for _, b := range r.analyzers {
		if len(b.FactTypes) > 0 && requires(b, a) {
			return true
		}
	}
	return false
}

func requires(b, a *analysis.Analyzer) bool {
	for _, req := range b.Requires {
		if req == a || requires(req, a) {
			return true
		}
	}
	return false
}

// runPass runs one analyzer on one module; a panic becomes an error
// diagnostic of that rule instead of a crash.
func (r *runState) runPass(ctx context.Context, u *unit, a *analysis.Analyzer) (res any, err error) {
	resultOf := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, req := range a.Requires {
		resultOf[req] = u.results[req]
	}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       r.fset,
		OtherFiles: []string{u.path},
		Pkg:        u.pkg,
		TypesInfo:  &types.Info{},
		TypesSizes: types.SizesFor("gc", "amd64"),
		ResultOf:   resultOf,
		ReadFile:   r.readFile,
		Report: func(d analysis.Diagnostic) {
			u.diags = append(u.diags, d)
			u.diagsBy = append(u.diagsBy, a)
		},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		ImportPackageFact: func(p *types.Package, f analysis.Fact) bool { return r.importFact(u, p, f) },
		ExportPackageFact: func(f analysis.Fact) { u.facts[reflect.TypeOf(f)] = f },
		AllPackageFacts:   func() []analysis.PackageFact { return r.allFacts(u) },
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s panicked: %v", a.Name, p)
			if u.mod != nil {
				pass.Report(analysis.Diagnostic{Pos: u.mod.Pos(0), End: u.mod.Pos(0), Category: RuleOf(a),
					Message: fmt.Sprintf("internal error: rule %s crashed on this file and was skipped (%v); please report it with the file\n%s", RuleOf(a), p, firstFrames(debug.Stack()))})
			}
		}
	}()
	return a.Run(pass)
}

func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	return strings.Join(lines[:min(len(lines), 12)], "\n")
}

func (r *runState) importFact(u *unit, p *types.Package, f analysis.Fact) bool {
	d, ok := r.units[p.Path()]
	if !ok || d != u && d.comp == u.comp {
		return false // a module of the same import cycle: analyzed concurrently
	}
	got, ok := d.facts[reflect.TypeOf(f)]
	if !ok {
		return false
	}
	reflect.ValueOf(f).Elem().Set(reflect.ValueOf(got).Elem())
	return true
}

func (r *runState) allFacts(u *unit) []analysis.PackageFact {
	var out []analysis.PackageFact
	for _, d := range append([]*unit{u}, u.deps...) {
		if d != u && d.comp == u.comp {
			continue // same import cycle: analyzed concurrently
		}
		for _, f := range d.facts {
			out = append(out, analysis.PackageFact{Package: d.pkg, Fact: f})
		}
	}
	return out
}

// hugeModule is the size of source past which a lean run collects garbage
// once the module is done (see finish), unless another such module is
// under way (see analyzeAll).
const hugeModule = 4 << 20

// finish converts u's diagnostics while its module is at hand (positions,
// suppression comments) and, in a lean run, frees the module's tree, and
// collects garbage at once if collect is set (a huge module's tree).
func (r *runState) finish(u *unit, collect bool) {
	if u.report {
		r.checkConfigRules(u.path)
		if u.mod != nil && !u.skipped && !r.configFor(u.path).Ignored(u.path) {
			u.out = append(u.out, r.suppressionsOf(u).unknown...)
		}
		for i, d := range u.diags {
			if dd, ok := r.convert(u, u.diagsBy[i], d); ok {
				u.out = append(u.out, dd)
			}
		}
	}
	u.diags, u.diagsBy = nil, nil
	if u.elided && u.mod != nil {
		// The tree lacks the imports of the bodies it left out: add those
		// the scan found, as a module that is not parsed has them.
		u.mod.Imports = scanned(u.mod.Imports, u.deps)
	}
	if r.opt.Lean && u.mod != nil && !u.skipped {
		if u.mod.Module != nil {
			u.mod.Module.Release()
			if collect {
				// Its tree (some 15 bytes a byte of source) is garbage now:
				// collect it at once, so the modules analyzed after it
				// reuse that memory instead of faulting in fresh pages. On
				// the npm corpus (typescript.js 9 MB, _tsc.js 6 MB) a check
				// peaked at 460–500 MB instead of 690–725 MB, with a third
				// fewer page faults, in the same CPU and wall time.
				go runtime.GC()
			}
		}
		u.mod = &jsmodule.Module{Imports: u.mod.Imports, File: u.mod.File}
		u.results = nil
	}
}

// scanned adds to imports, with no node, the in-tree modules deps that
// scanAll found and imports lacks.
func scanned(imports []resolve.Import, deps []*unit) []resolve.Import {
	for _, d := range deps {
		if !slices.ContainsFunc(imports, func(i resolve.Import) bool { return i.Resolved == d.path }) {
			imports = append(imports, resolve.Import{Resolved: d.path})
		}
	}
	return imports
}

func (r *runState) result() *Result {
	res := &Result{Errors: r.errs, Modules: map[string]*jsmodule.Module{}, Source: func(path string) []byte {
		b, _ := r.readFile(path)
		return b
	}}
	for _, u := range r.units {
		if u.mod != nil {
			res.Modules[u.path] = u.mod
		}
		if !u.report {
			continue
		}
		if !u.failed || u.mod == nil && len(u.out) > 0 {
			res.Files++
		}
		res.Diagnostics = append(res.Diagnostics, u.out...)
	}
	slices.SortFunc(res.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), a.Span.Start-b.Span.Start, a.Span.End-b.Span.End,
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
	})
	res.Diagnostics = slices.CompactFunc(res.Diagnostics, func(a, b Diagnostic) bool {
		return a.Path == b.Path && a.Span == b.Span && a.Rule == b.Rule && a.Message == b.Message
	})
	res.Errors = r.errs // with the configuration errors found while converting
	slices.SortFunc(res.Errors, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return res
}

// convert turns an analysis.Diagnostic into a Diagnostic. Its Category is
// the rule name, optionally followed by ":" and a severity ("sync-io:info");
// empty means the analyzer's own rule at error severity.
func (r *runState) convert(u *unit, a *analysis.Analyzer, d analysis.Diagnostic) (_ Diagnostic, ok bool) {
	rule, sev, startup := RuleOf(a), Error, false
	if d.Category != "" {
		name, s, _ := strings.Cut(d.Category, ":")
		rule = name
		if parsed, ok := ParseSeverity(s); ok {
			sev = parsed
		}
		startup = s == "startup"
	}
	loc := r.location(u, d.Pos, d.End)
	if sev, ok = r.keep(u, rule, sev, startup, loc); !ok {
		return Diagnostic{}, false
	}
	if r.opt.Severity != nil {
		var on bool
		if sev, on = r.opt.Severity(rule, u.path, sev); !on {
			return Diagnostic{}, false
		}
	}
	out := Diagnostic{Location: loc, Rule: rule, Severity: sev, Message: d.Message}
	for _, rel := range d.Related {
		loc := r.location(u, rel.Pos, rel.End)
		out.Related = append(out.Related, Related{Location: loc, Message: rel.Message})
	}
	for _, f := range d.SuggestedFixes {
		fix := Fix{Message: f.Message}
		for _, e := range f.TextEdits {
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			fix.Edits = append(fix.Edits, Edit{Location: r.location(u, e.Pos, end), NewText: string(e.NewText)})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	return out, true
}

// location converts token positions to a Location; path is the file when
// the positions have no file (a diagnostic reported before parsing).
// location converts token positions reported while analyzing u to a
// Location. Positions in u's own file use its parsed module; those in other
// files (the hops of a call chain) are converted from the file's text,
// since another worker may be freeing that module.
func (r *runState) location(u *unit, pos, end token.Pos) Location {
	tf := r.fset.File(pos)
	if tf == nil {
		return Location{Path: u.path}
	}
	start, stop := tf.Offset(pos), offsetOf(tf, end)
	if stop < start {
		stop = start
	}
	loc := Location{Path: tf.Name(), Span: jsast.Span{Start: start, End: stop}}
	if tf.Name() == u.path && u.mod != nil && u.mod.Module != nil {
		loc.Start, loc.End = u.mod.Position(start), u.mod.Position(stop)
	} else if l := r.linesOf(tf.Name()); l != nil {
		loc.Start, loc.End = l.Position(start), l.Position(stop)
	}
	return loc
}

// linesOf returns the line table of a file, found once per run: a module
// that was not parsed, or the hops of a chain in another file, may report
// many positions in a large file.
func (r *runState) linesOf(path string) *jsast.Lines {
	if l, ok := r.lines.Load(path); ok {
		return l.(*jsast.Lines)
	}
	b, err := r.readFile(path)
	if err != nil {
		return nil
	}
	l, _ := r.lines.LoadOrStore(path, jsast.NewLines(b))
	return l.(*jsast.Lines)
}

func offsetOf(tf *token.File, p token.Pos) int {
	if !p.IsValid() || int(p) < tf.Base() || int(p) > tf.Base()+tf.Size() {
		return -1
	}
	return tf.Offset(p)
}

func (r *runState) sortedUnits() []*unit {
	us := make([]*unit, 0, len(r.units))
	for _, u := range r.units {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b *unit) int { return strings.Compare(a.path, b.path) })
	return us
}
