package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/docs"
)

// openDoc is an open document and the state of its analysis.
type openDoc struct {
	snap   *snapshot
	gen    uint64             // bumped by every change; an analysis of an older gen is stale
	timer  *time.Timer        // the debounce timer of the next analysis
	cancel context.CancelFunc // cancels the analysis in flight
	last   *result            // the newest finished analysis
	edited time.Time          // when the last change came
}

// stop cancels the pending and running analyses of a document.
func (d *openDoc) stop() {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
	if d.cancel != nil {
		d.cancel()
	}
}

// result is the analysis of one snapshot.
type result struct {
	snap  *snapshot
	diags []driver.Diagnostic
	lsp   []protocol.Diagnostic
	deps  map[string]bool // other modules the analysis loaded: a change there re-analyzes this one
}

// changed schedules the analysis of a document after delay, cancelling the
// analysis it supersedes, and of the open documents that depend on it.
func (s *Server) changed(u uri.URI, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return
	}
	// The first change after a pause is analyzed at once; the debounce
	// only holds back the changes of a burst (typing).
	now := time.Now()
	if now.Sub(d.edited) > delay {
		delay = 0
	}
	d.edited = now
	s.scheduleLocked(d, delay)
	for _, o := range s.docs {
		if o != d && o.last != nil && o.last.deps[d.snap.path] {
			s.scheduleLocked(o, delay)
		}
	}
}

func (s *Server) scheduleLocked(d *openDoc, delay time.Duration) {
	d.stop()
	gen, u := d.gen, d.snap.uri
	if delay <= 0 {
		go s.run(u, gen)
		return
	}
	d.timer = time.AfterFunc(delay, func() { s.run(u, gen) })
}

// reanalyzeDependents re-analyzes the open documents that loaded one of
// paths (all of them when all is set: a package.json or config change).
func (s *Server) reanalyzeDependents(paths []string, all bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		hit := all
		for _, p := range paths {
			if d.last != nil && d.last.deps[p] {
				hit = true
			}
		}
		if hit {
			s.scheduleLocked(d, s.opt.Debounce)
		}
	}
}

