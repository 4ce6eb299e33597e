package synczlib

import "github.com/blockcheck/blockcheck/analyzer/blocking"

// Analyzer reports synchronous compression (zlib.*Sync, pako) on the event loop's hot path.
var Analyzer = blocking.NewAnalyzer("sync-zlib", "report synchronous compression (zlib.*Sync, pako) on the event loop's hot path", false)
