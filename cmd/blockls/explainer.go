package main

import "github.com/blockcheck/blockcheck/lsp"

// explainer is the callback-order predictor behind hover, inlay hints and
// code lens; nil until explain-order is wired in.
func explainer() lsp.Explainer { return nil }
