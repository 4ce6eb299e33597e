package lsp

import (
	"context"
	"path/filepath"

	"go.lsp.dev/protocol"
)

// watchFiles asks the client to report changes of JavaScript files and
// package.json under the workspace folders (dynamic registration), so that
// modules edited outside the editor re-analyze their open dependents.
func (s *Server) watchFiles(ctx context.Context) {
	s.mu.Lock()
	w := s.caps.Workspace
	can := w != nil && w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil && *w.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	if !can {
		return
	}
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
		{GlobPattern: protocol.Pattern("**/*.{js,mjs,cjs}")},
		{GlobPattern: protocol.Pattern("**/package.json")},
	}})
	if err != nil {
		return
	}
	err = s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "blockcheck-watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts,
	}}})
	if err != nil {
		s.logf(protocol.MessageTypeWarning, "registering file watchers: %v", err)
	}
}

// DidChangeWatchedFiles re-analyzes the open documents that loaded a changed
// file; a package.json change (module kind, resolution) re-analyzes all.
func (s *Server) DidChangeWatchedFiles(ctx context.Context, p *protocol.DidChangeWatchedFilesParams) error {
	var paths []string
	all := false
	for _, c := range p.Changes {
		path, err := pathOf(c.URI)
		if err != nil {
			continue
		}
		if filepath.Base(path) == "package.json" {
			all = true
		}
		paths = append(paths, path)
	}
	s.reanalyzeDependents(paths, all)
	return nil
}

// DidChangeWorkspaceFolders updates the roots module resolution may read.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, p *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	for _, f := range p.Event.Removed {
		if path, err := pathOf(f.URI); err == nil {
			for i, g := range s.folders {
				if g == path {
					s.folders = append(s.folders[:i], s.folders[i+1:]...)
					break
				}
			}
		}
	}
	for _, f := range p.Event.Added {
		if path, err := pathOf(f.URI); err == nil {
			s.folders = append(s.folders, path)
		}
	}
	s.mu.Unlock()
	s.reanalyzeDependents(nil, true)
	return nil
}
