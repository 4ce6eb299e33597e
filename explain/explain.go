// Package explain predicts what a Node.js program prints, in what order and
// why. It runs the program in the interp package on looprt's event-loop
// model, explores every ordering the timing model allows, and renders the
// set of possible outputs, each with the assumption that produces it.
package explain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/internal/files"
	"github.com/blockcheck/blockcheck/interp"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/looprt"
	"github.com/tdewolff/parse/v2/js"
)

// Options configure a prediction.
type Options struct {
	// Node is the Node.js major to model (18, 20, 22, 24, 26); 0 picks it
	// from the project (see NodeVersion).
	Node int
	// MaxRuns bounds the exploration of timing choices (0: 256).
	MaxRuns int
	// MaxSteps bounds the interpreter's evaluation steps per run (0: the
	// interp default).
	MaxSteps int64
	// ReadFile reads files (package.json, local modules, files the program
	// reads); nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
	// Timeout bounds the wall-clock time of the whole prediction (0: 10 s);
	// a run still going when it passes is cut short and reported.
	Timeout time.Duration
}

// Prediction is the result of explain-order for one file.
type Prediction struct {
	File          string    `json:"file"`
	Node          int       `json:"node"`
	NodeSource    string    `json:"-"`
	Module        string    `json:"module"` // "cjs" or "esm"
	Deterministic bool      `json:"deterministic"`
	Complete      bool      `json:"complete"`
	Outcomes      []Outcome `json:"outcomes"`
	Unknowns      []Unknown `json:"unknowns"`
	// Summary says how the exploration went, in one sentence.
	Summary string `json:"-"`
}

// Outcome is one possible output of the program.
type Outcome struct {
	Lines      []string `json:"lines"`
	Assumption string   `json:"assumption"`
	Steps      []Step   `json:"steps"`
	ExitCode   int      `json:"-"`
}

