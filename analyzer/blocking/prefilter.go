package blocking

import (
	"bytes"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/internal/config"
)

// Prefilter returns the prefilter of a rule of the catalogue: a module can
// call one of the rule's APIs only if it names one of their modules (a
// string: require, import, createRequire) and one of their members (a
// name or a string), or, for APIs the configuration adds, one of their
// members. An empty rule stands for every rule whose calls are
// sync-call-chain sinks.
func Prefilter(rule string) jstokens.Prefilter {
	return func(t *jstokens.Tokens) bool {
		n := t.Memo("blocking", func() any { return scanNames(t) }).(names)
		for _, a := range catalogue {
			if rule != "" && a.entry.Rule != rule || rule == "" && !a.entry.Chain {
				continue
			}
			if n.namesModule(a.modules) && n.namesMember(a.members) {
				return true
			}
		}
		return n.namesExtra(t, rule)
	}
}

// extra is the "blocking" setting of the configuration nearest to a module.
func extra(t *jstokens.Tokens) map[string]map[string]string {
	return t.Memo("blocking.config", func() any {
		load := t.Config
		if load == nil {
			load = (&config.Loader{ReadFile: t.ReadFile}).For
		}
		c, err := load(t.Path)
		if err != nil || c == nil {
			return map[string]map[string]string(nil)
		}
		return c.Blocking
	}).(map[string]map[string]string)
}

// names is what a module's tokens name: strings and identifiers.
type names struct {
	modules map[string]bool // strings naming a module of the catalogue (no node: prefix)
	words   map[string]bool // names and strings that are members of the catalogue or the configuration
	sync    bool            // a name or string ending in Sync
}

// catalogueModules and catalogueMembers are the modules and the member
// names (each part of a dotted one) of the catalogue.
var catalogueModules, catalogueMembers = func() (map[string]bool, map[string]bool) {
	mods, members := map[string]bool{}, map[string]bool{}
	for _, a := range catalogue {
		for _, m := range a.modules {
			mods[m] = true
		}
		for _, m := range a.members {
			members[m[strings.LastIndexByte(m, '.')+1:]] = true
			if first, _, ok := strings.Cut(m, "."); ok {
				members[first] = true // Atomics of Atomics.wait: the global's name
			}
		}
	}
	return mods, members
}()

// moduleShape is what the catalogue's module names look like, to look up
// only strings that may be one.
var moduleShape = func() (out struct {
	starts [256]bool
	maxLen int
}) {
	for m := range catalogueModules {
		if m != "" {
			out.starts[m[0]] = true
			out.maxLen = max(out.maxLen, len(m))
		}
	}
	return out
}()

// memberEnds holds, by first byte, the set of last bytes of the
// catalogue's member names: most words match none and are not looked up.
var memberEnds = func() (out [256][256 / 64]uint64) {
	for m := range catalogueMembers {
		if m != "" {
			last := m[len(m)-1]
			out[m[0]][last/64] |= 1 << (last % 64)
		}
	}
	return out
}()

// memberStarts are the first bytes of the catalogue's member names, and
// of names ending in Sync: the scan looks up only words starting so.
var memberStarts = func() (out [256]bool) {
	for m := range catalogueMembers {
		if m != "" {
			out[m[0]] = true
		}
	}
	for c := 'a'; c <= 'z'; c++ { // ...Sync: any lower-case start
		out[c] = true
	}
	return out
}()

func scanNames(t *jstokens.Tokens) names {
	n := names{modules: map[string]bool{}, words: map[string]bool{}}
	// First the strings, for the modules: most modules name none, and
	// then no member needs looking up.
	for i := 0; i < t.Len(); i++ {
		switch t.Type(i) {
		case js.StringToken, js.TemplateToken:
			s := t.Text(i)
			s = bytes.TrimPrefix(s[1:len(s)-1], []byte("node:"))
			if len(s) > 0 && len(s) <= moduleShape.maxLen && moduleShape.starts[s[0]] && catalogueModules[string(s)] {
				n.modules[string(s)] = true
			}
		case js.IdentifierToken:
			if s := t.Span(i); s.End-s.Start == len("Atomics") && string(t.Text(i)) == "Atomics" {
				n.modules[bindings.Global] = true
			}
		}
	}
	if len(n.modules) == 0 && len(extra(t)) == 0 {
		return n
	}
	word := func(w []byte) {
		if len(w) < 2 || !memberStarts[w[0]] {
			return
		}
		if len(w) > 4 && string(w[len(w)-4:]) == "Sync" {
			n.sync = true
		}
		if last := w[len(w)-1]; memberEnds[w[0]][last/64]&(1<<(last%64)) != 0 && catalogueMembers[string(w)] {
			n.words[string(w)] = true
		}
	}
	for i := 0; i < t.Len(); i++ {
		tt := t.Type(i)
		switch {
		case tt == js.StringToken || tt == js.TemplateToken:
			s := t.Text(i)
			word(s[1 : len(s)-1])
		case js.IsIdentifierName(tt):
			word(t.Text(i))
		}
	}
	return n
}

func (n names) namesModule(mods []string) bool {
	for _, m := range mods {
		if n.modules[m] {
			return true
		}
	}
	return false
}

func (n names) namesMember(members []string) bool {
	for _, m := range members {
		switch {
		case m == "":
			return true
		case m == "*Sync":
			if n.sync {
				return true
			}
		default:
			// Atomics.wait: both names; readFileSync: the name.
			ok := true
			for _, part := range strings.Split(m, ".") {
				ok = ok && n.words[part]
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// namesExtra reports whether the module names a member the configuration
// nearest to it adds for rule ("" for any).
func (n names) namesExtra(t *jstokens.Tokens, rule string) bool {
	for _, members := range extra(t) {
		for m, r := range members {
			if rule != "" && r != rule {
				continue
			}
			for i := 0; i < t.Len(); i++ {
				if s, ok := t.StringValue(i); ok && s == m || t.IsName(i, m[strings.LastIndexByte(m, '.')+1:]) {
					return true
				}
			}
		}
	}
	return false
}
