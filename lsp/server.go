package lsp

import (
	"context"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
)

// Options configure a server.
type Options struct {
	// Version is reported in serverInfo.
	Version string
	// Analyzers to run; nil means every rule (analyzer.Analyzers()).
	Analyzers []*analysis.Analyzer
	// Debounce is how long analysis waits after a change for the next one;
	// 0 means DefaultDebounce. Typing bursts are analyzed once.
	Debounce time.Duration
	// MaxDocumentSize is the largest document analyzed, in bytes; 0 means
	// DefaultMaxDocumentSize. Larger ones get one informational diagnostic.
	MaxDocumentSize int
	// Log receives the server's log (also sent as window/logMessage); nil
	// discards it.
	Log io.Writer
	// Explainer predicts callback order for hover, inlay hints, code lens
	// and the blockcheck.explainOrder command; nil turns those off.
	Explainer Explainer

	published func(*protocol.PublishDiagnosticsParams) // test hook
}

// Defaults of Options.
const (
	DefaultDebounce        = 5 * time.Millisecond
	DefaultMaxDocumentSize = 4 << 20
)

type lifecycle uint8

const (
	starting lifecycle = iota // before initialize
	running                   // initialize answered
	shutDown                  // shutdown answered: only exit is accepted
)

// Server is one blockls session, serving one client.
type Server struct {
	protocol.UnimplementedServer

	opt    Options
	ctx    context.Context // the connection's lifetime
	conn   jsonrpc2.Conn
	client protocol.Client
	logger *log.Logger
	exited chan struct{}

	mu       sync.Mutex
	state    lifecycle
	enc      encoding
	folders  []string
	docs     map[uri.URI]*openDoc
	cfg      *config
	caps     protocol.ClientCapabilities
	trace    protocol.TraceValue
	crashed  map[string]bool // rules whose crash the user was told about
	exitCode int
	orders   orderCache
}

// New returns a server; Serve connects it to a client.
func New(opt Options) *Server {
	if opt.Analyzers == nil {
		opt.Analyzers = analyzer.Analyzers()
	}
	if opt.Debounce == 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.MaxDocumentSize == 0 {
		opt.MaxDocumentSize = DefaultMaxDocumentSize
	}
	if opt.Version == "" {
		opt.Version = "devel"
	}
	w := opt.Log
	if w == nil {
		w = io.Discard
	}
	return &Server{
		opt:     opt,
		logger:  log.New(w, "", log.LstdFlags|log.Lmicroseconds),
		exited:  make(chan struct{}),
		docs:    map[uri.URI]*openDoc{},
		cfg:     defaultConfig(),
		crashed: map[string]bool{},
	}
}

// Serve runs the server over a byte stream (stdin/stdout for blockls) until
// the client sends exit or closes the stream. It returns the process exit
// code the specification asks for: 0 after shutdown then exit, else 1.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	s.conn = jsonrpc2.NewConn(newStream(rwc), jsonrpc2.WithCodec(codec{}))
	s.client = protocol.ClientDispatcher(s.conn)
	s.conn.Go(ctx, s.handler())
	select {
	case <-s.exited:
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil {
			s.logger.Printf("connection ended: %v", err)
		}
	}
	cancel()
	s.mu.Lock()
	for _, d := range s.docs {
		d.stop()
	}
	code := s.exitCode
	if s.state != shutDown {
		code = 1
	}
	s.mu.Unlock()
	go s.conn.Close() // drains in-flight handlers; the process is about to end
	return code
}

