package jsast

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// benchFiles loads the JS files under $BLOCKCHECK_CORPUS (or jsast's own
// fixtures), for throughput benchmarks reported in MB/s.
func benchFiles(b *testing.B) (files [][]byte, size int64) {
	root := os.Getenv("BLOCKCHECK_CORPUS")
	if root == "" {
		root = "../testdata"
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(p) == ".js" || filepath.Ext(p) == ".mjs" || filepath.Ext(p) == ".cjs") {
			if src, err := os.ReadFile(p); err == nil {
				files = append(files, src)
				size += int64(len(src))
			}
		}
		return nil
	})
	if len(files) == 0 {
		b.Skip("no files")
	}
	return files, size
}

// BenchmarkParse measures the whole front end: parse, re-lex, spans.
func BenchmarkParse(b *testing.B) {
	benchEach(b, func(src []byte) { Parse("bench.js", src, CommonJS) })
}

// benchEach runs f on every benchmark file, b.N times, counting their bytes.
func benchEach(b *testing.B, f func(src []byte)) {
	files, size := benchFiles(b)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range files {
			f(src)
		}
	}
}

// BenchmarkParseFloor measures tdewolff's parser alone, the floor the front
// end is compared with.
func BenchmarkParseFloor(b *testing.B) {
	benchEach(b, func(src []byte) {
		buf := make([]byte, len(src), len(src)+1)
		copy(buf, src)
		js.Parse(parse.NewInputBytes(buf), js.Options{})
	})
}

// BenchmarkLex measures Lex, which a check runs on every file (the parse
// only on the files some rule keeps).
func BenchmarkLex(b *testing.B) {
	benchEach(b, func(src []byte) { Lex("bench.js", src).Release() })
}

// BenchmarkIndex measures the walk that builds the node list, Parse's
// part after the parser, reported as index-ns/op (ns/op counts the lexer
// and the parser too): each module is lexed and parsed just before, so
// that the walk finds its syntax tree in the cache, as it does in Parse.
func BenchmarkIndex(b *testing.B) {
	files, _ := benchFiles(b)
	var index time.Duration
	for b.Loop() {
		for _, src := range files {
			l := Lex("bench.js", src)
			l.own()
			ast, kind, err := parseAs(l.buf, CommonJS)
			if err == nil {
				m := &Module{Src: src, Kind: kind, AST: ast}
				start := time.Now()
				m.index(l)
				index += time.Since(start)
				m.Release()
			}
			l.Release()
		}
	}
	b.ReportMetric(float64(index.Nanoseconds())/float64(b.N), "index-ns/op")
}
