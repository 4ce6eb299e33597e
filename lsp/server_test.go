package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
)

// client is a test client over an in-memory pipe: raw JSON in, raw JSON out.
type client struct {
	t     testing.TB
	conn  jsonrpc2.Conn
	mu    sync.Mutex
	diags map[string][]json.RawMessage // uri -> publishDiagnostics params, in arrival order
	notes chan string                  // methods of server notifications
	pub   chan publication
	srv   *Server
	code  chan int
}

type publication struct {
	URI     string            `json:"uri"`
	Version int32             `json:"version"`
	Diags   []json.RawMessage `json:"diagnostics"`
}

func startServer(t testing.TB, opt Options) *client {
	t.Helper()
	a, b := net.Pipe()
	srv := New(opt)
	c := &client{t: t, diags: map[string][]json.RawMessage{}, notes: make(chan string, 1000), pub: make(chan publication, 1000), srv: srv, code: make(chan int, 1)}
	go func() { c.code <- srv.Serve(context.Background(), a) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(b))
	c.conn.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		switch req.Method() {
		case protocol.MethodTextDocumentPublishDiagnostics:
			var p publication
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.pub <- p
		case protocol.MethodWorkspaceConfiguration:
			return []any{map[string]any{"rules": map[string]string{}}}, nil
		default:
			if !req.IsCall() {
				select {
				case c.notes <- req.Method() + " " + string(req.Params()):
				default:
				}
			}
		}
		return nil, nil
	})
	t.Cleanup(func() { c.conn.Close(); a.Close() })
	return c
}

func (c *client) call(method string, params any, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var raw json.RawMessage
	_, err := c.conn.Call(ctx, method, params, &raw)
	if err == nil && result != nil {
		err = json.Unmarshal(raw, result)
	}
	return err
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

func (c *client) initialize(encodings ...string) map[string]any {
	c.t.Helper()
	var res map[string]any
	caps := map[string]any{"workspace": map[string]any{"configuration": true}}
	if encodings != nil {
		caps["general"] = map[string]any{"positionEncodings": encodings}
	}
	if err := c.call("initialize", map[string]any{"processId": nil, "rootUri": string(uri.File(fixtureDir(c.t))), "capabilities": caps}, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

// waitPub waits for the diagnostics of version v of u.
func (c *client) waitPub(u uri.URI, v int32) publication {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case p := <-c.pub:
			if p.URI == string(u) && p.Version == v {
				return p
			}
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d", u, v)
		}
	}
}

func fixtureDir(t testing.TB) string {
	d, err := filepath.Abs("testdata/app")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (c *client) open(name string, version int32) (uri.URI, string) {
	c.t.Helper()
	path := filepath.Join(fixtureDir(c.t), name)
	b, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	u := uri.File(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "javascript", "version": version, "text": string(b)}})
	return u, string(b)
}

func codeOf(err error) jsonrpc2.Code {
	var w *jsonrpc2.Error
	if errors.As(err, &w) {
		return w.Code
	}
	return 0
}

func TestDiagnosticsAndQuickFix(t *testing.T) {
	c := startServer(t, Options{})
	res := c.initialize("utf-8", "utf-16")
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-8" {
		t.Errorf("positionEncoding = %v, want utf-8 when offered", caps["positionEncoding"])
	}
	u, _ := c.open("server.js", 1)
	p := c.waitPub(u, 1)
	if len(p.Diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %s", len(p.Diags), p.Diags)
	}
	var d struct {
		Range           protocol.Range `json:"range"`
		Severity        int            `json:"severity"`
		Code            string         `json:"code"`
		Source          string         `json:"source"`
		CodeDescription struct{ Href string }
		Message         string
	}
	if err := json.Unmarshal(p.Diags[0], &d); err != nil {
		t.Fatal(err)
	}
	if d.Code != "sync-io" || d.Source != "blockcheck" || d.Severity != 1 || !strings.HasSuffix(d.CodeDescription.Href, "/docs/rules/sync-io.md") || d.Range.Start.Line != 6 {
		t.Errorf("diagnostic = %+v", d)
	}
	var actions []struct {
		Title string
		Kind  string
		Edit  struct {
			Changes map[string][]protocol.TextEdit
		}
	}
	if err := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": u}, "range": d.Range, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	if len(actions) < 2 || actions[0].Title != "Disable sync-io for this line" || actions[1].Title != "Disable sync-io for this file" {
		t.Fatalf("code actions: %q", titles)
	}
	edit := actions[0].Edit.Changes[string(u)][0]
	if edit.NewText != "  // blockcheck-disable-next-line sync-io\n" || edit.Range.Start.Line != 6 {
		t.Errorf("disable-line edit = %+v", edit)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": u, "version": 2},
		"contentChanges": []any{map[string]any{"range": edit.Range, "text": edit.NewText}}})
	if p := c.waitPub(u, 2); len(p.Diags) != 0 {
		t.Errorf("after the disable comment: %s", p.Diags)
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	c.notify("exit", nil)
	if code := <-c.code; code != 0 {
		t.Errorf("exit code %d after shutdown, want 0", code)
	}
}

