//go:build unix

package files

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 4096, 1 << 20} {
		want := bytes.Repeat([]byte("x = 1;\n"), size/7+1)[:size]
		p := filepath.Join(dir, "f.js")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("ReadFile of %d bytes = %d bytes, %v", size, len(got), err)
		}
		if cap(got) <= len(got) {
			t.Errorf("ReadFile of %d bytes left no spare capacity (jsast.Lexed.Exclusive needs a byte)", size)
		}
	}
	// The resolver tells a missing path from a folder by the error.
	if _, err := ReadFile(filepath.Join(dir, "missing.js")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v, want not exist", err)
	}
	if _, err := ReadFile(dir); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("ReadFile of a folder: %v, want EISDIR", err)
	}
	var pe *fs.PathError
	if _, err := ReadFile(filepath.Join(dir, "missing.js")); !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "missing.js") {
		t.Errorf("ReadFile error %v does not name the path", err)
	}
}

// TestReadFileSpecial reads what is not a regular file: its size is not
// known beforehand, and the reads go on to its end.
func TestReadFileSpecial(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Skip(err)
	}
	want := bytes.Repeat([]byte("abc"), 100000)
	go func() {
		w.Write(want)
		w.Close()
	}()
	defer r.Close()
	got, err := ReadFile("/dev/fd/" + strconv.Itoa(int(r.Fd())))
	if err != nil {
		t.Skip("no /dev/fd:", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("ReadFile of a pipe: %d bytes, want %d", len(got), len(want))
	}
}