// run analyzes generation gen of a document and publishes the result unless
// a newer change superseded it.
func (s *Server) run(u uri.URI, gen uint64) {
	s.mu.Lock()
	d, ok := s.docs[u]
	if !ok || d.gen != gen {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	d.cancel = cancel
	snap := d.snap
	s.mu.Unlock()
	defer cancel()

	a := s.analyze(ctx, snap)
	s.mu.Lock()
	current := s.docs[u] == d && d.gen == gen && ctx.Err() == nil
	if current {
		d.last = a
	}
	s.mu.Unlock()
	if !current {
		return
	}
	s.publish(ctx, &protocol.PublishDiagnosticsParams{URI: u, Version: protocol.NewOptional(snap.version), Diagnostics: a.lsp})
}

// analysisOf returns the analysis of snap, running it now when the newest
// finished one is older (a request that came before the debounce fired).
func (s *Server) analysisOf(ctx context.Context, snap *snapshot) *result {
	s.mu.Lock()
	if d, ok := s.docs[snap.uri]; ok && d.last != nil && d.last.snap == snap {
		s.mu.Unlock()
		return d.last
	}
	s.mu.Unlock()
	return s.analyze(ctx, snap)
}

func (s *Server) publish(ctx context.Context, p *protocol.PublishDiagnosticsParams) {
	if p.Diagnostics == nil {
		p.Diagnostics = []protocol.Diagnostic{}
	}
	if err := s.client.PublishDiagnostics(context.WithoutCancel(ctx), p); err != nil {
		s.logf(protocol.MessageTypeWarning, "publishDiagnostics %s: %v", string(p.URI), err)
	}
	if s.opt.published != nil {
		s.opt.published(p)
	}
}

// analyze runs the analyzers over a snapshot: its own text, the other open
// documents, and the files on disk under its workspace folder.
func (s *Server) analyze(ctx context.Context, snap *snapshot) (a *result) {
	a = &result{snap: snap, deps: map[string]bool{}}
	if snap.skip != "" {
		a.lsp = []protocol.Diagnostic{{
			Severity: protocol.DiagnosticSeverityInformation,
			Source:   protocol.NewOptional("blockcheck"),
			Message:  protocol.String(snap.skip),
		}}
		return a
	}
	cfg := s.config()
	readFile := s.overlay(readDisk)
	own := func(p string) ([]byte, error) {
		if filepath.Clean(p) == snap.path {
			return snap.text, nil
		}
		return readFile(p)
	}
	var res *driver.Result
	func() {
		defer func() {
			if p := recover(); p != nil {
				s.internalError("driver", snap.path, fmt.Sprintf("%v\n%s", p, debug.Stack()))
				res = &driver.Result{}
			}
		}()
		res = driver.Run(ctx, []string{snap.path}, driver.Options{
			Analyzers: s.opt.Analyzers,
			ReadFile:  own,
			Root:      s.rootFor(snap.path),
			Severity:  cfg.severity,
			Startup:   cfg.Startup,
			Rules:     analyzer.Names(),
		})
	}()
	// Dependencies: the modules the driver loaded for their facts and what
	// they import (the driver loads imports only when some rule has facts).
	for p, m := range res.Modules {
		a.deps[p] = true
		for _, imp := range m.Imports {
			if imp.Resolved != "" {
				a.deps[imp.Resolved] = true
			}
		}
	}
	delete(a.deps, snap.path)
	conv := &converter{s: s, enc: s.encoding(), own: snap, readFile: own}
	for _, d := range res.Diagnostics {
		if d.Path != snap.path {
			continue
		}
		if first, detail, ok := strings.Cut(d.Message, "\n"); ok && strings.HasPrefix(first, "internal error:") {
			s.internalError(d.Rule, snap.path, d.Message)
			d.Message = first
			_ = detail
		}
		a.diags = append(a.diags, d)
		a.lsp = append(a.lsp, conv.diagnostic(d))
	}
	return a
}

// internalError logs a crash of an analyzer and tells the user once per
// rule and session; the file's other rules still report.
func (s *Server) internalError(rule, path, detail string) {
	s.logf(protocol.MessageTypeError, "rule %s crashed on %s: %s", rule, path, detail)
	s.mu.Lock()
	first := !s.crashed[rule]
	s.crashed[rule] = true
	s.mu.Unlock()
	if first {
		s.showf(protocol.MessageTypeError, "blockcheck: rule %s crashed on %s and was skipped there; details are in the log. Please report it with the file.", rule, filepath.Base(path))
	}
}

// converter turns driver diagnostics into LSP ones.
type converter struct {
	s        *Server
	enc      encoding
	own      *snapshot
	readFile func(string) ([]byte, error)
	others   map[string]*lineIndex
}

func (c *converter) lines(path string) *lineIndex {
	if path == c.own.path {
		return c.own.lines
	}
	if li, ok := c.others[path]; ok {
		return li
	}
	b, _ := c.readFile(path)
	li := newLineIndex(b)
	if c.others == nil {
		c.others = map[string]*lineIndex{}
	}
	c.others[path] = li
	return li
}

func (c *converter) location(l driver.Location) protocol.Location {
	return protocol.Location{URI: uri.File(l.Path), Range: c.lines(l.Path).rangeOf(l.Span.Start, l.Span.End, c.enc)}
}

func (c *converter) diagnostic(d driver.Diagnostic) protocol.Diagnostic {
	out := protocol.Diagnostic{
		Range:           c.own.lines.rangeOf(d.Span.Start, d.Span.End, c.enc),
		Severity:        severityOf(d.Severity),
		Code:            protocol.String(d.Rule),
		CodeDescription: protocol.CodeDescription{Href: uri.URI(docs.URL(d.Rule))},
		Source:          protocol.NewOptional("blockcheck"),
		Message:         protocol.String(d.Message),
	}
	for _, r := range d.Related {
		if r.Path == "" {
			continue
		}
		out.RelatedInformation = append(out.RelatedInformation, protocol.DiagnosticRelatedInformation{Location: c.location(r.Location), Message: r.Message})
	}
	return out
}

func severityOf(s driver.Severity) protocol.DiagnosticSeverity {
	switch s {
	case driver.Warning:
		return protocol.DiagnosticSeverityWarning
	case driver.Info:
		return protocol.DiagnosticSeverityInformation
	}
	return protocol.DiagnosticSeverityError
}

// diagnosticsIn returns the indexes of the diagnostics of a that overlap
// [start, end] (touching counts, so a cursor at a diagnostic's end finds it).
func (a *result) diagnosticsIn(start, end int) []int {
	var out []int
	for i, d := range a.diags {
		if d.Span.Start <= end && start <= d.Span.End {
			out = append(out, i)
		}
	}
	return slices.Clip(out)
}
