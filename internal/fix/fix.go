// Package fix applies suggested fixes: it picks, per diagnostic, the first
// fix, drops fixes whose edits overlap ones already taken, applies the
// edits of each file at once and replaces the file atomically (temporary
// file in the same folder, then rename), or renders the change as a
// unified diff for --fix-dry-run.
package fix

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// Plan is the edits to make, by file.
type Plan struct {
	Edits   map[string][]driver.Edit
	Fixes   int // fixes taken
	Skipped int // fixes dropped because they overlap a fix taken earlier
}

// Collect plans the first fix of each diagnostic. A fix is taken whole or
// not at all: if any of its edits overlaps an edit already planned, it is
// skipped (a re-run after fixing will offer it again if still relevant).
func Collect(diags []driver.Diagnostic) *Plan {
	p := &Plan{Edits: map[string][]driver.Edit{}}
	for _, d := range diags {
		if len(d.Fixes) == 0 || len(d.Fixes[0].Edits) == 0 {
			continue
		}
		f := d.Fixes[0]
		ok := true
		for _, e := range f.Edits {
			for _, o := range p.Edits[e.Path] {
				if overlaps(e, o) {
					ok = false
				}
			}
		}
		if !ok {
			p.Skipped++
			continue
		}
		for _, e := range f.Edits {
			p.Edits[e.Path] = append(p.Edits[e.Path], e)
		}
		p.Fixes++
	}
	return p
}

// overlaps reports whether two edits touch the same text; two insertions
// at one point overlap too, since their order would be arbitrary.
func overlaps(a, b driver.Edit) bool {
	if a.Span == b.Span {
		return true
	}
	return a.Span.Start < b.Span.End && b.Span.Start < a.Span.End
}

// Files returns the planned files, sorted.
func (p *Plan) Files() []string {
	out := make([]string, 0, len(p.Edits))
	for f := range p.Edits {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// Apply returns src with edits (non-overlapping) made.
func Apply(src []byte, edits []driver.Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b driver.Edit) int {
		return cmp.Or(a.Span.Start-b.Span.Start, a.Span.End-b.Span.End)
	})
	var out []byte
	last := 0
	for _, e := range sorted {
		if e.Span.Start < last || e.Span.End > len(src) || e.Span.Start > e.Span.End {
			return nil, fmt.Errorf("edit %d-%d does not fit the file (%d bytes) or overlaps another", e.Span.Start, e.Span.End, len(src))
		}
		out = append(out, src[last:e.Span.Start]...)
		out = append(out, e.NewText...)
		last = e.Span.End
	}
	return append(out, src[last:]...), nil
}

// WriteAtomic replaces path with data: written to a temporary file in the
// same folder, synced, given path's permissions, then renamed over it, so
// a reader (or a crash) sees the old file or the new one, never half.
func WriteAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".blockcheck-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
