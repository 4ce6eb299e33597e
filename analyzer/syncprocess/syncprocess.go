package syncprocess

import "github.com/blockcheck/blockcheck/analyzer/blocking"

// Analyzer reports synchronous child processes (execSync, execFileSync, spawnSync and third-party equivalents) on the event loop's hot path.
var Analyzer = blocking.NewAnalyzer("sync-process", "report synchronous child processes (execSync, execFileSync, spawnSync and third-party equivalents) on the event loop's hot path", false)
