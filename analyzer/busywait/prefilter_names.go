package busywait

import (
	"bytes"
	"slices"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// The names of the prefilter: what a module's names may be bound to, by
// their declarations, assignments, patterns and imports (see alias).

// sites are where a module binds names, by name (the latest first):
// values given with = that may bind them to something (see
// surveyor.value), of identifiers and of the names that are keywords
// elsewhere (from, of, get...); function declarations (name → the function
// token); object patterns followed by = and import statements (by the
// names in them).
type sites = jstokens.Names[site]

type site struct {
	kind uint8    // siteValue...
	at   [2]int32 // a value's or function's token; a pattern's or import's range
}

const (
	siteValue = iota
	siteFunc
	sitePattern
	siteImport
)

// addSite files a site of the name at token name.
func addSite(x *sites, name int, kind uint8, at [2]int) {
	st := site{kind, [2]int32{int32(at[0]), int32(at[1])}}
	if kind >= sitePattern {
		if l, ok := x.Latest(name); ok && l == st {
			return // a pattern naming it twice
		}
	}
	x.Add(name, st)
}

// survey reads the module once for what the words and names levels need:
// the clocks its words may name (see clockWords) and its binding sites.
func (s *scan) survey() {
	t := s.t
	n := t.Len()
	v := &surveyor{t: t, out: jstokens.NewNames[site](t, n/32)}
	// The loop keeps nothing but the index in registers: what it finds
	// goes to v. It reads the records directly, and the next token's type
	// once: it runs on every token of most modules that have a loop.
	src := t.Src
	toks := t.Tokens()
	for k := range toks {
		tok := &toks[k]
		next := js.ErrorToken // t.Type(k + 1)
		if k+1 < n {
			next = toks[k+1].Type
		}
		tt := tok.Type
		if js.IsIdentifier(tt) { // or a contextual keyword: from, of, get...
			// No keyword is a word: only identifiers are noted.
			if tt == js.IdentifierToken && noted.May(src[tok.Start], tok.End-tok.Start) != 0 {
				v.note(src[tok.Start:tok.End])
			}
			if next == js.EqToken {
				v.value(k)
			}
			continue
		}
		switch tt {
		case js.NewToken:
			v.has |= news
		case js.FunctionToken:
			v.function(k)
		case js.CloseBraceToken:
			if next == js.EqToken && tok.Match >= 0 {
				v.group(sitePattern, [2]int{int(tok.Match), k})
			}
		case js.ImportToken:
			if next != js.OpenParenToken && next != js.DotToken {
				j := k + 1 // to the module's name
				for j < n && t.Type(j) != js.StringToken && t.Type(j) != js.SemicolonToken {
					j++
				}
				v.group(siteImport, [2]int{k, j})
			}
		case js.StringToken, js.TemplateToken:
			v.str(s, k)
		}
	}
	s.sites = v.out
	s.named = wordsDone
	if has := v.has; has&now != 0 && has&(date|perf) != 0 {
		s.named |= nowClock
	}
	if has := v.has; has&hrtime != 0 && has&process != 0 {
		s.named |= hrClock
	}
	if has := v.has; has&load != 0 && has&atomicsWord != 0 {
		s.named |= atomics
	}
	if has := v.has; has&date != 0 && has&news != 0 {
		s.named |= dates
	}
}

// surveyor is the state of survey's pass.
type surveyor struct {
	t   *jstokens.Tokens
	out *sites
	has uint16 // the words met (now...)
}

// The words survey looks for.
const (
	now = 1 << iota
	hrtime
	load
	date
	perf
	process
	atomicsWord
	news
)

// noted are the words note looks for.
var noted = jstokens.NewInitials("now", "hrtime", "load", "Date", "performance", "perf_hooks", "process", "Atomics")

// note notes word b.
func (v *surveyor) note(b []byte) {
	switch len(b) {
	case 3, 4, 6, 7, 10, 11, 12, 15:
	default:
		return
	}
	switch string(b) {
	case "now":
		v.has |= now
	case "hrtime":
		v.has |= hrtime
	case "load":
		v.has |= load
	case "Date":
		v.has |= date
	case "performance", "perf_hooks", "node:perf_hooks":
		v.has |= perf
	case "process", "node:process":
		v.has |= process
	case "Atomics":
		v.has |= atomicsWord
	}
}

// str notes the value of string token k.
func (v *surveyor) str(s *scan, k int) {
	b := v.t.Text(k)
	if len(b) > 2+16 && bytes.IndexByte(b[1:1+16], '\\') < 0 {
		// Its first 16 bytes, no escape, are 16 bytes of its value or
		// hold a line break: it is no word.
		return
	}
	if bytes.IndexByte(b, '\\') >= 0 {
		if w, ok := s.str(k); ok {
			v.note([]byte(w))
			return
		}
	}
	if len(b) >= 2 {
		b = b[1 : len(b)-1]
	}
	v.note(b)
}

// value files name k, before =, unless a property's or its value
// surely binds it to nothing: what value reads starts with a name, a
// parenthesis or a dot.
func (v *surveyor) value(k int) {
	switch tt := v.t.Type(k + 2); {
	case js.IsIdentifierName(tt), tt == js.OpenParenToken, tt == js.DotToken, tt == js.OptChainToken:
	default:
		return // a literal, an array, an object, an operator
	}
	if _, member := v.t.Member(k); !member {
		addSite(v.out, k, siteValue, [2]int{k + 2, 0})
	}
}

// function files the name of a function declared at keyword k.
func (v *surveyor) function(k int) {
	j := k + 1
	if v.t.Type(j) == js.MulToken {
		j++
	}
	if js.IsIdentifier(v.t.Type(j)) {
		addSite(v.out, j, siteFunc, [2]int{k, 0})
	}
}

// group files the names in tokens r, a pattern or an import.
func (v *surveyor) group(kind uint8, r [2]int) {
	for k := r[0]; k < r[1]; k++ {
		if js.IsIdentifierName(v.t.Type(k)) {
			addSite(v.out, k, kind, r)
		}
	}
}

// kind is what a name may be bound to.
type kind uint8

const (
	none          kind = iota
	harmlessAlias      // a harmless global or a member of one (const M = Math, const { max } = Math)
	clockAlias         // a clock (const now = Date.now), process.hrtime, or a function returning a reading
)

// alias is what the look-ups know of a name.
type alias struct {
	kind  kind
	round int    // the round that last computed it; 0: final
	busy  bool   // being computed: a look-up that meets it is in a cycle
	sites []site // the name's, the latest first; nil before its first look-up
}

// alias returns what the name at token k may be bound to: a clock,
// process.hrtime or a function that returns a reading (clockAlias), or a
// harmless global, a member of one, or a global object (harmlessAlias).
// Before the names level, any name may be a clock's (see guess).
func (s *scan) alias(k int) kind {
	switch {
	case s.level == guess:
		return clockAlias
	case !s.clocks():
		if s.level == names {
			return min(s.aliasName(s.t.Text(k)), harmlessAlias)
		}
		return harmlessAlias
	case s.level == words:
		return clockAlias
	}
	return s.aliasName(s.t.Text(k))
}

// aliasName is alias by name: the most any binding of the name gives it
// (a value given with =, a function declaration, a pattern, an import),
// whatever its scope. Bindings refer to each other (a = b, b = a): the
// look-up starts every name at none and repeats rounds until none grows,
// the least solution, which is what bindings computes too. A round that
// met no cycle computed every name from final values: it needs no other.
func (s *scan) aliasName(name []byte) kind {
	if s.aliases == nil {
		s.aliases = map[string]*alias{}
		if s.sites == nil {
			s.survey()
		}
		s.budget = 1 << 20
	}
	if a, ok := s.aliases[string(name)]; ok && a.round == 0 {
		return a.kind
	}
	if s.round > 0 {
		return s.lookup(name)
	}
	var r kind
	for s.round = 1; ; s.round++ {
		s.grew, s.cyclic = false, false
		r = s.lookup(name)
		if !s.grew || !s.cyclic || s.budget <= 0 {
			break
		}
	}
	for _, a := range s.pending {
		a.round = 0
		if s.budget <= 0 {
			a.kind = clockAlias
		}
	}
	s.pending = s.pending[:0]
	s.round = 0
	if s.budget <= 0 {
		return clockAlias
	}
	return r
}

// lookup computes a name's alias once per round.
func (s *scan) lookup(name []byte) kind {
	a, ok := s.aliases[string(name)]
	if !ok {
		a = &alias{}
		s.aliases[string(name)] = a
	}
	if a.round == 0 && ok || a.round == s.round {
		s.cyclic = s.cyclic || a.busy
		return a.kind // final, or computed (or under way) in this round
	}
	if s.depth > 4096 || s.budget <= 0 {
		s.budget = 0
		return clockAlias
	}
	if a.round == 0 {
		s.pending = append(s.pending, a)
	}
	a.round, a.busy = s.round, true
	if a.sites == nil {
		// Each round reads them again: the index's chain, whose links
		// are spread over the module, is followed once.
		n := len(s.chains)
		s.chains = slices.AppendSeq(append(s.chains, site{}), s.sites.All(name))
		a.sites = s.chains[n+1 : len(s.chains) : len(s.chains)]
	}
	s.depth++
	r := s.bound(a.sites)
	s.depth--
	a.busy = false
	if r > a.kind {
		a.kind, s.grew = r, true
	}
	return a.kind
}

// bound returns the most a name's sites may bind it to.
func (s *scan) bound(sites []site) kind {
	r := none
	for _, st := range sites {
		at := [2]int{int(st.at[0]), int(st.at[1])}
		switch st.kind {
		case siteValue:
			r = max(r, s.value(at[0]))
		case siteFunc:
			if body, ok := s.function(at[0]); ok && s.returnsClock(body) {
				return clockAlias
			}
		case sitePattern:
			// A pattern binds members of its value: clocks by their names.
			r = max(r, s.words(at), min(s.value(at[1]+2), harmlessAlias))
		case siteImport:
			r = max(r, s.words(at))
		}
		if r == clockAlias {
			return r
		}
	}
	return r
}

// words returns the most the names and strings of tokens r make a
// binding (see word).
func (s *scan) words(r [2]int) kind {
	t := s.t
	s.budget -= r[1] - r[0]
	out := none
	for k := r[0]; k < r[1] && out < clockAlias; k++ {
		if js.IsIdentifierName(t.Type(k)) {
			out = max(out, word(t.Text(k)))
		} else if v, ok := s.str(k); ok {
			out = max(out, word([]byte(v)))
		}
	}
	return out
}

// word returns what a name in a binding makes it: the names of clock
// readings make a clock, the harmless globals and the global objects a
// harmless global.
func word(w []byte) kind {
	switch string(w) {
	case "now", "bigint", "load", "hrtime":
		return clockAlias
	case "Math", "Number", "BigInt", "Date", "globalThis", "global", "window":
		return harmlessAlias
	}
	return none
}

// value returns what the value starting at token v may bind a name to: a
// function returning a clock reading, or a chain of names, members,
// string indices and require calls (what bindings follows): a clock when
// its last name is a clock's (x.now, x.hrtime...) or it is a name bound to
// one; a harmless global when it starts at one (Math.max), at a global
// object or at a name bound to either.
func (s *scan) value(v int) kind {
	t := s.t
	if body, ok := s.function(v); ok {
		if s.returnsClock(body) {
			return clockAlias
		}
		return none
	}
	root := none
	named := false   // the root is a name to look up
	var last []byte  // the chain's last name, after its root
	operand := false // the last token ends an operand: a member, index or call may follow
	k := v
chain:
	for ; k < t.Len(); k++ {
		s.budget--
		switch tt := t.Type(k); {
		case js.IsIdentifierName(tt):
			if operand {
				break chain // another statement
			}
			operand = true
			if k == v {
				w := t.Text(k)
				root = word(w)
				// looked up below, if the chain is one
				named = js.IsIdentifier(tt) && string(w) != "require" && string(w) != "createRequire"
			} else {
				last = t.Text(k)
			}
		case tt == js.DotToken || tt == js.OptChainToken:
			operand = false
		case tt == js.OpenBracketToken:
			w, ok := s.str(k + 1)
			if !operand && t.Type(k-1) != js.OptChainToken || t.Match(k) != k+2 || !ok {
				return none // an array, or an index the rule does not follow
			}
			last = []byte(w)
			k += 2
		case tt == js.OpenParenToken:
			m := t.Match(k)
			if m < 0 {
				return clockAlias
			}
			if !operand {
				root = s.group([2]int{k + 1, m}) // (0, Date.now)
			} else if c := t.Type(k - 1); c != js.CloseParenToken && !t.IsName(k-1, "require") && !t.IsName(k-1, "createRequire") {
				return none // a call's result: no binding, but of require and createRequire
			} else {
				root = none // a module
			}
			operand, k = true, m
		default:
			break chain
		}
	}
	switch tt := t.Type(k); {
	case tt == js.CommaToken || tt == js.SemicolonToken || tt == js.CloseParenToken || tt == js.CloseBraceToken ||
		tt == js.CloseBracketToken || tt == js.ErrorToken || k > v && s.lineBreak(k-1) && jstokens.StartsStatement(tt):
	default:
		return none // the chain is an operand of a larger expression
	}
	if named && root < clockAlias {
		root = max(root, s.aliasName(t.Text(v)))
	}
	switch {
	case word(last) == clockAlias:
		return clockAlias
	case len(last) > 0:
		return min(root, harmlessAlias)
	}
	return root
}

// group returns what a parenthesised value, tokens r, may bind a name to:
// what its last element may (bindings follows (0, Date.now) to Date.now).
func (s *scan) group(r [2]int) kind {
	t := s.t
	start := r[0]
	for k := r[0]; k < r[1]; k++ {
		switch tt := t.Type(k); {
		case tt == js.CommaToken:
			start = k + 1
		case (tt == js.OpenParenToken || tt == js.OpenBracketToken || tt == js.OpenBraceToken) && t.Match(k) > k:
			k = t.Match(k)
		}
	}
	if start >= r[1] {
		return none
	}
	return s.value(start)
}

// function reports whether a function starts at token k (function,
// async, an arrow's parameters) and returns its body: the braces, or the
// expression of an arrow.
func (s *scan) function(k int) (body [2]int, ok bool) {
	t := s.t
	if t.Type(k) == js.AsyncToken && t.Type(k+1) != js.ArrowToken {
		k++
	}
	switch tt := t.Type(k); {
	case tt == js.FunctionToken:
		j := k + 1
		if t.Type(j) == js.MulToken {
			j++
		}
		if js.IsIdentifierName(t.Type(j)) {
			j++
		}
		if t.Type(j) != js.OpenParenToken || t.Match(j) < 0 {
			return body, false
		}
		j = t.Match(j) + 1
		if t.Type(j) != js.OpenBraceToken || t.Match(j) < 0 {
			return body, false
		}
		return [2]int{j, t.Match(j) + 1}, true
	case tt == js.OpenParenToken && t.Match(k) > k && t.Type(t.Match(k)+1) == js.ArrowToken:
		return s.arrowBody(t.Match(k) + 2)
	case js.IsIdentifierName(tt) && t.Type(k+1) == js.ArrowToken:
		return s.arrowBody(k + 2)
	}
	return body, false
}

func (s *scan) arrowBody(k int) ([2]int, bool) {
	t := s.t
	if t.Type(k) == js.OpenBraceToken && t.Match(k) > k {
		return [2]int{k, t.Match(k) + 1}, true
	}
	return [2]int{k, s.t.StatementEnd(k)}, true
}

// returnsClock reports whether a function body may return a clock
// reading: a single statement (the rule takes a return's value, or an
// expression statement's) or an arrow's expression that has new, names a
// clock reading (now, hrtime...) or calls a name that may be a clock's
// alias.
func (s *scan) returnsClock(body [2]int) bool {
	t := s.t
	if t.Type(body[0]) == js.OpenBraceToken {
		if s.t.StatementEnd(body[0]+1) < body[1]-1 {
			return false // the rule follows functions of one statement
		}
		body = [2]int{body[0] + 1, body[1] - 1}
	}
	if body[1]-body[0] > 256 {
		return true
	}
	if s.words(body) == clockAlias {
		return true
	}
	for k := body[0]; k < body[1]; k++ {
		switch t.Type(k) {
		case js.NewToken:
			if s.newDate(k) {
				return true
			}
		default:
			if !js.IsIdentifier(t.Type(k)) {
				continue
			}
			if _, member := t.Member(k); !member && t.Type(k+1) == js.OpenParenToken && s.aliasName(t.Text(k)) == clockAlias {
				return true
			}
		}
	}
	return false
}
