// Package synczlib defines the sync-zlib rule: synchronous compression (zlib.*Sync, pako) on the event loop's hot path.
//
// zlib.gzipSync, inflateSync, brotliCompressSync and the other *Sync
// functions compress on the main thread, tens of microseconds per kilobyte
// or more; their callback and stream forms run on the thread pool.
// See docs/rules/sync-zlib.md.
package synczlib
