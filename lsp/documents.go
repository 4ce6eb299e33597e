package lsp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// snapshot is one version of an open document. Its text is never modified:
// every change makes a new snapshot, so analyses and requests can keep one
// while edits go on.
type snapshot struct {
	uri     uri.URI
	path    string
	version int32
	text    []byte
	lines   *lineIndex
	// skip says why the document is not analyzed ("" when it is): too
	// large, or binary.
	skip string
}

func newSnapshot(u uri.URI, path string, version int32, text []byte, maxSize int) *snapshot {
	s := &snapshot{uri: u, path: path, version: version, text: text, lines: newLineIndex(text)}
	switch {
	case len(text) > maxSize:
		s.skip = fmt.Sprintf("%s is %d bytes, more than the %d blockls analyzes; it is not checked", filepath.Base(path), len(text), maxSize)
	case bytes.IndexByte(text, 0) >= 0:
		s.skip = fmt.Sprintf("%s holds NUL bytes: it looks binary, not JavaScript; it is not checked", filepath.Base(path))
	}
	return s
}

// applyChanges applies content changes in order to text and returns the new
// text. Ranges are read against the text as changed by the earlier events
// of the same notification, as the specification says.
func applyChanges(text []byte, changes []protocol.TextDocumentContentChangeEvent, enc encoding) ([]byte, error) {
	var bad error
	for _, c := range changes {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = []byte(c.Text)
		case *protocol.TextDocumentContentChangePartial:
			li := newLineIndex(text)
			start, errS := li.offset(c.Range.Start, enc)
			end, errE := li.offset(c.Range.End, enc)
			if errS != nil || errE != nil {
				bad = fmt.Errorf("change range %v is out of range; clamped to the document", c.Range)
			}
			if end < start {
				start, end = end, start
			}
			out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
			out = append(out, text[:start]...)
			out = append(out, c.Text...)
			out = append(out, text[end:]...)
			text = out
		default:
			bad = fmt.Errorf("unknown change event %T", c)
		}
	}
	return text, bad
}

// pathOf returns the file path of a file: URI, or an error for other schemes.
func pathOf(u uri.URI) (string, error) {
	if !u.IsFile() {
		return "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not a file: URI; blockls only checks files", string(u))
	}
	return filepath.Clean(u.FsPath()), nil
}

// doc returns the current snapshot of an open document, or InvalidParams.
func (s *Server) doc(u uri.URI) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "document %s is not open (send textDocument/didOpen first)", string(u))
	}
	return d.snap, nil
}

// DidOpen starts tracking a document and analyzes it.
func (s *Server) DidOpen(ctx context.Context, p *protocol.DidOpenTextDocumentParams) error {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return err
	}
	snap := newSnapshot(p.TextDocument.URI, path, p.TextDocument.Version, []byte(p.TextDocument.Text), s.opt.MaxDocumentSize)
	s.mu.Lock()
	if old, ok := s.docs[snap.uri]; ok {
		old.stop()
	}
	s.docs[snap.uri] = &openDoc{snap: snap}
	s.mu.Unlock()
	s.changed(snap.uri, 0)
	return nil
}

// DidChange applies edits, in the order they came, and schedules analysis.
func (s *Server) DidChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("didChange for %s, which is not open; ignored", string(p.TextDocument.URI))
	}
	old := d.snap
	text, err := applyChanges(old.text, p.ContentChanges, s.enc)
	d.snap = newSnapshot(old.uri, old.path, p.TextDocument.Version, text, s.opt.MaxDocumentSize)
	s.mu.Unlock()
	s.changed(old.uri, s.opt.Debounce)
	if err != nil {
		return fmt.Errorf("didChange %s v%d: %w", string(old.uri), p.TextDocument.Version, err)
	}
	return nil
}

// DidSave re-analyzes the documents that depend on the saved file: their
// dependency is now read from the buffer or the disk, which agree.
func (s *Server) DidSave(ctx context.Context, p *protocol.DidSaveTextDocumentParams) error {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.reanalyzeDependents([]string{path}, false)
	return nil
}

// DidClose stops tracking a document and clears its diagnostics.
func (s *Server) DidClose(ctx context.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	if ok {
		d.stop()
		delete(s.docs, p.TextDocument.URI)
	}
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("didClose for %s, which is not open; ignored", string(p.TextDocument.URI))
	}
	s.publish(ctx, &protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	// Dependents now read this module from the disk.
	s.reanalyzeDependents([]string{d.snap.path}, false)
	return nil
}

// overlay reads a file from the open documents first, then from the disk.
func (s *Server) overlay(readDisk func(string) ([]byte, error)) func(string) ([]byte, error) {
	s.mu.Lock()
	open := make(map[string][]byte, len(s.docs))
	for _, d := range s.docs {
		open[d.snap.path] = d.snap.text
	}
	s.mu.Unlock()
	return func(p string) ([]byte, error) {
		if b, ok := open[filepath.Clean(p)]; ok {
			return b, nil
		}
		return readDisk(p)
	}
}

var readDisk = os.ReadFile
