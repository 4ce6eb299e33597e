// Package files finds the JavaScript files to analyze under the paths given
// on a command line: it walks directories, skips node_modules and .git
// (unless asked) and what .gitignore files exclude, follows symlinks
// without looping, and reports what it cannot read without stopping.
package files

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
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
		w.tree(folder{filepath.Clean(p), abs, real, append(ignores, extra...)})
	}
	out := make([]string, 0, len(w.files))
	for f := range w.files {
		out = append(out, f)
	}
	sort.Strings(out)
	// Folders are walked in parallel: their errors come in any order.
	slices.SortStableFunc(w.errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return out, w.errs
}

// walker walks a tree's folders in parallel, a folder at a time per worker
// (the walk is mostly system calls: on 2 cores, the 7,600 files of an npm
// tree took 13–16 ms instead of 22–30). The folders reached through
// symbolic links wait until the others are walked, then go one at a time
// in depth-first order: which path a folder is reported under (the first
// to reach its real path) does not depend on the workers' timing.
type walker struct {
	opt Options

	mu      sync.Mutex
	more    *sync.Cond      // on mu: the queue grew, or the walk is done
	queue   []folder        // to walk
	pending int             // folders queued or being walked
	links   []folder        // reached through a symbolic link, to walk later
	seen    map[string]bool // real paths of directories walked, against symlink loops
	files   map[string]bool
	errs    []error
}

// folder is a directory to walk: dir as found, abs its absolute path, real
// the path without symbolic links (empty for a link not yet resolved),
// ignores the ignore files that apply to it from outside.
type folder struct {
	dir, abs, real string
	ignores        []*ignoreFile
}

// tree walks root and what it holds: first the folders no link leads to,
// then each folder a link leads to, unless its real path was walked, in
// depth-first order (the links found under one come in that order too).
func (w *walker) tree(root folder) {
	w.walk(root)
	for len(w.links) > 0 {
		slices.SortFunc(w.links, func(a, b folder) int { return depthFirst(a.dir, b.dir) })
		l := w.links[0]
		w.links = w.links[1:]
		real, err := filepath.EvalSymlinks(l.abs)
		if err != nil {
			w.errs = append(w.errs, err)
			continue
		}
		l.real = real
		w.walk(l)
	}
}

// depthFirst orders paths as a depth-first walk of sorted folders meets
// them: by their names, one level at a time.
func depthFirst(a, b string) int {
	for a != "" && b != "" {
		i, j := strings.IndexByte(a, filepath.Separator), strings.IndexByte(b, filepath.Separator)
		na, nb := a, b
		if i >= 0 {
			na, a = a[:i], a[i+1:]
		} else {
			a = ""
		}
		if j >= 0 {
			nb, b = b[:j], b[j+1:]
		} else {
			b = ""
		}
		if c := strings.Compare(na, nb); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

// walk walks folder f and the folders under it that no link leads to.
func (w *walker) walk(f folder) {
	w.more = sync.NewCond(&w.mu)
	w.queue, w.pending = append(w.queue[:0], f), 1
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w.mu.Lock()
			defer w.mu.Unlock()
			for {
				for len(w.queue) == 0 && w.pending > 0 {
					w.more.Wait()
				}
				if w.pending == 0 {
					w.more.Broadcast()
					return
				}
				f := w.queue[len(w.queue)-1]
				w.queue = w.queue[:len(w.queue)-1]
				if w.seen[f.real] {
					w.pending--
					continue
				}
				w.seen[f.real] = true
				w.mu.Unlock()
				subs, links, found, errs := w.dir(f)
				w.mu.Lock()
				w.queue = append(w.queue, subs...)
				w.pending += len(subs) - 1
				w.links = append(w.links, links...)
				for _, p := range found {
					w.files[p] = true
				}
				w.errs = append(w.errs, errs...)
				w.more.Broadcast()
			}
		})
	}
	wg.Wait()
}

// dir reads folder f: it returns its subfolders (those reached through a
// link apart), its files and the errors met.
func (w *walker) dir(f folder) (subs, links []folder, found []string, errs []error) {
	dir, abs, real, ignores := f.dir, f.abs, f.real, f.ignores
	entries, err := os.ReadDir(dir)
	if err != nil {
		errs = append(errs, err)
		// ReadDir returns what it could read before the error.
	}
	if w.opt.Gitignore {
		f, err := readIgnoreFile(filepath.Join(dir, ".gitignore"), abs)
		if err != nil {
			errs = append(errs, err)
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
				errs = append(errs, err)
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if name == ".git" || name == "node_modules" && !w.opt.IncludeNodeModules || ignored(ignores, pAbs, true) {
				continue
			}
			// Only a link needs resolving (see tree): a directory's own
			// entries are under its real path (an lstat per path
			// component, for every folder, took half the walk).
			if link {
				links = append(links, folder{p, pAbs, "", ignores})
			} else {
				subs = append(subs, folder{p, pAbs, filepath.Join(real, name), ignores})
			}
		case typ.IsRegular() && IsJS(name) && !ignored(ignores, pAbs, false):
			found = append(found, p)
		}
	}
	return subs, links, found, errs
}
