// Package syncio defines the sync-io rule: synchronous file-system calls (fs.*Sync and blocking third-party file APIs such as glob.sync) on the event loop's hot path.
//
// A synchronous file-system call stops the whole process until the disk
// answers: while a request handler reads a file with readFileSync, no other
// request, timer or socket is served. Start-up code (the module body and
// functions only called from it) is not reported: blocking there is
// normal. Inside an async function, fs.readFileSync(p, o) has a suggested
// fix: await fs.promises.readFile(p, o).
// See docs/rules/sync-io.md.
package syncio
