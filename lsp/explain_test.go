package lsp

import (
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

func TestExplainFeatures(t *testing.T) {
	c := startServer(t, Options{Explainer: ExplainOrder{}})
	c.initialize()
	u, text := c.open("order.js", 1)
	c.waitPub(u, 1)

	var lenses []protocol.CodeLens
	if err := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": u}}, &lenses); err != nil {
		t.Fatal(err)
	}
	if len(lenses) != 1 || lenses[0].Command.Command != explainOrderCommand {
		t.Fatalf("code lens: %+v", lenses)
	}
	var md string
	if err := c.call("workspace/executeCommand", map[string]any{"command": explainOrderCommand, "arguments": []any{u}}, &md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "Callback order of order.js") || strings.Index(md, `"main"`) > strings.Index(md, `"tick"`) {
		t.Errorf("explanation:\n%s", md)
	}

	var hints []struct {
		Position protocol.Position
		Label    string
	}
	end := protocol.Position{Line: uint32(strings.Count(text, "\n"))}
	if err := c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": u}, "range": protocol.Range{End: end}}, &hints); err != nil {
		t.Fatal(err)
	}
	labels := map[uint32]string{}
	for _, h := range hints {
		labels[h.Position.Line] = h.Label
	}
	// main, tick, promise, timeout
	want := map[uint32]string{3: "#1", 2: "#2", 1: "#3", 0: "#4"}
	for line, l := range want {
		if labels[line] != l {
			t.Errorf("inlay hint on line %d = %q, want %q (all: %+v)", line, labels[line], l, hints)
		}
	}

	var hover struct {
		Contents protocol.MarkupContent
	}
	var raw json.RawMessage
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": u}, "position": protocol.Position{Line: 2, Character: 20}}, &raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &hover); err != nil || !strings.Contains(hover.Contents.Value, "`tick` #2") {
		t.Errorf("hover: %s", raw)
	}
}
