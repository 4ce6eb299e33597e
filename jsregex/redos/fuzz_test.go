package redos

import (
	"testing"
	"time"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{`^(a+)+$`, `\s*,\s*`, `^(?:a|b|ab)*$`, `(?<=x)\d+\d+$`, `^(\w+\s?)*$`, `[\p{L}--\q{ab}]+x`, `(a)\1*b`, `.*.*=.*`, `^[a-z]+$`} {
		for _, fl := range []string{"", "i", "gu", "v", "ms"} {
			f.Add(s, fl)
		}
	}
	f.Fuzz(func(t *testing.T, pattern, flags string) {
		opts := Options{Timeout: 200 * time.Millisecond, MaxSteps: 300_000}
		t0 := time.Now()
		res := Analyze(pattern, flags, opts)
		if d := time.Since(t0); d > 2*time.Second {
			t.Fatalf("Analyze(%q, %q) took %v", pattern, flags, d)
		}
		switch res.Complexity {
		case Polynomial, Exponential:
			if res.Attack == nil || len(res.Evidence) == 0 {
				t.Fatalf("finding without attack: %+v", res)
			}
		case Invalid:
			if res.Err == nil {
				t.Fatal("invalid without error")
			}
		}
	})
}
