package syncio

import "github.com/blockcheck/blockcheck/analyzer/blocking"

// Analyzer reports synchronous file-system calls (fs.*Sync and blocking third-party file APIs such as glob.sync) on the event loop's hot path.
var Analyzer = blocking.NewAnalyzer("sync-io", "report synchronous file-system calls (fs.*Sync and blocking third-party file APIs such as glob.sync) on the event loop's hot path", false)
