// Package resolve finds a JavaScript module's imports (require calls,
// import and export-from statements, dynamic import of a constant) and
// resolves relative and package specifiers to files the way Node does
// (extensions, index files, package.json "exports" and "main"), using only
// a readFile function, so that unsaved editor buffers and the analyzed
// root's confinement both apply.
package resolve

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
	"github.com/blockcheck/blockcheck/jsregex"
)

// ImportKind is the syntax an import uses.
type ImportKind uint8

const (
	Require ImportKind = iota
	Static             // import ... from / export ... from
	Dynamic            // import('...')
)

// Import is one import edge of a module.
type Import struct {
	Spec     string     // the specifier as written, e.g. "node:fs" or "./util"
	Span     jsast.Span // the string literal
	Node     int        // index in Module.Nodes() of the require/import call or statement
	Kind     ImportKind
	Core     bool   // a Node built-in module
	Resolved string // the file it resolves to inside the analyzed tree, or ""
}

// Name returns the specifier with a node: prefix removed.
func (i Import) Name() string { return strings.TrimPrefix(i.Spec, "node:") }

// Imports lists m's imports and resolves them with readFile.
func Imports(m *jsast.Module, readFile func(string) ([]byte, error)) []Import {
	var out []Import
	nodes := m.Nodes()
	for i := range nodes {
		var lit *js.LiteralExpr
		kind := Require
		switch n := nodes[i].N.(type) {
		case *js.CallExpr:
			if len(n.Args.List) == 0 {
				continue
			}
			if !IsRequire(m, n.X) && !isDynamicImport(n.X) {
				continue
			}
			if isDynamicImport(n.X) {
				kind = Dynamic
			}
			lit, _ = n.Args.List[0].Value.(*js.LiteralExpr)
		case *js.ImportStmt:
			kind = Static
			lit = &js.LiteralExpr{TokenType: js.StringToken, Data: n.Module}
		case *js.ExportStmt:
			if n.Module == nil {
				continue
			}
			kind = Static
			lit = &js.LiteralExpr{TokenType: js.StringToken, Data: n.Module}
		default:
			continue
		}
		if lit == nil || lit.TokenType != js.StringToken && lit.TokenType != js.TemplateToken {
			continue
		}
		spec, ok := StringValue(lit.Data)
		if !ok {
			continue
		}
		imp := Import{Spec: spec, Node: i, Kind: kind, Span: literalSpan(m, i, lit)}
		imp.Core = IsCore(spec)
		if !imp.Core {
			imp.Resolved = Resolve(m.Path, spec, readFile)
		}
		out = append(out, imp)
	}
	return out
}

// literalSpan finds the span of the specifier literal among node i's
// descendants (a synthetic literal for statements: use the statement's).
func literalSpan(m *jsast.Module, i int, lit *js.LiteralExpr) jsast.Span {
	nodes := m.Nodes()
	for k := i + 1; k < int(nodes[i].End); k++ {
		if nodes[k].N == js.INode(lit) {
			return nodes[k].Span
		}
	}
	return nodes[i].Span
}

// IsRequire reports whether x is the CommonJS require function (the free
// variable, not a local of that name).
func IsRequire(m *jsast.Module, x js.IExpr) bool {
	v, ok := x.(*js.Var)
	return ok && string(v.Data) == "require" && jsast.IsGlobal(v)
}

func isDynamicImport(x js.IExpr) bool {
	l, ok := x.(*js.LiteralExpr)
	return ok && l.TokenType == js.ImportToken
}

// StringValue decodes a string or no-substitution template literal
// (quotes included).
func StringValue(data []byte) (string, bool) {
	v, err := jsregex.DecodeStringLiteral(string(data))
	return v, err == nil
}

