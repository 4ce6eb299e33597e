package explain

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzPredict runs the interpreter on arbitrary text: it must never panic,
// must end within its budgets, and must either predict or report a syntax
// error. No file outside the fuzz input is readable.
func FuzzPredict(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "order", "*.*js"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && len(b) < 1<<14 {
			f.Add(b)
		}
	}
	f.Add([]byte("while (true) {}"))
	f.Add([]byte("function f() { process.nextTick(f) } f()"))
	f.Add([]byte("(async () => { for (;;) await null })()"))
	noFiles := func(p string) ([]byte, error) { return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist} }
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		p, err := Predict("/fuzz/main.js", src, Options{Node: 22, MaxRuns: 8, MaxSteps: 20000, ReadFile: noFiles, Timeout: 2 * time.Second})
		if took := time.Since(start); took > 10*time.Second {
			t.Fatalf("prediction took %v, past its 2 s budget", took)
		}
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if p == nil || len(p.Outcomes) == 0 && p.Complete {
			t.Fatalf("a complete prediction with no outcome: %+v", p)
		}
	})
}
