package redos

import "testing"

// BenchmarkAnalyze measures a mix of safe and vulnerable shapes.
func BenchmarkAnalyze(b *testing.B) {
	patterns := []struct{ p, f string }{
		{`^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$`, "i"},
		{`^(a+)+$`, ""},
		{`\s*,\s*`, ""},
		{`^(?:\d+\.)*\d+$`, ""},
		{`^v?(0|[1-9]\d{0,256})\.(0|[1-9]\d{0,256})$`, ""},
		{`.*.*=.*`, ""},
		{`^(\w+\s?)*$`, ""},
		{`(\d+)-(\d+)`, "g"},
	}
	for b.Loop() {
		for _, p := range patterns {
			Analyze(p.p, p.f, Options{})
		}
	}
}
