package lsp

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// fixAllKind is the code action kind of "apply every blockcheck fix".
const fixAllKind protocol.CodeActionKind = "source.fixAll.blockcheck"

// CodeAction offers, for the diagnostics in the range, the analyzers'
// suggested fixes and the disable comments, and source.fixAll.blockcheck.
func (s *Server) CodeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	snap, err := s.doc(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	start, end, err := snap.lines.span(p.Range, enc)
	if err != nil {
		return nil, err
	}
	a := s.analysisOf(ctx, snap)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []protocol.CommandOrCodeAction
	for _, ca := range codeActions(a, start, end, p.Context.Only, enc) {
		out = append(out, ca)
	}
	return out, nil
}

// codeActions returns the actions for the diagnostics of a overlapping
// [start, end], filtered by the requested kinds.
func codeActions(a *result, start, end int, only []protocol.CodeActionKind, enc encoding) []*protocol.CodeAction {
	var out []*protocol.CodeAction
	snap := a.snap
	if wants(only, protocol.CodeActionKindQuickFix) {
		seenFile := map[string]bool{}
		for _, i := range a.diagnosticsIn(start, end) {
			d, ld := a.diags[i], a.lsp[i]
			for j, f := range d.Fixes {
				if edits := fixEdits(snap, f, enc); edits != nil {
					out = append(out, quickFix(snap, f.Message, ld, edits, j == 0))
				}
			}
			if d.Rule == "syntax" {
				continue
			}
			out = append(out, quickFix(snap, fmt.Sprintf("Disable %s for this line", d.Rule), ld, []protocol.TextEdit{disableLineEdit(snap, d, enc)}, false))
			if !seenFile[d.Rule] {
				seenFile[d.Rule] = true
				out = append(out, quickFix(snap, fmt.Sprintf("Disable %s for this file", d.Rule), ld, []protocol.TextEdit{disableFileEdit(snap, d.Rule, enc)}, false))
			}
		}
	}
	if wants(only, fixAllKind) {
		if edits := fixAll(a, enc); len(edits) > 0 {
			kind := fixAllKind
			out = append(out, &protocol.CodeAction{
				Title: "Fix all blockcheck problems",
				Kind:  &kind,
				Edit:  &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.uri: edits}},
			})
		}
	}
	return out
}

// wants reports whether kind is requested: no filter, or a filter naming
// it or a parent kind ("source" asks for "source.fixAll.blockcheck").
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == kind || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

func quickFix(snap *snapshot, title string, d protocol.Diagnostic, edits []protocol.TextEdit, preferred bool) *protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	ca := &protocol.CodeAction{
		Title:       title,
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{d},
		Edit:        &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.uri: edits}},
	}
	if preferred {
		ca.IsPreferred = &preferred
	}
	return ca
}

// fixEdits converts a suggested fix into edits of snap; nil when it edits
// another file (not offered: one document per action keeps undo simple).
func fixEdits(snap *snapshot, f driver.Fix, enc encoding) []protocol.TextEdit {
	var out []protocol.TextEdit
	for _, e := range f.Edits {
		if e.Path != snap.path {
			return nil
		}
		out = append(out, protocol.TextEdit{Range: snap.lines.rangeOf(e.Span.Start, e.Span.End, enc), NewText: e.NewText})
	}
	return out
}

// disableLineEdit inserts "// blockcheck-disable-next-line RULE" above the
// diagnostic's line, indented like it.
func disableLineEdit(snap *snapshot, d driver.Diagnostic, enc encoding) protocol.TextEdit {
	line := snap.lines.position(d.Span.Start, enc).Line
	start := snap.lines.start[line]
	text := snap.text[start:snap.lines.lineEnd(int(line))]
	indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
	pos := protocol.Position{Line: line}
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: fmt.Sprintf("%s// blockcheck-disable-next-line %s\n", indent, d.Rule)}
}

// disableFileEdit inserts "/* blockcheck-disable RULE */" at the top of the
// file, after a hashbang line.
func disableFileEdit(snap *snapshot, rule string, enc encoding) protocol.TextEdit {
	var pos protocol.Position
	if bytes.HasPrefix(snap.text, []byte("#!")) {
		pos.Line = 1
	}
	return protocol.TextEdit{Range: protocol.Range{Start: pos, End: pos}, NewText: fmt.Sprintf("/* blockcheck-disable %s */\n", rule)}
}

// fixAll merges the first suggested fix of every diagnostic, skipping fixes
// that overlap one already taken.
func fixAll(a *result, enc encoding) []protocol.TextEdit {
	type span struct{ start, end int }
	var taken []span
	var out []protocol.TextEdit
	overlaps := func(st, en int) bool {
		for _, t := range taken {
			if st < t.end && t.start < en || st == t.start && en == t.end {
				return true
			}
		}
		return false
	}
	for _, d := range a.diags {
		if len(d.Fixes) == 0 || fixEdits(a.snap, d.Fixes[0], enc) == nil {
			continue
		}
		f := d.Fixes[0]
		if slices.ContainsFunc(f.Edits, func(e driver.Edit) bool { return overlaps(e.Span.Start, e.Span.End) }) {
			continue
		}
		for _, e := range f.Edits {
			taken = append(taken, span{e.Span.Start, e.Span.End})
		}
		out = append(out, fixEdits(a.snap, f, enc)...)
	}
	return out
}
