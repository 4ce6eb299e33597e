// Package blocking defines an analyzer that finds calls to blocking APIs
// (the catalogue in catalogue.go, plus APIs a configuration file adds),
// resolved through bindings, each with the hot-path context it runs in.
// The sync-* rules and atomics-wait report from its result.
package blocking

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Call is one call of a blocking API.
type Call struct {
	Node   int          // node index of the call expression
	Callee jsast.Span   // span of the callee expression
	Ref    bindings.Ref // what is called
	Entry  *Entry
	Where  hotpath.Where
	Units  float64 // units of the entry's cost row this call costs; 0: unknown
	Async  bool    // the innermost enclosing function is async
}

// Result is the analyzer's result.
type Result struct {
	Calls []Call
}

// Analyzer finds blocking calls.
var Analyzer = &analysis.Analyzer{
	Name:       "blocking",
	Doc:        "find calls to blocking APIs and the context they run in",
	Requires:   []*analysis.Analyzer{jsmodule.Analyzer, bindings.Analyzer, hotpath.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
	b := pass.ResultOf[bindings.Analyzer].(*bindings.Info)
	h := pass.ResultOf[hotpath.Analyzer].(*hotpath.Info)
	extra := extraAPIs(pass, m.Path)
	res := &Result{}
	nodes := m.Nodes()
	var consts map[*js.Var]js.IExpr // only calls judged by their arguments need them
	constsOf := func() map[*js.Var]js.IExpr {
		if consts == nil {
			consts = constants(m)
		}
		return consts
	}
	for i := range nodes {
		call, ok := nodes[i].N.(*js.CallExpr)
		if !ok {
			continue
		}
		r, ok := b.Of(call.X)
		if !ok {
			continue
		}
		e := Lookup(r)
		if e == nil {
			e = extra.lookup(r)
		}
		if e == nil {
			continue
		}
		c := Call{Node: i, Callee: nodes[i].Span, Ref: r, Entry: e, Where: h.At(i)}
		if kids := m.Children(i); len(kids) > 0 {
			c.Callee = nodes[kids[0]].Span
		}
		if e.Blocks != nil {
			blocks, units := e.Blocks(&callInfo{call: call, consts: constsOf})
			if !blocks {
				continue
			}
			c.Units = units
		}
		if f := m.Enclosing(i); f >= 0 {
			c.Async = hotpath.IsAsync(nodes[f].N)
		}
		res.Calls = append(res.Calls, c)
	}
	return res, nil
}

// CostKey returns the timing-model row of the call and what it assumes.
func (c Call) CostKey() (key, note string) {
	key, note = c.Entry.CostKey, c.Entry.CostNote
	if c.Entry == fsSync {
		key = "blocking.fs." + c.Ref.Last()
		if _, ok := cost.Default().Lookup(key); !ok {
			key, note = "blocking.fs.statSync", ", as for a stat"
		} else if c.Ref.Last() == "readFileSync" {
			note = " for a small file, more for a large one"
		}
	}
	return key, note
}

// Duration renders how long the call blocks, from the timing model:
// "about 6µs–1.6ms per call for a small file".
func (c Call) Duration() string {
	if c.Entry.Rule == "atomics-wait" {
		if c.Units > 0 {
			return "up to " + round(time.Duration(c.Units*float64(time.Millisecond))) + " (its timeout)"
		}
		return "until another thread notifies it, possibly forever"
	}
	key, note := c.CostKey()
	row, ok := cost.Default().Lookup(key)
	if !ok {
		return ""
	}
	if c.Units > 0 {
		iv, _ := cost.Default().Cost(key, c.Units)
		return "about " + span(iv) + note
	}
	return "about " + span(row.Cost) + " " + string(row.Unit) + note
}

// Message is the diagnostic text for a blocking call: what blocks, where,
// for about how long, and what to use instead.
func (c Call) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s blocks the event loop %s", c.Ref, c.Where.Desc)
	if d := c.Duration(); d != "" {
		fmt.Fprintf(&b, " (%s)", d)
	}
	fmt.Fprintf(&b, "; every other request waits meanwhile: use %s", c.Entry.Instead(c.Ref))
	return b.String()
}

func span(iv cost.Interval) string {
	if iv.Min == iv.Max {
		return round(iv.Min)
	}
	return round(iv.Min) + "–" + round(iv.Max)
}

func round(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3gs", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3gms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3gµs", float64(d)/float64(time.Microsecond))
	}
}
