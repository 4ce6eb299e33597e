package blocking

import (
	"bytes"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/jsast"
)

// Prefilter returns the prefilter of a rule of the catalogue: a module can
// call one of the rule's APIs only if it names one of their modules (a
// string: require, import, createRequire) and one of their members (a
// name or a string), or, for APIs the configuration adds, one of their
// members. An empty rule stands for every rule whose calls are
// sync-call-chain sinks.
func Prefilter(rule string) jstokens.Prefilter {
	var needs []need
	var modules set // any of the needs' modules
	for _, a := range catalogue {
		if rule != "" && a.entry.Rule != rule || rule == "" && !a.entry.Chain {
			continue
		}
		nd := need{modules: bitsOf(moduleNumber, a.modules...)}
		for _, m := range a.members {
			switch m {
			case "":
				nd.any = true
			case "*Sync":
				nd.sync = true
			default: // Atomics.wait: both names; readFileSync: the name
				nd.members = append(nd.members, bitsOf(memberNumber, strings.Split(m, ".")...))
			}
		}
		needs = append(needs, nd)
		modules = modules.or(nd.modules)
	}
	return func(t *jstokens.Tokens) bool {
		n := t.Memo("blocking", func() any { return scanNames(t) }).(*names)
		if n.modules.and(modules) {
			for _, nd := range needs {
				if n.modules.and(nd.modules) && n.namesMember(nd) {
					return true
				}
			}
		}
		return n.namesExtra(t, rule)
	}
}

