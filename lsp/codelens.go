package lsp

import (
	"context"
	"encoding/json"
	"regexp"

	"go.lsp.dev/protocol"
)

// schedules matches the calls whose callbacks run later: a file without one
// has no order worth explaining.
var schedules = regexp.MustCompile(`\b(setTimeout|setInterval|setImmediate|queueMicrotask|nextTick|Promise|then|await|emit|on|once|readFile|createServer)\s*\(|\bawait\b`)

// CodeLens offers "Explain callback order" at the top of files that
// schedule callbacks.
func (s *Server) CodeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	if s.opt.Explainer == nil {
		return nil, nil
	}
	snap, err := s.doc(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return codeLenses(snap), nil
}

func codeLenses(snap *snapshot) []protocol.CodeLens {
	if snap.skip != "" || !schedules.Match(snap.text) {
		return nil
	}
	arg, _ := json.Marshal(string(snap.uri))
	return []protocol.CodeLens{{
		Range:   protocol.Range{},
		Command: protocol.Command{Title: "Explain callback order", Command: explainOrderCommand, Arguments: []protocol.LSPAny{arg}},
	}}
}
