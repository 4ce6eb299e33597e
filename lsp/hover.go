package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"
)

// Hover, on a line that prints or schedules a callback, says which loop
// phase or queue it runs from and where in the output it comes.
func (s *Server) Hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	snap, o, err := s.explained(ctx, p.TextDocument.URI)
	if err != nil || o == nil {
		return nil, err
	}
	enc := s.encoding()
	off, err := snap.lines.offset(p.Position, enc)
	if err != nil {
		return nil, err
	}
	md, start, end, ok := hoverText(o, snap, off)
	if !ok {
		return nil, nil
	}
	r := snap.lines.rangeOf(start, end, enc)
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &r}, nil
}

// hoverText describes the steps printed by the code on the line of off
// (the nearest one starting at or before off), in every outcome.
func hoverText(o *Order, snap *snapshot, off int) (md string, start, end int, ok bool) {
	line := snap.lines.position(off, utf8Bytes).Line
	best := -1
	for _, st := range o.Steps {
		if st.Offset < 0 || snap.lines.position(st.Offset, utf8Bytes).Line != line {
			continue
		}
		if best < 0 || st.Offset <= off && st.Offset > best || best > off && st.Offset < best {
			best = st.Offset
		}
	}
	if best < 0 {
		return "", 0, 0, false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**blockcheck: callback order**\n\n")
	for _, st := range o.Steps {
		if st.Offset != best {
			continue
		}
		where := fmt.Sprintf("#%d", st.N)
		if o.Outcomes > 1 {
			where = fmt.Sprintf("#%d in outcome %d of %d", st.N, st.Outcome+1, o.Outcomes)
		}
		fmt.Fprintf(&b, "- prints `%s` %s, from **%s**", st.Output, where, st.Phase)
		if st.Reason != "" {
			fmt.Fprintf(&b, ": %s", st.Reason)
		}
		b.WriteString("\n")
	}
	if !o.Deterministic {
		b.WriteString("\nNode does not guarantee one order here; run the *Explain callback order* lens for every outcome.\n")
	}
	lineEnd := snap.lines.lineEnd(int(line))
	return b.String(), best, lineEnd, true
}
