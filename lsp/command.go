package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// explainOrderCommand explains the callback order of a file: arguments
// [uri]; it returns the explanation as Markdown and shows it.
const explainOrderCommand = "blockcheck.explainOrder"

// ExecuteCommand runs blockcheck.explainOrder.
func (s *Server) ExecuteCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	if p.Command != explainOrderCommand || s.opt.Explainer == nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q (blockls has %s)", p.Command, explainOrderCommand)
	}
	var target string
	if len(p.Arguments) != 1 || json.Unmarshal(p.Arguments[0], &target) != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one argument, the document URI", explainOrderCommand)
	}
	snap, err := s.doc(uri.URI(target))
	if err != nil {
		return nil, err
	}
	if snap.skip != "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s", snap.skip)
	}
	o, err := s.order(ctx, snap)
	if err != nil {
		return nil, err
	}
	s.showf(protocol.MessageTypeInfo, "%s", o.Markdown)
	return json.Marshal(o.Markdown)
}
