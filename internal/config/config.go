// Package config reads blockcheck's configuration: a blockcheck.json file,
// or the "blockcheck" key of a package.json, the nearest one to each
// analyzed file (searching up from its folder; blockcheck.json wins over
// package.json in the same folder). Settings do not merge across files.
//
//	{
//	  "rules":    {"sync-io": "warning", "sync-crypto": "off"},
//	  "startup":  "report",
//	  "blocking": {"my-lib": ["doThingSync"], "db": {"querySync": "sync-io"}},
//	  "ignore":   ["dist/**", "*.config.js"]
//	}
//
// Unknown keys are errors naming the file and the key.
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Config is one configuration file's settings.
type Config struct {
	// Path is the file the settings come from; "" for the defaults.
	Path string
	// Rules sets rules off or to a severity: "off", "on", "error",
	// "warning" or "info" (or JSON false/true for off/on).
	Rules map[string]string
	// Startup is "report" to report blocking calls in start-up code at
	// info severity, or "ignore" (the default).
	Startup string
	// Blocking adds APIs to the catalogue: module specifier → member
	// names (reported under sync-io), or → {member: rule}.
	Blocking map[string]map[string]string
	// Ignore lists globs of files not to report on, relative to the
	// configuration file's folder ("dist/**"; a pattern without "/"
	// matches a file name in any folder).
	Ignore []string

	ignore []*regexp.Regexp
}

// Default is the configuration of files with no configuration file.
var Default = &Config{}

// Error is a configuration file that cannot be used.
type Error struct {
	Path string
	Key  string // the offending key, if any
	Msg  string
}

func (e *Error) Error() string {
	if e.Key != "" {
		return fmt.Sprintf("%s: %q: %s", e.Path, e.Key, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Parse reads a configuration object. The object is the whole of a
// blockcheck.json, or the "blockcheck" value of a package.json (key then
// names it "blockcheck.rules"...).
func Parse(path string, data []byte, prefix string) (*Config, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &Error{Path: path, Key: strings.TrimSuffix(prefix, "."), Msg: "not a JSON object: " + err.Error()}
	}
	c := &Config{Path: path}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := raw[k]
		bad := func(msg string) error { return &Error{Path: path, Key: prefix + k, Msg: msg} }
		switch k {
		case "rules":
			var m map[string]json.RawMessage
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, bad("want an object of rule names to \"off\", \"error\", \"warning\" or \"info\"")
			}
			c.Rules = map[string]string{}
			for name, s := range m {
				var str string
				var b bool
				switch {
				case json.Unmarshal(s, &str) == nil && validSetting(str):
				case json.Unmarshal(s, &b) == nil:
					str = map[bool]string{true: "on", false: "off"}[b]
				default:
					return nil, &Error{Path: path, Key: prefix + k + "." + name, Msg: "want \"off\", \"on\", \"error\", \"warning\" or \"info\", got " + string(s)}
				}
				c.Rules[name] = str
			}
		case "startup":
			if err := json.Unmarshal(v, &c.Startup); err != nil || c.Startup != "report" && c.Startup != "ignore" {
				return nil, bad("want \"report\" or \"ignore\"")
			}
		case "blocking":
			var m map[string]json.RawMessage
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, bad("want an object of module names to lists of function names")
			}
			c.Blocking = map[string]map[string]string{}
			for mod, s := range m {
				var list []string
				var byRule map[string]string
				switch {
				case json.Unmarshal(s, &list) == nil:
					byRule = map[string]string{}
					for _, fn := range list {
						byRule[fn] = "sync-io"
					}
				case json.Unmarshal(s, &byRule) == nil:
				default:
					return nil, &Error{Path: path, Key: prefix + k + "." + mod, Msg: "want a list of function names or an object of function names to rules"}
				}
				c.Blocking[strings.TrimPrefix(mod, "node:")] = byRule
			}
		case "ignore":
			if err := json.Unmarshal(v, &c.Ignore); err != nil {
				return nil, bad("want a list of glob patterns")
			}
			for _, g := range c.Ignore {
				re, err := globRE(g)
				if err != nil {
					return nil, &Error{Path: path, Key: prefix + k, Msg: fmt.Sprintf("bad pattern %q: %v", g, err)}
				}
				c.ignore = append(c.ignore, re)
			}
		default:
			return nil, bad("unknown key (known: rules, startup, blocking, ignore)")
		}
	}
	return c, nil
}

func validSetting(s string) bool {
	switch s {
	case "off", "on", "error", "warning", "warn", "info":
		return true
	}
	return false
}

// globRE compiles a glob: ** any path, * any name part, ? one character.
func globRE(g string) (*regexp.Regexp, error) {
	if g == "" {
		return nil, errors.New("empty pattern")
	}
	g = filepath.ToSlash(strings.TrimPrefix(g, "./"))
	var b strings.Builder
	if !strings.Contains(strings.TrimSuffix(g, "/"), "/") {
		b.WriteString("^(?:.*/)?")
	} else {
		b.WriteString("^")
	}
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			i++
			if i+1 < len(g) && g[i+1] == '/' {
				i++
				b.WriteString("(?:.*/)?")
			} else {
				b.WriteString(".*")
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if strings.HasSuffix(g, "/") {
		b.WriteString(".*")
	}
	b.WriteString("(?:/.*)?$")
	return regexp.Compile(b.String())
}

// Ignored reports whether file is ignored by c's globs.
func (c *Config) Ignored(file string) bool {
	if c.Path == "" || len(c.ignore) == 0 {
		return false
	}
	rel, err := filepath.Rel(filepath.Dir(c.Path), file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, re := range c.ignore {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// Loader finds the configuration of files, reading each folder's
// candidates once.
type Loader struct {
	ReadFile func(string) ([]byte, error)

	mu   sync.Mutex
	dirs map[string]result
}

type result struct {
	c   *Config
	err error
}

// For returns the configuration nearest to file: Default when there is
// none, and an error (with Default) when the nearest one is invalid.
func (l *Loader) For(file string) (*Config, error) {
	return l.dir(filepath.Dir(file), 0)
}

func (l *Loader) dir(d string, depth int) (*Config, error) {
	l.mu.Lock()
	if l.dirs == nil {
		l.dirs = map[string]result{}
	}
	r, ok := l.dirs[d]
	l.mu.Unlock()
	if ok {
		return r.c, r.err
	}
	r = l.load(d)
	if r.c == nil && r.err == nil {
		if parent := filepath.Dir(d); parent != d && depth < 64 {
			r.c, r.err = l.dir(parent, depth+1)
		} else {
			r.c = Default
		}
	}
	if r.c == nil {
		r.c = Default
	}
	l.mu.Lock()
	l.dirs[d] = r
	l.mu.Unlock()
	return r.c, r.err
}

// load reads the configuration in folder d itself, if any.
func (l *Loader) load(d string) result {
	p := filepath.Join(d, "blockcheck.json")
	if b, err := l.ReadFile(p); err == nil {
		c, err := Parse(p, b, "")
		return result{c, err}
	}
	p = filepath.Join(d, "package.json")
	b, err := l.ReadFile(p)
	if err != nil || !bytes.Contains(b, []byte(`"blockcheck"`)) {
		return result{}
	}
	var pkg map[string]json.RawMessage
	if err := json.Unmarshal(b, &pkg); err != nil {
		return result{}
	}
	v, ok := pkg["blockcheck"]
	if !ok {
		return result{}
	}
	c, err := Parse(p, v, "blockcheck.")
	return result{c, err}
}