// Relevant is the jstokens.Filter.Relevant of the catalogue's rules: the
// modules of the catalogue and of the configuration (strings), the
// members of those the module names and of the configuration (each part
// of a dotted one; with a module that has *Sync members, any name ending
// in Sync), and what hotpath follows (hotpath.Relevant).
func Relevant(t *jstokens.Tokens) func(name string, str bool) bool {
	n := t.Memo("blocking", func() any { return scanNames(t) }).(*names)
	members, sync := map[string]bool{}, false
	for _, a := range catalogue {
		if !n.modules.and(bitsOf(moduleNumber, a.modules...)) {
			continue
		}
		for _, m := range a.members {
			switch m {
			case "":
			case "*Sync":
				sync = true
			default:
				for _, part := range strings.Split(m, ".") {
					members[part] = true
				}
			}
		}
	}
	ext := extra(t)
	for _, apis := range ext {
		for m := range apis {
			for _, part := range strings.Split(m, ".") {
				members[part] = true
			}
		}
	}
	return func(name string, str bool) bool {
		if hotpath.Relevant(name, str) {
			return true
		}
		if str {
			_, catalogued := moduleNumber[name]
			_, configured := ext[name]
			return catalogued && name != bindings.Global || configured
		}
		return members[name] || sync && syncName(name)
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
	modules set  // strings naming a module of the catalogue (no node: prefix), and Atomics for the global
	words   set  // names and strings that are members of the catalogue (each part of a dotted one)
	sync    bool // a name or string ending in Sync
}

// set is a set of the numbers of moduleNumber or memberNumber.
type set [2]uint64

func (s set) or(o set) set        { return set{s[0] | o[0], s[1] | o[1]} }
func (s set) and(o set) bool      { return s[0]&o[0]|s[1]&o[1] != 0 }
func (s set) contains(o set) bool { return s[0]&o[0] == o[0] && s[1]&o[1] == o[1] }
func (s *set) add(k uint8)        { s[k/64] |= 1 << (k % 64) }

// bitsOf is the set of the numbers of keys.
func bitsOf(numbers map[string]uint8, keys ...string) (out set) {
	for _, k := range keys {
		out.add(numbers[k])
	}
	return out
}

// need is what a module must name for one row of the catalogue.
type need struct {
	modules set   // one of these modules, and then:
	any     bool  // nothing more: the row's module is called itself (member "")
	sync    bool  // or a name ending in Sync (member "*Sync", see syncName)
	members []set // or all the parts of one of these members
}

// moduleNumber and memberNumber number the modules and the member names
// (each part of a dotted one) of the catalogue.
var moduleNumber, memberNumber = func() (map[string]uint8, map[string]uint8) {
	mods, members := map[string]uint8{}, map[string]uint8{}
	number := func(m map[string]uint8, k string) {
		if _, ok := m[k]; !ok {
			if len(m) == len(set{})*64 {
				panic("blocking: the catalogue outgrew the prefilter's sets")
			}
			m[k] = uint8(len(m))
		}
	}
	for _, a := range catalogue {
		for _, m := range a.modules {
			number(mods, m)
		}
		for _, m := range a.members {
			if m == "" || m == "*Sync" {
				continue
			}
			for _, part := range strings.Split(m, ".") {
				number(members, part) // Atomics of Atomics.wait: the global's name
			}
		}
	}
	return mods, members
}()

// moduleShape and memberShape are what the catalogue's names look like,
// to look up only the strings and words that may be one: most match
// neither.
var moduleShape, memberShape = shapeOf(moduleNumber), shapeOf(memberNumber)

// shape holds, by first byte, the lengths and last bytes of some names.
type shape struct {
	lens [256]uint64    // by first byte, the set of lengths (under 64)
	ends [256][4]uint64 // by first byte, the set of last bytes
	min  int            // the shortest name
	max  int            // the longest name
}

func shapeOf(names map[string]uint8) *shape {
	s := &shape{min: 64}
	for m := range names {
		if m == "" || len(m) >= 64 {
			panic("blocking: a catalogue name the prefilter cannot hold: " + m)
		}
		s.lens[m[0]] |= 1 << len(m)
		last := m[len(m)-1]
		s.ends[m[0]][last/64] |= 1 << (last % 64)
		s.min, s.max = min(s.min, len(m)), max(s.max, len(m))
	}
	return s
}

// may reports whether w has the shape of one of the names.
func (s *shape) may(w []byte) bool {
	if len(w) == 0 || len(w) >= 64 {
		return false
	}
	first, last := w[0], w[len(w)-1]
	return s.lens[first]&(1<<len(w)) != 0 && s.ends[first][last/64]&(1<<(last%64)) != 0
}

// starts classes the first bytes of tokens, to read the type only of
// tokens that may matter: a string or a template starts with a quote, a
// name the scan looks at with a byte of names (Atomics, or a member of the
// catalogue), or with any lower-case letter (...Sync).
var starts = func() (out [256]uint8) {
	out['"'], out['\''], out['`'] = quote, quote, quote
	for m := range memberNumber {
		out[m[0]] = name
	}
	for c := 'a'; c <= 'z'; c++ {
		out[c] = name
	}
	return out
}()

const (
	quote = 1 << iota // a string or a template may start so
	name              // a name the scan files may start so
)

// scanNames reads the tokens once. Until a string names a module of the
// catalogue (or Atomics the global), it looks at nothing else: most
// modules name none, and then no member matters. From there on it also
// files words, and at the end the words of the tokens it passed. A
// token's first byte tells which tokens it need look at (see starts):
// nextQuote and nextWord skip the others, most tokens, with a table
// look-up or two each.
func scanNames(t *jstokens.Tokens) *names {
	n := &names{}
	src, toks := t.Src, t.Tokens()
	for len(toks) > 0 && int(toks[len(toks)-1].Start) >= len(src) {
		toks = toks[:len(toks)-1] // an empty token at the end (the lexer makes none): no first byte, nothing to file
	}
	i := nextQuote(src, toks, 0)
first:
	for ; i < len(toks); i = nextQuote(src, toks, i+1) {
		s := toks[i]
		switch c := src[s.Start]; {
		case starts[c] == quote:
			if tt := s.Type; (tt == js.StringToken || tt == js.TemplateToken) && n.module(src[s.Start:s.End]) {
				break first
			}
		case c == 'A':
			if s.End-s.Start == int32(len("Atomics")) && string(src[s.Start:s.End]) == "Atomics" && s.Type == js.IdentifierToken {
				n.modules.add(moduleNumber[bindings.Global])
				break first
			}
		}
	}
	if i == len(toks) {
		return n // no member matters (namesExtra reads the tokens itself)
	}
	for k := nextWord(src, toks, 0); k < len(toks); k = nextWord(src, toks, k+1) {
		tok := toks[k]
		switch starts[src[tok.Start]] {
		case quote:
			if tt := tok.Type; tt == js.StringToken || tt == js.TemplateToken {
				w := src[tok.Start:tok.End]
				if k > i {
					n.module(w)
				}
				if len(w) >= 2 {
					n.word(w[1 : len(w)-1])
				}
			}
		case name:
			w := src[tok.Start:tok.End]
			if !mayFile(w) {
				continue
			}
			if tt := tok.Type; js.IsIdentifierName(tt) {
				if k > i && tt == js.IdentifierToken && string(w) == "Atomics" {
					n.modules.add(moduleNumber[bindings.Global])
				}
				n.word(w)
			}
		}
	}
	return n
}

// nextQuote returns the index of the first token from k that starts with
// a quote or with the A of Atomics, or len(toks): the tokens the first
// loop of scanNames looks at, about 4 in a hundred.
func nextQuote(src []byte, toks []jsast.Token, k int) int {
	for ; k < len(toks); k++ {
		if quotes[src[toks[k].Start]] {
			return k
		}
	}
	return len(toks)
}

// quotes marks the first bytes nextQuote stops at.
var quotes = func() (out [256]bool) {
	for c, class := range starts {
		out[c] = class == quote
	}
	out["Atomics"[0]] = true
	return out
}()

// nextWord returns the index of the first token from k that the second
// loop of scanNames may file, or len(toks): one that starts with a quote,
// or a name (starts) that word may file, as its first and last bytes and
// its length tell: one that ends in c (...Sync, syncEnds), or is as long
// as a member of the catalogue with the same first and last bytes
// (memberSizes). It has no branch but the one out: names are about half
// the tokens, in an order no branch predicts, and it stops at about 1 in
// 20 tokens, most of them strings.
func nextWord(src []byte, toks []jsast.Token, k int) int {
	for ; k < len(toks); k++ {
		tok := &toks[k]
		first, last := src[tok.Start], src[max(tok.End, 1)-1]
		c := uint64(starts[first])
		sizes := syncEnds[last] | memberSizes[memberKey(first, last)]
		if c&quote|(c&name)>>1&(sizes>>(uint(tok.End-tok.Start)&63)) != 0 {
			return k
		}
	}
	return len(toks)
}

// syncEnds holds, by last byte, the lengths of the names word may file
// whatever their first byte: all the lengths of those that end in c
// (...Sync), as nextWord reads lengths modulo 64.
var syncEnds = func() (out [256]uint64) {
	out['c'] = ^uint64(0)
	return out
}()

// memberSizes holds, by memberKey of their first and last bytes, the
// lengths of the members of the catalogue (a key stands for several pairs
// of bytes, and holds the lengths of the members of each).
var memberSizes = func() (out [512]uint64) {
	for m := range memberNumber {
		out[memberKey(m[0], m[len(m)-1])] |= 1 << len(m) // under 64 (shapeOf)
	}
	return out
}()

// memberKey folds a first and a last byte into an index of memberSizes.
func memberKey(first, last byte) uint { return (uint(first)<<3 ^ uint(last)) & 511 }

// module files string token s if it names a module of the catalogue.
func (n *names) module(s []byte) bool {
	if len(s) < moduleShape.min+2 || len(s) > moduleShape.max+len("node:")+2 {
		return false
	}
	s = s[1 : len(s)-1]
	if s[0] == 'n' {
		s = bytes.TrimPrefix(s, []byte("node:"))
	}
	if !moduleShape.may(s) {
		return false
	}
	k, ok := moduleNumber[string(s)]
	if ok {
		n.modules.add(k)
	}
	return ok
}

// mayFile reports whether word would file w, from its first and last
// bytes and its length.
func mayFile(w []byte) bool {
	return len(w) > len("Sync") && w[len(w)-1] == 'c' || memberShape.may(w)
}

// word files w if it is a member of the catalogue or ends in Sync.
func (n *names) word(w []byte) {
	if len(w) < 2 || starts[w[0]] != name {
		return
	}
	if len(w) > len("Sync") && w[len(w)-1] == 'c' && string(w[len(w)-4:]) == "Sync" {
		n.sync = true
	}
	if memberShape.may(w) {
		if k, ok := memberNumber[string(w)]; ok {
			n.words.add(k)
		}
	}
}

// namesMember reports whether the module names what nd needs besides a
// module.
func (n *names) namesMember(nd need) bool {
	if nd.any || nd.sync && n.sync {
		return true
	}
	for _, m := range nd.members {
		if n.words.contains(m) {
			return true
		}
	}
	return false
}

// namesExtra reports whether the module names a member the configuration
// nearest to it adds for rule ("" for any).
func (n *names) namesExtra(t *jstokens.Tokens, rule string) bool {
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
