package files

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// An ignoreFile is the patterns of one .gitignore (or --ignore-path file),
// which apply to paths relative to its folder.
type ignoreFile struct {
	dir   string // absolute
	rules []ignoreRule
}

type ignoreRule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
}

// readIgnoreFile reads gitignore patterns from path, for paths under dir;
// nil when the file does not exist.
func readIgnoreFile(path, dir string) (*ignoreFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	return parseIgnore(data, dir), nil
}

// parseIgnore compiles gitignore(5) patterns: "#" comments, "!" negation,
// a trailing "/" for folders only, a "/" at the start or in the middle
// anchoring the pattern to dir (else it matches a name at any depth), and
// the wildcards *, ?, [...] and **.
func parseIgnore(data []byte, dir string) *ignoreFile {
	f := &ignoreFile{dir: dir}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\\ ") {
			line = line[:len(line)-1]
		}
		var r ignoreRule
		if line[0] == '!' {
			r.negate, line = true, line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		anchored := strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		expr := globRegexp(line)
		if anchored {
			expr = "^" + expr + "$"
		} else {
			expr = "(?:^|/)" + expr + "$"
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			continue // an invalid pattern (a bad [class]) matches nothing, as in git
		}
		r.re = re
		f.rules = append(f.rules, r)
	}
	return f
}

// globRegexp translates a gitignore glob to a regular expression.
func globRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case strings.HasPrefix(g[i:], "**/") && (i == 0 || g[i-1] == '/'):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "/**") && i+3 == len(g):
			b.WriteString("/.*")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(string(g[i])))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// ignored reports whether path (absolute) is ignored by the files, outer
// folders first; within and across files the last matching pattern wins.
func ignored(files []*ignoreFile, path string, isDir bool) bool {
	result := false
	for _, f := range files {
		rel, err := filepath.Rel(f.dir, path)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, r := range f.rules {
			if r.dirOnly && !isDir {
				continue
			}
			if r.re.MatchString(rel) {
				result = !r.negate
			}
		}
	}
	return result
}

// ancestorIgnores returns the ignore files that apply to dir from outside
// it: the root's .git/info/exclude and the .gitignore files of dir's
// parent folders up to the root of the git work tree holding dir, outermost
// first; none when dir is in no work tree.
func ancestorIgnores(dir string) []*ignoreFile {
	root := ""
	for d := dir; root == ""; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			root = d
		} else if filepath.Dir(d) == d {
			return nil
		}
	}
	var out []*ignoreFile
	if f, _ := readIgnoreFile(filepath.Join(root, ".git", "info", "exclude"), root); f != nil {
		out = append(out, f)
	}
	var parents []string
	for d := dir; d != root; d = filepath.Dir(d) {
		parents = append(parents, filepath.Dir(d))
	}
	for i := len(parents) - 1; i >= 0; i-- {
		if f, _ := readIgnoreFile(filepath.Join(parents[i], ".gitignore"), parents[i]); f != nil {
			out = append(out, f)
		}
	}
	return out
}
