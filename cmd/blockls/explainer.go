package main

import "github.com/blockcheck/blockcheck/lsp"

// explainer is the callback-order predictor behind hover, inlay hints and
// code lens.
func explainer() lsp.Explainer { return lsp.ExplainOrder{} }
