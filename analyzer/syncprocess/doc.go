// Package syncprocess defines the sync-process rule: synchronous child processes (execSync, execFileSync, spawnSync and third-party equivalents) on the event loop's hot path.
//
// A synchronous child process stops the event loop for as long as the
// command runs: milliseconds to start a process, then the command's own run
// time. child_process.execSync/execFileSync/spawnSync, execa.sync and
// execaSync, cross-spawn.sync, shelljs.exec without a callback or
// { async: true }, sync-request and deasync are reported.
// See docs/rules/sync-process.md.
package syncprocess