func TestUTF16IsTheDefault(t *testing.T) {
	c := startServer(t, Options{})
	res := c.initialize()
	if enc := res["capabilities"].(map[string]any)["positionEncoding"]; enc != "utf-16" {
		t.Errorf("positionEncoding = %v, want utf-16", enc)
	}
}

// TestRapidEdits sends many incremental edits back to back: they must be
// applied in wire order, and only the last version's diagnostics matter.
func TestRapidEdits(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	u := uri.File(filepath.Join(fixtureDir(t), "typing.js"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "javascript", "version": 0, "text": ""}})
	var want strings.Builder
	for i := 1; i <= 500; i++ {
		ch := string(rune('a' + i%26))
		if i%40 == 0 {
			ch = "\n"
		}
		pos := map[string]any{"line": strings.Count(want.String(), "\n"), "character": len(want.String()) - strings.LastIndex(want.String(), "\n") - 1}
		want.WriteString(ch)
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": u, "version": i},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": pos, "end": pos}, "text": ch}}})
	}
	c.waitPub(u, 500)
	snap, err := c.srv.doc(u)
	if err != nil {
		t.Fatal(err)
	}
	if string(snap.text) != want.String() {
		t.Errorf("text after 500 edits differs:\n got %q\nwant %q", snap.text, want.String())
	}
}

func TestErrorCodes(t *testing.T) {
	c := startServer(t, Options{})
	if err := c.call("textDocument/hover", map[string]any{}, nil); codeOf(err) != jsonrpc2.ServerNotInitialized {
		t.Errorf("before initialize: %v, want ServerNotInitialized", err)
	}
	c.initialize()
	u, _ := c.open("lib.js", 1)
	never := uri.File(filepath.Join(fixtureDir(t), "never.js"))
	for _, tc := range []struct {
		name, method string
		params       any
		want         jsonrpc2.Code
	}{
		{"unknown method", "blockcheck/unknown", map[string]any{}, jsonrpc2.MethodNotFound},
		{"unimplemented method", "textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": 0, "character": 0}}, jsonrpc2.MethodNotFound},
		{"invalid params", "textDocument/codeAction", map[string]any{"textDocument": 7}, jsonrpc2.InvalidParams},
		{"never opened", "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": never}, "range": protocol.Range{}, "context": map[string]any{"diagnostics": []any{}}}, jsonrpc2.InvalidParams},
		{"line out of range", "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": u}, "range": protocol.Range{End: protocol.Position{Line: 999}}, "context": map[string]any{"diagnostics": []any{}}}, jsonrpc2.InvalidParams},
		{"unknown command", "workspace/executeCommand", map[string]any{"command": "nope"}, jsonrpc2.InvalidParams},
	} {
		if err := c.call(tc.method, tc.params, nil); codeOf(err) != tc.want {
			t.Errorf("%s: %v (code %d), want code %d", tc.name, err, codeOf(err), tc.want)
		}
	}
	// A notification with bad params is logged, not fatal.
	c.notify("textDocument/didChange", map[string]any{"textDocument": "x"})
	// Still serving.
	var actions []any
	if err := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": u}, "range": protocol.Range{}, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
		t.Errorf("after errors: %v", err)
	}
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.call("textDocument/codeAction", map[string]any{}, nil); codeOf(err) != jsonrpc2.InvalidRequest {
		t.Errorf("after shutdown: %v, want InvalidRequest", err)
	}
}

func TestCrashingRuleIsReportedOnce(t *testing.T) {
	c := startServer(t, Options{Analyzers: append(defaultAnalyzers(), CrashingAnalyzer("CRASH-ME"))})
	c.initialize()
	u := uri.File(filepath.Join(fixtureDir(t), "crash.js"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "javascript", "version": 1, "text": "// CRASH-ME\nlet x = 1;\n"}})
	p := c.waitPub(u, 1)
	if len(p.Diags) != 1 || !strings.Contains(string(p.Diags[0]), "internal error: rule debug-crash crashed") || strings.Contains(string(p.Diags[0]), "goroutine") {
		t.Errorf("diagnostics: %s", p.Diags)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": u, "version": 2}, "contentChanges": []any{map[string]any{"text": "// CRASH-ME\nlet y = 2;\n"}}})
	c.waitPub(u, 2)
	time.Sleep(50 * time.Millisecond)
	shown := 0
	for len(c.notes) > 0 {
		if n := <-c.notes; strings.HasPrefix(n, "window/showMessage") && strings.Contains(n, "debug-crash") {
			shown++
		}
	}
	if shown != 1 {
		t.Errorf("crash shown %d times, want once", shown)
	}
}

func defaultAnalyzers() []*analysis.Analyzer { return analyzer.Analyzers() }

// TestDependentsReanalyzed: a change to an open module, or to a file on
// disk reported by didChangeWatchedFiles, re-analyzes the open modules that
// import it.
func TestDependentsReanalyzed(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	srv, _ := c.open("server.js", 1)
	c.waitPub(srv, 1)
	lib, _ := c.open("lib.js", 1)
	c.waitPub(lib, 1)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": lib, "version": 2}, "contentChanges": []any{map[string]any{"text": "exports.loadTemplate = () => 'x';\n"}}})
	c.waitPub(srv, 1) // republished: its dependency changed
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": lib, "type": 2}}})
	c.waitPub(srv, 1)
}
