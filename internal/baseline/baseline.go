// Package baseline lets a large codebase adopt blockcheck: --write-baseline
// records today's findings, and later runs with --baseline report only the
// findings not recorded. Entries are matched by rule, file and fingerprint
// (internal/fingerprint), never by line, so edits elsewhere in a file do
// not resurface recorded findings.
package baseline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/internal/fingerprint"
)

// Baseline is the file's contents.
type Baseline struct {
	// Version of the fingerprint algorithm the entries were made with.
	Version string  `json:"version"`
	Entries []Entry `json:"entries"`

	dir string // the baseline file's directory: entry files are relative to it
}

// Entry is one recorded finding. Message is for people reading the file.
type Entry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"` // slash-separated, relative to the baseline file
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
}

type key struct{ rule, file, fp string }

// New builds the baseline of diags (with their fingerprints) for a file
// to be written at path.
func New(path string, diags []driver.Diagnostic, fps []string) *Baseline {
	b := &Baseline{Version: fingerprint.Version, Entries: []Entry{}, dir: absDir(path)}
	for i, d := range diags {
		b.Entries = append(b.Entries, Entry{Rule: d.Rule, File: b.rel(d.Path), Fingerprint: fps[i], Message: d.Message})
	}
	slices.SortFunc(b.Entries, func(x, y Entry) int {
		return strings.Compare(x.File+"\x00"+x.Rule+"\x00"+x.Fingerprint, y.File+"\x00"+y.Rule+"\x00"+y.Fingerprint)
	})
	return b
}

// Write writes b to path, replacing it through a temporary file.
func (b *Baseline) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".blockcheck-baseline-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Read reads the baseline file at path.
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b := &Baseline{}
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("%s: not a blockcheck baseline: %v", path, err)
	}
	if b.Version != fingerprint.Version {
		return nil, fmt.Errorf("%s: baseline made with fingerprints %q, this blockcheck uses %q: run --write-baseline again", path, b.Version, fingerprint.Version)
	}
	b.dir = absDir(path)
	return b, nil
}

// Filter returns the indices of diags not in the baseline, and how many
// entries for the checked files matched no finding (fixed, or changed
// beyond recognition). Each entry absorbs at most one finding.
func (b *Baseline) Filter(diags []driver.Diagnostic, fps []string, checked []string) (fresh []int, gone int) {
	left := map[key]int{}
	for _, e := range b.Entries {
		left[key{e.Rule, e.File, e.Fingerprint}]++
	}
	for i, d := range diags {
		k := key{d.Rule, b.rel(d.Path), fps[i]}
		if left[k] > 0 {
			left[k]--
			continue
		}
		fresh = append(fresh, i)
	}
	inRun := map[string]bool{}
	for _, f := range checked {
		inRun[b.rel(f)] = true
	}
	for k, n := range left {
		if inRun[k.file] {
			gone += n
		}
	}
	return fresh, gone
}

func (b *Baseline) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if rel, err := filepath.Rel(b.dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

func absDir(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Dir(path)
	}
	return filepath.Dir(abs)
}
