// Package cache keeps the diagnostics of files between runs (--cache), so
// that CI re-runs and editors re-check only what changed. A file's entry
// is valid while its content, the content of every in-tree module it
// depends on (facts flow from imports, so their changes change its
// findings), the configuration files above it and the blockcheck build
// and options are unchanged.
package cache

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// formatVersion changes when the file layout changes.
const formatVersion = "blockcheck-cache/2"

// Cache is a loaded cache file.
type Cache struct {
	path    string
	key     string
	entries map[string]*Entry
	files   []file         // every file an entry depends on, each once
	index   map[string]int // path → its place in files
	dirty   bool           // entries changed since Open: Save writes

	mu     sync.Mutex
	hashes map[string]string // file path → content hash, this run
}

// Entry is what is kept for one file.
type Entry struct {
	Hash        string  // of the file's content
	Config      string  // hash of the configuration files that apply to it
	Deps        []int32 // in-tree modules it depends on: indices into the file's Files
	Diagnostics []driver.Diagnostic
}

// file is a module entries depend on, with its content hash when they
// were stored. Entries share it: a large tree's modules have many
// dependencies in common.
type file struct {
	Path, Hash string
	fresh      int8 // 0 not checked this run, 1 unchanged, -1 changed
}

type fileData struct {
	Format, Key string
	Files       []file
	Entries     map[string]*Entry
}

// Open loads the cache at path for a run whose analysis depends on key
// (the build of blockcheck and the options that change findings). A
// missing, unreadable or foreign file gives an empty cache.
func Open(path, key string) *Cache {
	c := &Cache{path: path, key: key, entries: map[string]*Entry{}, index: map[string]int{}, hashes: map[string]string{}}
	f, err := os.Open(path)
	if err != nil {
		return c
	}
	defer f.Close()
	var d fileData
	if gob.NewDecoder(bufio.NewReader(f)).Decode(&d) != nil || d.Format != formatVersion || d.Key != key {
		return c
	}
	for i, f := range d.Files {
		c.index[f.Path] = i
	}
	for p, e := range d.Entries {
		if !slices.ContainsFunc(e.Deps, func(i int32) bool { return i < 0 || int(i) >= len(d.Files) }) {
			c.entries[p] = e
		}
	}
	c.files = d.Files
	return c
}

// Hash returns the content hash of a file ("" when unreadable), memoized
// for the run.
func (c *Cache) Hash(path string) string {
	c.mu.Lock()
	h, ok := c.hashes[path]
	c.mu.Unlock()
	if ok {
		return h
	}
	if b, err := os.ReadFile(path); err == nil {
		sum := sha256.Sum256(b)
		h = hex.EncodeToString(sum[:16])
	}
	c.mu.Lock()
	c.hashes[path] = h
	c.mu.Unlock()
	return h
}

// Lookup returns the diagnostics kept for path if still valid.
func (c *Cache) Lookup(path string) ([]driver.Diagnostic, bool) {
	e, ok := c.entries[path]
	if !ok || e.Hash == "" || e.Hash != c.Hash(path) || e.Config != c.configHash(path) {
		return nil, false
	}
	for _, i := range e.Deps {
		if !c.unchanged(int(i)) {
			return nil, false
		}
	}
	return e.Diagnostics, true
}

// unchanged reports whether dependency i still has the content it had
// when the entries naming it were stored.
func (c *Cache) unchanged(i int) bool {
	f := &c.files[i]
	if f.fresh == 0 {
		f.fresh = -1
		if c.Hash(f.Path) == f.Hash {
			f.fresh = 1
		}
	}
	return f.fresh > 0
}

// Store records the findings of files analyzed this run: diags (all of
// the run's, sorted by path) and, per file, the modules it depends on.
func (c *Cache) Store(paths []string, diags []driver.Diagnostic, deps func(path string) []string) {
	byPath := map[string][]driver.Diagnostic{}
	for _, d := range diags {
		byPath[d.Path] = append(byPath[d.Path], d)
	}
	for _, p := range paths {
		e := &Entry{Hash: c.Hash(p), Config: c.configHash(p), Diagnostics: byPath[p]}
		if e.Hash == "" {
			continue
		}
		for _, d := range deps(p) {
			e.Deps = append(e.Deps, int32(c.fileIndex(d)))
		}
		c.entries[p] = e
		c.dirty = true
	}
}

// fileIndex returns the place of dependency path in c.files, with its
// content now. A dependency that changed since older entries named it
// gets a new place: those entries, now invalid, keep the old one until
// Save drops them.
func (c *Cache) fileIndex(path string) int {
	if i, ok := c.index[path]; ok && c.unchanged(i) {
		return i
	}
	c.files = append(c.files, file{Path: path, Hash: c.Hash(path), fresh: 1})
	c.index[path] = len(c.files) - 1
	return len(c.files) - 1
}

// compact drops the entries that depend on a file known to have changed,
// and the files no entry depends on.
func (c *Cache) compact() {
	place := make([]int32, len(c.files))
	var files []file
	for p, e := range c.entries {
		if slices.ContainsFunc(e.Deps, func(i int32) bool { return c.files[i].fresh < 0 }) {
			delete(c.entries, p)
			continue
		}
		for k, i := range e.Deps {
			if place[i] == 0 {
				files = append(files, c.files[i])
				place[i] = int32(len(files)) // 1-based: 0 is unplaced
			}
			e.Deps[k] = place[i] - 1
		}
	}
	c.files = files
	c.index = map[string]int{}
	for i, f := range files {
		c.index[f.Path] = i
	}
}

// Save writes the cache, replacing the file atomically, if this run
// stored anything.
func (c *Cache) Save() error {
	if !c.dirty {
		return nil
	}
	c.compact()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(fileData{Format: formatVersion, Key: c.key, Files: c.files, Entries: c.entries}); err != nil {
		return err
	}
	dir := filepath.Dir(c.path)
	tmp, err := os.CreateTemp(dir, ".blockcheck-cache-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, &buf); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	c.dirty = false
	return os.Rename(tmp.Name(), c.path)
}

// configHash hashes the configuration files that can apply to path: each
// blockcheck.json and package.json (which also decides whether .js is an
// ES module) in its folder and the folders above.
func (c *Cache) configHash(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	var parts []string
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		for _, name := range []string{"blockcheck.json", "package.json"} {
			if h := c.Hash(filepath.Join(d, name)); h != "" {
				parts = append(parts, filepath.Join(d, name)+"="+h)
			}
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(sum[:8])
}

// Sort orders diagnostics as driver.Run does.
func Sort(diags []driver.Diagnostic) {
	slices.SortStableFunc(diags, func(a, b driver.Diagnostic) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), a.Span.Start-b.Span.Start, a.Span.End-b.Span.End,
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
	})
}

// ExecutableKey hashes the running executable, so a rebuilt blockcheck
// (new rules, fixed bugs) never reuses an older build's findings.
func ExecutableKey() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
