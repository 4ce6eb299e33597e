package lsp

import (
	"context"
	"errors"
	"fmt"
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