// Resolve resolves spec imported from the file at from, or returns "".
func Resolve(from, spec string, readFile func(string) ([]byte, error)) string {
	dir := filepath.Dir(from)
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".." || strings.HasPrefix(spec, "/") {
		base := filepath.Join(dir, filepath.FromSlash(spec))
		if filepath.IsAbs(spec) {
			base = filepath.FromSlash(spec)
		}
		if f := asFile(base, readFile); f != "" {
			return f
		}
		return asDirectory(base, readFile)
	}
	// A package: search node_modules folders upwards.
	name, sub := splitPackage(spec)
	if name == "" {
		return ""
	}
	for d := dir; ; {
		if nm := filepath.Join(d, "node_modules"); isDir(nm, readFile) {
			if f := fromPackage(filepath.Join(nm, filepath.FromSlash(name)), sub, readFile); f != "" {
				return f
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

var extensions = []string{".js", ".cjs", ".mjs"}

// isDir reports whether p is a folder: reading a folder fails with
// EISDIR, which tells it from a missing path with one probe (most levels
// of a tree have no node_modules).
func isDir(p string, readFile func(string) ([]byte, error)) bool {
	_, err := readFile(p)
	return errors.Is(err, syscall.EISDIR)
}

func exists(p string, readFile func(string) ([]byte, error)) bool {
	_, err := readFile(p)
	return err == nil
}

func isJS(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".js", ".cjs", ".mjs":
		return true
	}
	return false
}

func asFile(base string, readFile func(string) ([]byte, error)) string {
	if isJS(base) && exists(base, readFile) {
		return base
	}
	for _, ext := range extensions {
		if exists(base+ext, readFile) {
			return base + ext
		}
	}
	return ""
}

func asDirectory(dir string, readFile func(string) ([]byte, error)) string {
	if pkg := readManifest(dir, readFile); pkg != nil && pkg.main != "" {
		m := filepath.Join(dir, filepath.FromSlash(pkg.main))
		if f := asFile(m, readFile); f != "" {
			return f
		}
		if f := index(m, readFile); f != "" {
			return f
		}
	}
	return index(dir, readFile)
}

// manifest is what resolution reads of a package.json.
type manifest struct {
	main    string          // "main", if it is a string
	exports json.RawMessage // "exports"
}

// manifests caches the package.json files parsed, by content: the
// modules of a tree import the same packages over and over, and
// encoding/json parses a manifest of a few kilobytes in tens of
// microseconds (a cache by path would serve an editor's stale text).
var manifests = struct {
	sync.Mutex
	m map[string]*manifest // nil: not JSON
}{m: map[string]*manifest{}}

// maxManifests bounds the cache; past it, it starts again.
const maxManifests = 4096

// readManifest returns the package.json of dir, or nil if it cannot be
// read or parsed.
func readManifest(dir string, readFile func(string) ([]byte, error)) *manifest {
	b, err := readFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil
	}
	manifests.Lock()
	pkg, ok := manifests.m[string(b)]
	manifests.Unlock()
	if ok {
		return pkg
	}
	var fields struct {
		Main    json.RawMessage `json:"main"`
		Exports json.RawMessage `json:"exports"`
	}
	if json.Unmarshal(b, &fields) == nil {
		pkg = &manifest{exports: fields.Exports}
		json.Unmarshal(fields.Main, &pkg.main) // left empty unless a string
	}
	manifests.Lock()
	if len(manifests.m) >= maxManifests {
		clear(manifests.m)
	}
	manifests.m[string(b)] = pkg
	manifests.Unlock()
	return pkg
}

func index(dir string, readFile func(string) ([]byte, error)) string {
	for _, ext := range extensions {
		if p := filepath.Join(dir, "index"+ext); exists(p, readFile) {
			return p
		}
	}
	return ""
}

func splitPackage(spec string) (name, sub string) {
	parts := strings.Split(spec, "/")
	n := 1
	if strings.HasPrefix(spec, "@") {
		n = 2
	}
	if len(parts) < n || parts[0] == "" {
		return "", ""
	}
	return strings.Join(parts[:n], "/"), strings.Join(parts[n:], "/")
}

// fromPackage resolves a package folder and a subpath, honouring the
// package.json "exports" map (strings and require/node/import/default
// conditions) before "main".
func fromPackage(pkgDir, sub string, readFile func(string) ([]byte, error)) string {
	if pkg := readManifest(pkgDir, readFile); pkg != nil && len(pkg.exports) > 0 {
		key := "."
		if sub != "" {
			key = "./" + sub
		}
		if target := exportTarget(pkg.exports, key); target != "" {
			p := filepath.Join(pkgDir, filepath.FromSlash(path.Clean(target)))
			if exists(p, readFile) {
				return p
			}
		}
	}
	if sub != "" {
		base := filepath.Join(pkgDir, filepath.FromSlash(sub))
		if f := asFile(base, readFile); f != "" {
			return f
		}
		return asDirectory(base, readFile)
	}
	return asDirectory(pkgDir, readFile)
}

func exportTarget(raw json.RawMessage, key string) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if key == "." {
			return s
		}
		return ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	if v, ok := m[key]; ok {
		return condition(v)
	}
	for k := range m {
		if strings.HasPrefix(k, ".") {
			return "" // a subpath map without this key
		}
	}
	if key == "." {
		return condition(raw) // conditions at the top level
	}
	return ""
}

func condition(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	for _, c := range []string{"node", "require", "import", "default"} {
		if v, ok := m[c]; ok {
			if t := condition(v); t != "" {
				return t
			}
		}
	}
	return ""
}

// IsCore reports whether spec names a Node built-in module.
func IsCore(spec string) bool {
	if strings.HasPrefix(spec, "node:") {
		return true
	}
	name, _, _ := strings.Cut(spec, "/")
	return coreModules[name]
}

var coreModules = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true,
	"console": true, "constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true,
	"dns": true, "domain": true, "events": true, "fs": true, "http": true, "http2": true,
	"https": true, "inspector": true, "module": true, "net": true, "os": true, "path": true,
	"perf_hooks": true, "process": true, "punycode": true, "querystring": true, "readline": true,
	"repl": true, "stream": true, "string_decoder": true, "sys": true, "timers": true,
	"tls": true, "trace_events": true, "tty": true, "url": true, "util": true, "v8": true,
	"vm": true, "wasi": true, "worker_threads": true, "zlib": true, "test": true, "sqlite": true,
}

