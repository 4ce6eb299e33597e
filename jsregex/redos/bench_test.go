package redos

import "testing"

// BenchmarkAnalyze times one analysis per pattern for a mix of safe and
// vulnerable shapes (ns/op is the time per regex).
func BenchmarkAnalyze(b *testing.B) {
	patterns := []struct{ name, p, f string }{
		{"safe-email", `^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$`, "i"},
		{"safe-semver", `^v?(0|[1-9]\d{0,256})\.(0|[1-9]\d{0,256})$`, ""},
		{"safe-class", `^[a-z]+$`, ""},
		{"poly-trim", `\s*,\s*`, ""},
		{"poly-dotstar", `.*.*=.*`, ""},
		{"poly-digits", `(\d+)-(\d+)`, "g"},
		{"exp-nested", `^(a+)+$`, ""},
		{"exp-words", `^(\w+\s?)*$`, ""},
	}
	for _, p := range patterns {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				Analyze(p.p, p.f, Options{})
			}
		})
	}
}
