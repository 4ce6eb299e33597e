package lsp

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"

	"github.com/blockcheck/blockcheck/explain"
)

// Explainer predicts the order in which a program's callbacks run
// (explain-order). Hover, inlay hints, code lens and the
// blockcheck.explainOrder command are served from it.
type Explainer interface {
	Explain(ctx context.Context, path string, src []byte, node int, readFile func(string) ([]byte, error)) (*Order, error)
}

// Order is a prediction in the shape the editor features use.
type Order struct {
	// Markdown is the whole explanation, as the command returns it.
	Markdown string
	// Deterministic is false when Node does not guarantee one order.
	Deterministic bool
	// Outcomes is the number of possible outputs.
	Outcomes int
	// Steps are the printed lines of every outcome, in order.
	Steps []OrderStep
}

// OrderStep is one printed line of one outcome.
type OrderStep struct {
	Outcome int // index of the outcome
	N       int // 1-based position of the line in its outcome
	Output  string
	Phase   string // the loop phase or queue it ran from
	Reason  string // why then
	Offset  int    // byte offset in the file of the code that printed it; -1 unknown
}

// explained returns an open document and its prediction; the prediction
// is nil without an explainer or for a document that is not analyzed.
func (s *Server) explained(ctx context.Context, u uri.URI) (*snapshot, *Order, error) {
	snap, err := s.doc(u)
	if err != nil || s.opt.Explainer == nil || snap.skip != "" {
		return snap, nil, err
	}
	o, err := s.order(ctx, snap)
	return snap, o, err
}

// orderCache keeps the newest prediction per document: the three features
// ask for the same snapshot one after another.
type orderCache struct {
	mu   sync.Mutex
	snap map[string]*snapshot
	ord  map[string]*Order
}

// order returns the prediction for snap, computed at most once per
// snapshot; the computation stops waiting when ctx is cancelled.
func (s *Server) order(ctx context.Context, snap *snapshot) (*Order, error) {
	c := &s.orders
	c.mu.Lock()
	if c.snap[snap.path] == snap {
		o := c.ord[snap.path]
		c.mu.Unlock()
		return o, nil
	}
	c.mu.Unlock()
	type answer struct {
		o   *Order
		err error
	}
	ch := make(chan answer, 1)
	node := s.config().Node
	readFile := s.overlay(readDisk)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				s.internalError("explain-order", snap.path, panicText(p))
				ch <- answer{nil, errInternal("explain-order crashed")}
			}
		}()
		o, err := s.opt.Explainer.Explain(context.WithoutCancel(ctx), snap.path, snap.text, node, readFile)
		ch <- answer{o, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case a := <-ch:
		if a.err != nil {
			return nil, a.err
		}
		c.mu.Lock()
		if c.snap == nil {
			c.snap, c.ord = map[string]*snapshot{}, map[string]*Order{}
		}
		c.snap[snap.path], c.ord[snap.path] = snap, a.o
		c.mu.Unlock()
		return a.o, nil
	}
}

// ExplainOrder is the Explainer backed by the explain package (the
// prediction "blockcheck explain-order" prints).
type ExplainOrder struct{}

// Explain implements Explainer.
func (ExplainOrder) Explain(ctx context.Context, path string, src []byte, node int, readFile func(string) ([]byte, error)) (*Order, error) {
	pred, err := explain.Predict(path, src, explain.Options{Node: node, ReadFile: readFile})
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "explain-order: %v", err)
	}
	var text strings.Builder
	if err := pred.WriteText(&text); err != nil {
		return nil, err
	}
	o := &Order{
		Markdown:      fmt.Sprintf("### Callback order of %s\n\n```text\n%s```\n", filepath.Base(path), text.String()),
		Deterministic: pred.Deterministic,
		Outcomes:      len(pred.Outcomes),
	}
	lines := newLineIndex(src)
	for i, out := range pred.Outcomes {
		for j, st := range out.Steps {
			off := -1
			if st.Line > 0 && st.Line <= lines.lines() {
				off = min(lines.start[st.Line-1]+max(st.Column-1, 0), lines.lineEnd(st.Line-1))
			}
			if st.Line == 1 && st.Column == 1 && strings.HasPrefix(st.Phase, "main") {
				off = printedAt(src, lines, st.Output) // the main module as a whole: find the print
			}
			o.Steps = append(o.Steps, OrderStep{Outcome: i, N: j + 1, Output: st.Output, Phase: st.Phase, Reason: st.Reason, Offset: off})
		}
	}
	return o, nil
}

// printedAt finds the console call that printed output in the main module,
// when one string literal on a console.* line holds exactly that text;
// else -1.
func printedAt(src []byte, lines *lineIndex, output string) int {
	found := -1
	for _, q := range []string{"'", "\"", "`"} {
		lit := []byte(q + output + q)
		for i := 0; ; {
			j := bytes.Index(src[i:], lit)
			if j < 0 {
				break
			}
			at := i + j
			l := lines.position(at, utf8Bytes).Line
			start := lines.start[l]
			if c := bytes.Index(src[start:at], []byte("console.")); c >= 0 {
				if found >= 0 {
					return -1 // ambiguous
				}
				found = start + c
			}
			i = at + len(lit)
		}
	}
	return found
}
