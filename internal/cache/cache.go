// Package cache keeps the diagnostics of files between runs (--cache), so
// that CI re-runs and editors re-check only what changed. A file's entry
// is valid while its content, the content of every in-tree module it
// depends on (facts flow from imports, so their changes change its
// findings), the configuration files above it and the blockcheck build
// and options are unchanged.
package cache

import (
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
const formatVersion = "blockcheck-cache/1"

// Cache is a loaded cache file.
type Cache struct {
	path    string
	key     string
	entries map[string]*Entry

	mu     sync.Mutex
	hashes map[string]string // file path → content hash, this run
}

// Entry is what is kept for one file.
type Entry struct {
	Hash        string            // of the file's content
	Config      string            // hash of the configuration files that apply to it
	Deps        map[string]string // in-tree modules it depends on → content hash
	Diagnostics []driver.Diagnostic
}

type fileData struct {
	Format, Key string
	Entries     map[string]*Entry
}

// Open loads the cache at path for a run whose analysis depends on key
// (the build of blockcheck and the options that change findings). A
// missing, unreadable or foreign file gives an empty cache.
func Open(path, key string) *Cache {
	c := &Cache{path: path, key: key, entries: map[string]*Entry{}, hashes: map[string]string{}}
	f, err := os.Open(path)
	if err != nil {
		return c
	}
	defer f.Close()
	var d fileData
	if gob.NewDecoder(f).Decode(&d) == nil && d.Format == formatVersion && d.Key == key {
		c.entries = d.Entries
	}
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
	for dep, h := range e.Deps {
		if c.Hash(dep) != h {
			return nil, false
		}
	}
	return e.Diagnostics, true
}

// Store records the findings of files analyzed this run: diags (all of
// the run's, sorted by path) and, per file, the modules it depends on.
func (c *Cache) Store(paths []string, diags []driver.Diagnostic, deps func(path string) []string) {
	byPath := map[string][]driver.Diagnostic{}
	for _, d := range diags {
		byPath[d.Path] = append(byPath[d.Path], d)
	}
	for _, p := range paths {
		e := &Entry{Hash: c.Hash(p), Config: c.configHash(p), Deps: map[string]string{}, Diagnostics: byPath[p]}
		if e.Hash == "" {
			continue
		}
		for _, d := range deps(p) {
			e.Deps[d] = c.Hash(d)
		}
		c.entries[p] = e
	}
}

// Save writes the cache, replacing the file atomically.
func (c *Cache) Save() error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(fileData{Format: formatVersion, Key: c.key, Entries: c.entries}); err != nil {
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
