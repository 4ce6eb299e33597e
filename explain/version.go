package explain

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/looprt"
)

// NewestLTS is the Node major modelled when the project does not say:
// Node 26 entered long-term support in October 2026.
const NewestLTS = 26

// ltsCodenames maps nvm's lts/<name> aliases to majors.
var ltsCodenames = map[string]int{"hydrogen": 18, "iron": 20, "jod": 22, "krypton": 24}

// NodeVersion picks the Node major for the file at path: the nearest
// package.json "engines.node", else the nearest .nvmrc or .node-version,
// else NewestLTS. It also says where the answer came from.
func NodeVersion(path string, readFile func(string) ([]byte, error)) (int, string) {
	dir := filepath.Dir(path)
	for {
		if b, err := readFile(filepath.Join(dir, "package.json")); err == nil {
			var pkg struct {
				Engines struct {
					Node string `json:"node"`
				} `json:"engines"`
			}
			if json.Unmarshal(b, &pkg) == nil && pkg.Engines.Node != "" {
				if m := majorFromRange(pkg.Engines.Node); m != 0 {
					return m, filepath.Join(dir, "package.json") + " engines.node " + strconv.Quote(pkg.Engines.Node)
				}
			}
		}
		for _, f := range []string{".nvmrc", ".node-version"} {
			if b, err := readFile(filepath.Join(dir, f)); err == nil {
				if m := majorFromPin(strings.TrimSpace(string(b))); m != 0 {
					return m, filepath.Join(dir, f)
				}
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return NewestLTS, "newest LTS (no engines.node, .nvmrc or .node-version found)"
}

func supported(m int) bool {
	_, err := looprt.ProfileFor(m)
	return err == nil
}

// majorFromPin reads an .nvmrc / .node-version line.
func majorFromPin(s string) int {
	s = strings.ToLower(strings.TrimSpace(strings.SplitN(s, "\n", 2)[0]))
	if strings.HasPrefix(s, "lts/") {
		name := strings.TrimPrefix(s, "lts/")
		if m, ok := ltsCodenames[name]; ok {
			return m
		}
		return NewestLTS
	}
	if s == "node" || s == "stable" || s == "latest" {
		return NewestLTS
	}
	s = strings.TrimPrefix(s, "v")
	m, err := strconv.Atoi(strings.SplitN(s, ".", 2)[0])
	if err != nil || !supported(m) {
		return 0
	}
	return m
}

// majorFromRange returns the highest modelled major satisfying a semver
// range such as ">=18", "^20.1.0", "18 || 20", "20.x" or ">=18 <21".
func majorFromRange(r string) int {
	best := 0
	for _, m := range looprt.Majors() {
		if satisfies(r, m) && m > best {
			best = m
		}
	}
	return best
}

func satisfies(r string, major int) bool {
	for _, alt := range strings.Split(r, "||") {
		ok := true
		fields := strings.Fields(alt)
		if len(fields) == 0 {
			continue
		}
		for i := 0; i < len(fields); i++ {
			f := fields[i]
			if (f == ">=" || f == "<=" || f == ">" || f == "<" || f == "=" || f == "^" || f == "~") && i+1 < len(fields) {
				f += fields[i+1]
				i++
			}
			if f == "-" {
				continue
			}
			if !comparatorOK(f, major) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func comparatorOK(c string, major int) bool {
	op := ""
	for _, p := range []string{">=", "<=", ">", "<", "=", "^", "~"} {
		if strings.HasPrefix(c, p) {
			op = p
			c = strings.TrimPrefix(c, p)
			break
		}
	}
	c = strings.TrimPrefix(strings.TrimSpace(c), "v")
	parts := strings.Split(c, ".")
	if parts[0] == "*" || parts[0] == "x" || parts[0] == "" {
		return true
	}
	v, err := strconv.Atoi(parts[0])
	if err != nil {
		return false
	}
	minorZero := len(parts) < 2 || parts[1] == "0" || parts[1] == "x" || parts[1] == "*"
	switch op {
	case ">=":
		return major >= v
	case ">":
		if minorZero && len(parts) > 1 {
			return major >= v
		}
		return major > v
	case "<=":
		return major <= v
	case "<":
		if !minorZero {
			return major <= v
		}
		return major < v
	}
	return major == v
}