// Specifiers scans source text for the string literals that follow
// require(, import(, import and from: a superset of the module's import
// specifiers (it also finds some in comments and strings), cheap enough to
// order modules by their imports before parsing any. Imports makes the
// exact list from the syntax tree.
func Specifiers(src []byte) []string {
	type found struct {
		off  int
		spec string
	}
	var hits []found
	// One memchr-speed search per keyword, for its rarest byte in code
	// (the q of require is ten times rarer than its r), instead of a switch
	// per byte.
	for _, kw := range []struct {
		word   string
		anchor int
	}{{"require", 2}, {"import", 2}, {"from", 0}} {
		word, c := kw.word, kw.word[kw.anchor]
		for base := 0; ; {
			j := bytes.IndexByte(src[base:], c)
			if j < 0 {
				break
			}
			i := base + j - kw.anchor
			base += j + 1
			if i < 0 {
				continue
			}
			k := keyword(src, i, word)
			if k == 0 {
				continue
			}
			k = skipSpace(src, k)
			if word != "from" && k < len(src) && src[k] == '(' {
				k = skipSpace(src, k+1)
			} else if word == "require" {
				continue // require must be called
			}
			if k >= len(src) || src[k] != '\'' && src[k] != '"' {
				continue
			}
			end := bytes.IndexByte(src[k+1:], src[k])
			if end < 0 || end > 512 {
				continue
			}
			if spec := string(src[k+1 : k+1+end]); spec != "" && !strings.ContainsAny(spec, "\\\n") {
				hits = append(hits, found{i, spec})
			}
		}
	}
	slices.SortFunc(hits, func(a, b found) int { return a.off - b.off })
	var out []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.spec] {
			seen[h.spec] = true
			out = append(out, h.spec)
		}
	}
	return out
}

// keyword returns the offset after word if it starts at i as a whole word,
// else 0.
func keyword(src []byte, i int, word string) int {
	if !bytes.HasPrefix(src[i:], []byte(word)) || i > 0 && identByte(src[i-1]) {
		return 0
	}
	k := i + len(word)
	if k < len(src) && identByte(src[k]) {
		return 0
	}
	return k
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func skipSpace(src []byte, k int) int {
	for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r') {
		k++
	}
	return k
}
