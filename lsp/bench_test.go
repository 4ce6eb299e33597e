package lsp

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/uri"
)

// bigFile returns a JavaScript file of about n lines: route handlers, some
// blocking, helpers and timers, like a mid-sized Express app.
func bigFile(n int) string {
	var b strings.Builder
	b.WriteString("'use strict';\nconst fs = require('fs');\nconst http = require('http');\nconst crypto = require('crypto');\n\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < n-20; i++ {
		fmt.Fprintf(&b, `function helper%[1]d(input) {
  const parts = String(input).split(',');
  let total = 0;
  for (const p of parts) {
    total += p.length * %[1]d;
  }
  return total;
}

http.createServer((req, res) => {
  const value = helper%[1]d(req.url);
  if (value > %[1]d) {
    res.end(fs.readFileSync('page%[1]d.html'));
    return;
  }
  setTimeout(() => res.end(String(value)), 10);
}).listen(%[1]d);

`, i)
	}
	return b.String()
}

// BenchmarkDidChangeToPublish measures the latency from a didChange on a
// 2,000-line file to the publishDiagnostics of that version, through the
// JSON-RPC connection, debounce included; it reports the median and p99.
func BenchmarkDidChangeToPublish(b *testing.B) {
	c := startServer(b, Options{})
	c.initialize()
	text := bigFile(2000)
	u := uri.File(filepath.Join(fixtureDir(b), "big2000.js"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "javascript", "version": 1, "text": text}})
	first := c.waitPub(u, 1)
	if len(first.Diags) == 0 {
		b.Fatal("no diagnostics on the benchmark file")
	}
	lines := strings.Count(text, "\n")
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := int32(i + 2)
		// Type a character into a comment at the end of a line in the middle.
		pos := map[string]any{"line": lines / 2, "character": 0}
		start := time.Now()
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": u, "version": v},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": pos, "end": pos}, "text": "//x\n"}}})
		c.waitPub(u, v)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lines), "lines")
}

// BenchmarkOpenDocuments measures the memory held with 200 open documents
// (each analyzed once) of about 300 lines.
func BenchmarkOpenDocuments(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c := startServer(b, Options{})
		c.initialize()
		text := bigFile(300)
		var uris []uri.URI
		for d := 0; d < 200; d++ {
			u := uri.File(filepath.Join(fixtureDir(b), fmt.Sprintf("open%03d.js", d)))
			uris = append(uris, u)
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "javascript", "version": 1, "text": text}})
		}
		seen := map[string]bool{}
		for len(seen) < len(uris) {
			p := <-c.pub
			seen[p.URI] = true
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-heap")
		b.ReportMetric(float64(len(text)*200)/(1<<20), "MiB-text")
		c.conn.Close()
	}
}
