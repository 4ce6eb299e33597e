// Package files finds the JavaScript files to analyze under the paths given
// on a command line: it walks directories, skips node_modules and .git
// (unless asked) and what .gitignore files exclude, follows symlinks
// without looping, and reports what it cannot read without stopping.
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
	// Gitignore skips what the .gitignore files of the walked folders,
	// of their parents up to the git work tree's root, and the root's
	// .git/info/exclude exclude.
	Gitignore bool
	// IgnoreFiles are more files of gitignore patterns (--ignore-path),
	// each relative to its own folder.
	IgnoreFiles []string
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
	var extra []*ignoreFile
	for _, p := range opt.IgnoreFiles {
		abs, err := filepath.Abs(p)
		if err == nil {
			var f *ignoreFile
			if f, err = readIgnoreFile(abs, filepath.Dir(abs)); err == nil && f == nil {
				_, err = os.Stat(abs) // missing: report it
			}
			if f != nil {
				extra = append(extra, f)
			}
		}
		if err != nil {
			w.errs = append(w.errs, err)
		}
	}
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
		abs, err := filepath.Abs(p)
		if err != nil {
			w.errs = append(w.errs, err)
			continue
		}
		var ignores []*ignoreFile
		if opt.Gitignore {
			ignores = ancestorIgnores(abs)
		}
		real, err := filepath.EvalSymlinks(abs) // absolute, like the links resolved below
		if err != nil {
			w.errs = append(w.errs, err)
			continue
		}
		w.dir(filepath.Clean(p), abs, real, append(ignores, extra...))
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

// dir walks dir (abs is its absolute path, real the path without
// symbolic links) under the ignore files that apply from outside it.
func (w *walker) dir(dir, abs, real string, ignores []*ignoreFile) {
	if w.seen[real] {
		return
	}
	w.seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		// ReadDir returns what it could read before the error.
	}
	if w.opt.Gitignore {
		f, err := readIgnoreFile(filepath.Join(dir, ".gitignore"), abs)
		if err != nil {
			w.errs = append(w.errs, err)
		}
		if f != nil {
			ignores = append(ignores[:len(ignores):len(ignores)], f)
		}
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		pAbs := filepath.Join(abs, name)
		typ := e.Type()
		link := typ&fs.ModeSymlink != 0
		if link {
			info, err := os.Stat(p)
			if err != nil {
				w.errs = append(w.errs, err)
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if name == ".git" || name == "node_modules" && !w.opt.IncludeNodeModules || ignored(ignores, pAbs, true) {
				continue
			}
			// Only a link needs resolving: a directory's own entries are
			// under its real path (an lstat per path component, for every
			// folder, took half the walk).
			pReal := filepath.Join(real, name)
			if link {
				if pReal, err = filepath.EvalSymlinks(pAbs); err != nil {
					w.errs = append(w.errs, err)
					continue
				}
			}
			w.dir(p, pAbs, pReal, ignores)
		case typ.IsRegular() && IsJS(name) && !ignored(ignores, pAbs, false):
			w.files[p] = true
		}
	}
}
