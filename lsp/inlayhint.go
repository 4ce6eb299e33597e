package lsp

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
)

// InlayHint puts the predicted order number before each piece of code that
// prints, "#3"; "#3|#4?" when it depends on timing.
func (s *Server) InlayHint(ctx context.Context, p *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	snap, o, err := s.explained(ctx, p.TextDocument.URI)
	if err != nil || o == nil {
		return nil, err
	}
	enc := s.encoding()
	start, end, err := snap.lines.span(p.Range, enc)
	if err != nil {
		return nil, err
	}
	return inlayHints(o, snap, start, end, enc), nil
}

func inlayHints(o *Order, snap *snapshot, start, end int, enc encoding) []protocol.InlayHint {
	type at struct {
		nums    []int
		outputs []string
	}
	byOffset := map[int]*at{}
	var offsets []int
	for _, st := range o.Steps {
		if st.Offset < start || st.Offset > end {
			continue
		}
		a, ok := byOffset[st.Offset]
		if !ok {
			a = &at{}
			byOffset[st.Offset] = a
			offsets = append(offsets, st.Offset)
		}
		if !slices.Contains(a.nums, st.N) {
			a.nums = append(a.nums, st.N)
		}
		if !slices.Contains(a.outputs, st.Output) {
			a.outputs = append(a.outputs, st.Output)
		}
	}
	slices.Sort(offsets)
	pad := true
	var out []protocol.InlayHint
	for _, off := range offsets {
		a := byOffset[off]
		slices.Sort(a.nums)
		parts := make([]string, len(a.nums))
		for i, n := range a.nums {
			parts[i] = fmt.Sprintf("#%d", n)
		}
		label := strings.Join(parts, "|")
		tip := "predicted order of this output: " + strings.Join(a.outputs, ", ")
		if !o.Deterministic {
			label += "?"
			tip += " (Node does not guarantee one order here)"
		}
		out = append(out, protocol.InlayHint{
			Position:     snap.lines.position(off, enc),
			Label:        protocol.String(label),
			Tooltip:      protocol.String(tip),
			PaddingRight: &pad,
		})
	}
	return out
}
