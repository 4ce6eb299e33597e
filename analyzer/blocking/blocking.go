// Package blocking defines an analyzer that finds calls to blocking APIs
// (the catalogue in catalogue.go), resolved through bindings, each with the
// hot-path context it runs in. The sync-* rules report from its result.
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
	res := &Result{}
	nodes := m.Nodes()
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
			continue
		}
		callee := nodes[i].Span
		if kids := m.Children(i); len(kids) > 0 {
			callee = nodes[kids[0]].Span
		}
		res.Calls = append(res.Calls, Call{Node: i, Callee: callee, Ref: r, Entry: e, Where: h.At(i)})
	}
	return res, nil
}

// Message is the diagnostic text for a blocking call on the hot path:
// what blocks, where, for about how long, and what to use instead.
func (c Call) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s blocks the event loop %s", c.Ref, c.Where.Desc)
	if iv, ok := cost.Default().Cost(c.Entry.CostKey, 1); ok {
		fmt.Fprintf(&b, " (about %s per call%s)", span(iv), c.Entry.CostNote)
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