// Initialize negotiates the position encoding and announces the features.
func (s *Server) Initialize(ctx context.Context, p *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != starting {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "initialize sent twice")
	}
	s.state = running
	s.caps = p.Capabilities
	if g := p.Capabilities.General; g != nil {
		s.enc = negotiate(g.PositionEncodings)
	}
	s.trace = p.Trace
	if folders, ok := p.WorkspaceFolders.Get(); ok && len(folders) > 0 {
		for _, f := range folders {
			if path, err := pathOf(f.URI); err == nil {
				s.folders = append(s.folders, path)
			}
		}
	} else if p.RootURI != nil && *p.RootURI != "" {
		if path, err := pathOf(*p.RootURI); err == nil {
			s.folders = append(s.folders, path)
		}
	}
	if opts := p.InitializationOptions; len(opts) > 0 {
		s.cfg = parseConfig(opts, s.cfg, s.logLocked)
	}
	s.logger.Printf("initialize: client %s, encoding %s, folders %v", p.ClientInfo.Name, s.enc, s.folders)
	return &protocol.InitializeResult{
		Capabilities: s.capabilities(),
		ServerInfo:   protocol.ServerInfo{Name: "blockls", Version: protocol.NewOptional(s.opt.Version)},
	}, nil
}

func (s *Server) capabilities() protocol.ServerCapabilities {
	yes := true
	incremental := protocol.TextDocumentSyncKindIncremental
	caps := protocol.ServerCapabilities{
		PositionEncoding: s.enc.kind(),
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: &yes,
			Change:    &incremental,
			Save:      &protocol.SaveOptions{},
		},
		CodeActionProvider: &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, fixAllKind},
		},
		ExecuteCommandProvider: protocol.ExecuteCommandOptions{Commands: []string{}},
		Workspace: &protocol.WorkspaceOptions{
			WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{Supported: &yes},
		},
	}
	if s.opt.Explainer != nil {
		caps.HoverProvider = protocol.Boolean(true)
		caps.InlayHintProvider = protocol.Boolean(true)
		caps.CodeLensProvider = &protocol.CodeLensOptions{}
		caps.ExecuteCommandProvider.Commands = []string{explainOrderCommand}
	}
	return caps
}

// Initialized fetches the configuration and watches the workspace's files.
func (s *Server) Initialized(ctx context.Context, p *protocol.InitializedParams) error {
	go func() {
		s.pullConfig(s.ctx)
		s.watchFiles(s.ctx)
	}()
	return nil
}

// Shutdown stops analysis; only exit is accepted afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = shutDown
	for _, d := range s.docs {
		d.stop()
	}
	return nil
}

// Exit ends Serve.
func (s *Server) Exit(ctx context.Context) error {
	select {
	case <-s.exited:
	default:
		close(s.exited)
	}
	return nil
}

// SetTrace sets the level of $/logTrace; blockls logs through
// window/logMessage, so "off" silences the informational messages there.
func (s *Server) SetTrace(ctx context.Context, p *protocol.SetTraceParams) error {
	s.mu.Lock()
	s.trace = p.Value
	s.mu.Unlock()
	return nil
}

func (s *Server) encoding() encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// rootFor returns the workspace folder holding path (the deepest one), or
// the file's own folder: module resolution does not read outside it.
func (s *Server) rootFor(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for _, f := range s.folders {
		if (path == f || strings.HasPrefix(path, f+string(filepath.Separator))) && len(f) > len(best) {
			best = f
		}
	}
	if best == "" {
		best = filepath.Dir(path)
	}
	return best
}

// logf writes to the log file and, as window/logMessage, to the client.
func (s *Server) logf(typ protocol.MessageType, format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.logLocked(typ, format, args...)
}

func (s *Server) logLocked(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logger.Print(msg)
	if s.client == nil || typ >= protocol.MessageTypeLog && s.trace == protocol.TraceValueOff {
		return
	}
	go s.client.LogMessage(context.WithoutCancel(s.ctx), &protocol.LogMessageParams{Type: typ, Message: msg})
}

// showf shows a message to the user (window/showMessage) and logs it.
func (s *Server) showf(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logger.Print(msg)
	if s.client != nil {
		_ = s.client.ShowMessage(context.WithoutCancel(s.ctx), &protocol.ShowMessageParams{Type: typ, Message: msg})
	}
}