// Step is one printed line with where and why it ran.
type Step struct {
	Output string `json:"output"`
	Phase  string `json:"phase"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Reason string `json:"reason"`
	// Label names the callback that printed the line ("setTimeout
	// callback"); Offset is its byte offset in the file (-1 if unknown).
	Label  string `json:"-"`
	Offset int    `json:"-"`
}

// Unknown is something the prediction could not follow.
type Unknown struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Construct string `json:"construct"`
	Message   string `json:"message"`
}

// ErrSyntax wraps a file that does not parse.
var ErrSyntax = errors.New("syntax error")

// Predict runs the prediction for the file at path with the given source.
func Predict(path string, src []byte, opts Options) (*Prediction, error) {
	readFile := opts.ReadFile
	if readFile == nil {
		readFile = os.ReadFile
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	kind := jsast.KindOf(path, readFile)
	mod, err := jsast.Parse(path, src, kind)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return PredictModule(mod, opts)
}

// PredictModule predicts an already parsed module (the lint rule
// order-nondeterministic uses this).
func PredictModule(mod *jsast.Module, opts Options) (*Prediction, error) {
	readFile := opts.ReadFile
	if readFile == nil {
		readFile = os.ReadFile
	}
	path := mod.Path
	node := opts.Node
	source := "--node"
	if node == 0 {
		node, source = NodeVersion(path, readFile)
	}
	if _, err := looprt.ProfileFor(node); err != nil {
		return nil, fmt.Errorf("unsupported Node version %d (supported: %v)", node, looprt.Majors())
	}
	// The program reads (local modules, files it opens) stay inside its
	// project: the interpreter never shows a file from elsewhere.
	prog := programOf(mod, files.Confine(projectRoot(path, readFile), readFile))
	pred := &Prediction{File: path, Node: node, NodeSource: source, Module: "cjs"}
	mk := looprt.CommonJS
	if prog.ESM {
		pred.Module = "esm"
		mk = looprt.ESModule
	}
	maxRuns := opts.MaxRuns
	if maxRuns <= 0 {
		maxRuns = 256
	}
	unknownSeen := map[string]bool{}
	printPos := map[*looprt.Trace][]jsast.Position{}
	var truncated string
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	deadline := time.Now().Add(timeout)
	cfg := looprt.Config{Node: node, Module: mk, Limits: looprt.Limits{Deadline: deadline}}
	res, err := looprt.Explore(cfg, looprt.Budget{MaxRuns: maxRuns}, func(rt *looprt.Runtime) *looprt.Trace {
		p := *prog
		it := interp.New(&p, rt, interp.Options{Node: node, MaxSteps: opts.MaxSteps, Deadline: deadline})
		r := it.Run()
		for _, u := range r.Unknowns {
			line, col := 0, 0
			if u.Offset >= 0 {
				pos := mod.Position(u.Offset)
				line, col = pos.Line, pos.Column
			}
			key := fmt.Sprint(line, col, u.What)
			if !unknownSeen[key] {
				unknownSeen[key] = true
				pred.Unknowns = append(pred.Unknowns, Unknown{Line: line, Column: col, Construct: u.What, Message: u.Message})
			}
		}
		if r.Truncated != "" && truncated == "" {
			truncated = r.Truncated
		}
		var ps []jsast.Position
		for _, off := range r.PrintOffsets {
			if off >= 0 {
				ps = append(ps, mod.Position(off))
			} else {
				ps = append(ps, jsast.Position{})
			}
		}
		printPos[r.Trace] = ps
		return r.Trace
	})
	if err != nil {
		return nil, err
	}
	pred.Summary = res.Summary()
	seenLines := map[string]int{}
	for _, t := range res.Traces {
		o := outcomeOf(t, printPos[t])
		for i := range o.Steps {
			if st := &o.Steps[i]; st.Line > 0 {
				st.Offset = mod.LineStart(st.Line) + st.Column - 1
			}
		}
		key := strings.Join(o.Lines, "\n")
		if i, ok := seenLines[key]; ok {
			// same output through a different internal order: keep the
			// first, note the extra condition
			_ = i
			continue
		}
		seenLines[key] = len(pred.Outcomes)
		pred.Outcomes = append(pred.Outcomes, o)
		if t.Starvation != nil {
			pred.Unknowns = append(pred.Unknowns, Unknown{Line: t.Starvation.Pos.Line, Column: t.Starvation.Pos.Col, Construct: "starvation", Message: t.Starvation.String()})
		}
		if t.Truncated && truncated == "" {
			truncated = t.Why
		}
	}
	if truncated != "" {
		pred.Unknowns = append(pred.Unknowns, Unknown{Construct: "budget", Message: "the run was cut short: " + truncated})
	}
	if !res.Exhausted {
		pred.Unknowns = append(pred.Unknowns, Unknown{Construct: "exploration budget", Message: res.Summary()})
	}
	pred.Unknowns = groupUnknowns(pred.Unknowns)
	sort.SliceStable(pred.Unknowns, func(i, j int) bool {
		a, b := pred.Unknowns[i], pred.Unknowns[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	pred.Deterministic = len(pred.Outcomes) == 1 && res.Exhausted
	pred.Complete = len(pred.Unknowns) == 0
	if pred.Unknowns == nil {
		pred.Unknowns = []Unknown{}
	}
	return pred, nil
}

func programOf(mod *jsast.Module, readFile func(string) ([]byte, error)) *interp.Program {
	p := &interp.Program{
		Path: mod.Path,
		Src:  mod.Src,
		AST:  mod.AST,
		ESM:  mod.Kind == jsast.ESM,
		Span: func(n js.INode) (int, bool) {
			s := mod.Span(n)
			if s.Start == 0 && s.End == 0 {
				return 0, false
			}
			return s.Start, true
		},
		ReadFile: readFile,
	}
	p.Parse = func(path string, src []byte) (*interp.Program, error) {
		sub, err := jsast.Parse(path, src, jsast.KindOf(path, readFile))
		if err != nil {
			return nil, err
		}
		return programOf(sub, readFile), nil
	}
	return p
}

// outcomeOf turns a trace into the printed lines and their steps. Lines
// printed by the main module are placed at their console.log call; the
// others at the callback that printed them.
func outcomeOf(t *looprt.Trace, printPos []jsast.Position) Outcome {
	o := Outcome{Assumption: strings.Join(t.Assumptions, "; "), ExitCode: t.ExitCode, Lines: []string{}, Steps: []Step{}}
	if o.Assumption == "" {
		o.Assumption = "none: the order does not depend on timing"
	}
	for i := range t.Steps {
		s := &t.Steps[i]
		for _, line := range s.Output {
			o.Lines = append(o.Lines, line)
			phase := s.Phase.String()
			switch s.Queue {
			case looprt.QueueNextTick, looprt.QueueMicrotask:
				phase += " / " + s.Queue.String()
			}
			st := Step{Output: line, Phase: phase, Line: s.Pos.Line, Column: s.Pos.Col, Reason: s.Why(), Label: s.Label, Offset: -1}
			if k := len(o.Lines) - 1; s.Queue == looprt.QueueMain && k < len(printPos) && printPos[k].Line > 0 {
				st.Line, st.Column = printPos[k].Line, printPos[k].Column
			}
			o.Steps = append(o.Steps, st)
		}
	}
	return o
}

// groupUnknowns keeps the first occurrence of each construct and counts
// the others, so a file with 200 route handlers gets one line, not 200.
func groupUnknowns(us []Unknown) []Unknown {
	index := map[string]int{}
	counts := map[string]int{}
	var out []Unknown
	for _, u := range us {
		if i, ok := index[u.Construct]; ok {
			counts[u.Construct]++
			_ = i
			continue
		}
		index[u.Construct] = len(out)
		out = append(out, u)
	}
	for k, n := range counts {
		u := &out[index[k]]
		u.Message += fmt.Sprintf(" (and %d more like this)", n)
	}
	return out
}

// projectRoot returns the folder of the nearest package.json above path,
// or path's own folder when there is none.
func projectRoot(path string, readFile func(string) ([]byte, error)) string {
	dir := filepath.Dir(path)
	for d := dir; ; {
		if _, err := readFile(filepath.Join(d, "package.json")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
