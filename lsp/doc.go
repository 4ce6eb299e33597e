// Package lsp is blockls, blockcheck's language server.
//
// It speaks the Language Server Protocol 3.18 (go.lsp.dev/protocol v1.0.1
// over go.lsp.dev/jsonrpc2) and serves what the analyzers and explain-order
// produce. Like gopls, it is split by feature, one file per request family:
//
//	server.go      lifecycle: initialize, shutdown, exit, $/setTrace, capabilities
//	rpc.go         the JSON-RPC handler chain: wire order, cancellation, error codes, panics
//	documents.go   didOpen/didChange/didClose/didSave and the text of open documents
//	position.go    LSP positions in the negotiated encoding (UTF-8 or UTF-16) and byte offsets
//	diagnostics.go analysis of open documents, debounced, and publishDiagnostics
//	codeaction.go  quick fixes, disable comments and source.fixAll.blockcheck
//	config.go      workspace/configuration (blockcheck.rules, .node, .startup)
//	workspace.go   workspace folders and watched files
//	hover.go, inlayhint.go, codelens.go, command.go: callback order from explain-order
//
// Features are plain functions from a document snapshot to protocol values,
// so they are tested without JSON-RPC; the Server methods only look up the
// document and convert errors.
package lsp
