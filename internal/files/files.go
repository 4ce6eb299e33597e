// Package files finds the JavaScript files to analyze under the paths given
// on a command line: it walks directories, skips node_modules and .git
// (unless asked), follows symlinks without looping, and reports what it
// cannot read without stopping.
package files

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Options control the walk.
type Options struct {
	IncludeNodeModules bool
}

// IsJS reports whether a file name is a JavaScript module blockcheck reads.
func IsJS(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".js", ".mjs", ".cjs":
		return true
	}
	return false
}

// Walk returns the JavaScript files under paths (files given explicitly
// are kept whatever their extension), sorted, and the errors met.
func Walk(paths []string, opt Options) ([]string, []error) {
	w := &walker{opt: opt, seen: map[string]bool{}, files: map[string]bool{}}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			w.errs = append(w.errs, err)
			continue
		}
		if !info.IsDir() {
			w.files[filepath.Clean(p)] = true
			continue
		}
		w.dir(filepath.Clean(p))
	}
	out := make([]string, 0, len(w.files))
	for f := range w.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out, w.errs
}

type walker struct {
	opt   Options
	seen  map[string]bool // real paths of directories walked, against symlink loops
	files map[string]bool
	errs  []error
}

func (w *walker) dir(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	if w.seen[real] {
		return
	}
	w.seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		// ReadDir returns what it could read before the error.
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				w.errs = append(w.errs, err)
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if name == ".git" || name == "node_modules" && !w.opt.IncludeNodeModules {
				continue
			}
			w.dir(p)
		case typ.IsRegular() && IsJS(name):
			w.files[p] = true
		}
	}
}
