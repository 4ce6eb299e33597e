package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// codec marshals payloads with the protocol package's union-aware codec
// (the one NewServer installs is unexported).
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	if m, ok := v.(jsonrpc2.RawMessage); ok {
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}

// handler is the JSON-RPC handler chain, outermost first:
//
//   - $/cancelRequest is handled on the read goroutine as soon as it
//     arrives, cancelling the named request even while it waits its turn;
//   - ordered keeps wire order: protocol.NewServer's chain runs every
//     message concurrently, which applies rapid didChange edits out of order;
//   - guard enforces the lifecycle, recovers panics and gives every error
//     its JSON-RPC code; a notification's error is logged, never returned
//     (jsonrpc2 would close the connection);
//   - protocol.ServerHandler decodes params and calls the Server methods.
func (s *Server) handler() jsonrpc2.Handler {
	return protocol.CancelHandler(ordered(s.guard(protocol.ServerHandler(s, nil))))
}

// ordered runs each message after the previous one has been handled, while
// releasing the read goroutine (jsonrpc2.Async) so that cancellations and
// responses to the server's own calls are still read. A request only holds
// the next message back until it starts: requests run concurrently with
// later messages, notifications (which change state) one at a time.
func ordered(next jsonrpc2.Handler) jsonrpc2.Handler {
	var mu sync.Mutex
	prev := make(chan struct{})
	close(prev)
	return func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		mu.Lock()
		wait, done := prev, make(chan struct{})
		prev = done
		mu.Unlock()
		jsonrpc2.Async(ctx)
		<-wait
		if req.IsCall() {
			close(done)
			return next(ctx, req)
		}
		defer close(done)
		return next(ctx, req)
	}
}

// guard wraps the protocol handler with the lifecycle rules, panic recovery
// and error codes.
func (s *Server) guard(next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
		method := req.Method()
		if err := s.admit(method, req.IsCall()); err != nil {
			if !req.IsCall() {
				s.logf(protocol.MessageTypeLog, "%s ignored: %v", method, err)
				return nil, nil
			}
			return nil, err
		}
		defer func() {
			if p := recover(); p != nil {
				s.logf(protocol.MessageTypeError, "internal error handling %s: %v\n%s", method, p, debug.Stack())
				result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "blockls: internal error handling %s: %v (the server keeps running; details in its log)", method, p)
			}
			if err != nil && !req.IsCall() {
				s.logf(protocol.MessageTypeWarning, "%s: %v", method, err)
				result, err = nil, nil
			}
		}()
		result, err = next(ctx, req)
		if err == nil && req.IsCall() && ctx.Err() != nil {
			return nil, protocol.ErrRequestCancelled
		}
		return result, wireError(method, err)
	}
}

// admit applies the lifecycle: before initialize only initialize (and exit)
// are served; after shutdown only exit.
func (s *Server) admit(method string, call bool) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		return nil
	case state == starting && method != protocol.MethodInitialize:
		return jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method)
	case state == shutDown:
		return jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown: only exit is accepted", method)
	case !call && strings.HasPrefix(method, "$/"):
		return nil // optional notifications are ignored by the protocol handler
	}
	return nil
}

// wireError gives an error its JSON-RPC code. Params that decode badly come
// back from protocol.ServerHandler as ParseError, but the message itself
// parsed: that is InvalidParams. Context errors mean the request was
// cancelled. Plain errors would reach the client as code 0.
func wireError(method string, err error) error {
	if err == nil {
		return nil
	}
	var wire *jsonrpc2.Error
	switch {
	case errors.Is(err, context.Canceled):
		return protocol.ErrRequestCancelled
	case errors.As(err, &wire) && wire.Code == jsonrpc2.ParseError:
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params for %s: %v", method, err)
	case errors.As(err, &wire) && wire.Code == jsonrpc2.MethodNotFound:
		return jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
	case errors.As(err, &wire):
		return err
	}
	return jsonrpc2.Errorf(jsonrpc2.InternalError, "%s: %v", method, fmt.Sprint(err))
}

func panicText(p any) string { return fmt.Sprintf("%v\n%s", p, debug.Stack()) }

func errInternal(msg string) error { return jsonrpc2.Errorf(jsonrpc2.InternalError, "%s", msg) }

// frames is the framing interface jsonrpc2's header stream implements
// (and its connection uses when the stream has it).
type frames interface {
	ReadFrame(ctx context.Context) ([]byte, int64, error)
	WriteFrame(ctx context.Context, data []byte) (int64, error)
}

// tolerantStream answers a frame that is not JSON with ParseError, and a
// JSON value that is not a request, notification or response with
// InvalidRequest, then reads on: jsonrpc2 would end the connection.
type tolerantStream struct {
	jsonrpc2.Stream
	frames frames
}

func newStream(rwc io.ReadWriteCloser) jsonrpc2.Stream {
	st := jsonrpc2.NewStream(rwc)
	f, ok := st.(frames)
	if !ok {
		return st
	}
	return &tolerantStream{Stream: st, frames: f}
}

func (t *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		b, n, err := t.frames.ReadFrame(ctx)
		if err != nil {
			return b, n, err
		}
		reply := checkFrame(b)
		if reply == nil {
			return b, n, nil
		}
		if _, err := t.frames.WriteFrame(ctx, reply); err != nil {
			return nil, n, err
		}
	}
}

func (t *tolerantStream) WriteFrame(ctx context.Context, data []byte) (int64, error) {
	return t.frames.WriteFrame(ctx, data)
}

// checkFrame returns the error response for a frame jsonrpc2 cannot
// handle, or nil. Batches are left to jsonrpc2, which answers bad members.
func checkFrame(b []byte) []byte {
	if !json.Valid(b) {
		return errorResponse(nil, jsonrpc2.ParseError, "parse error: the message is not valid JSON")
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		return nil
	}
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if json.Unmarshal(b, &m) != nil {
		return errorResponse(nil, jsonrpc2.InvalidRequest, "invalid request: not a JSON object")
	}
	var method string
	switch {
	case m.Method == nil && (m.Result != nil || m.Error != nil):
		return nil // a response to one of the server's calls
	case m.Method == nil || json.Unmarshal(m.Method, &method) != nil:
		return errorResponse(m.ID, jsonrpc2.InvalidRequest, "invalid request: no method")
	}
	if len(m.ID) > 0 && m.ID[0] != '"' && m.ID[0] != '-' && (m.ID[0] < '0' || m.ID[0] > '9') && string(m.ID) != "null" {
		return errorResponse(nil, jsonrpc2.InvalidRequest, "invalid request: id must be a number or a string")
	}
	return nil
}

func errorResponse(id json.RawMessage, code jsonrpc2.Code, msg string) []byte {
	if len(id) == 0 || id[0] != '"' && id[0] != '-' && (id[0] < '0' || id[0] > '9') {
		id = json.RawMessage("null")
	}
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "error": map[string]any{"code": code, "message": msg}})
	return b
}
