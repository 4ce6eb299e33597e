package atomicswait

import "github.com/blockcheck/blockcheck/analyzer/blocking"

// Analyzer reports Atomics.wait on the main thread.
var Analyzer = blocking.NewAnalyzer("atomics-wait", "report Atomics.wait on the main thread", true)
