package busywait

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
)

// The names of the prefilter: what a module's names may be bound to, by
// their declarations, assignments, patterns and imports (see alias).

// sites are where a module binds names, besides = (Tokens.Values):
// function declarations (name → the function token), object patterns
// followed by = and import statements.
type sites struct {
	funcs    map[string][]int
	patterns map[string][][2]int // by the names in them
	imports  map[string][][2]int // by the names in them
	values   map[string][]int    // Values of the names that are keywords elsewhere (from, of, get...)
}

func (s *scan) buildSites() *sites {
	t := s.t
	out := &sites{funcs: map[string][]int{}, values: map[string][]int{}, patterns: map[string][][2]int{}, imports: map[string][][2]int{}}
	index := func(m map[string][][2]int, r [2]int) {
		for k := r[0]; k < r[1]; k++ {
			if js.IsIdentifierName(t.Type(k)) {
				name := string(t.Text(k))
				if l := m[name]; len(l) == 0 || l[len(l)-1] != r {
					m[name] = append(l, r)
				}
			}
		}
	}
	for k := 0; k < t.Len(); k++ {
		switch tt := t.Type(k); tt {
		case js.AsToken, js.AsyncToken, js.FromToken, js.GetToken, js.ImplementsToken, js.InterfaceToken, js.LetToken,
			js.MetaToken, js.OfToken, js.PackageToken, js.PrivateToken, js.ProtectedToken, js.PublicToken,
			js.SetToken, js.StaticToken, js.TargetToken:
			if _, member := t.Member(k); !member && t.Type(k+1) == js.EqToken {
				out.values[string(t.Text(k))] = append(out.values[string(t.Text(k))], k+2)
			}
		case js.FunctionToken:
			j := k + 1
			if t.Type(j) == js.MulToken {
				j++
			}
			if js.IsIdentifier(t.Type(j)) {
				out.funcs[string(t.Text(j))] = append(out.funcs[string(t.Text(j))], k)
			}
		case js.CloseBraceToken:
			if t.Type(k+1) == js.EqToken && t.Match(k) >= 0 {
				index(out.patterns, [2]int{t.Match(k), k})
			}
		case js.ImportToken:
			if tt := t.Type(k + 1); tt != js.OpenParenToken && tt != js.DotToken {
				j := k + 1 // to the module's name
				for j < t.Len() && t.Type(j) != js.StringToken && t.Type(j) != js.SemicolonToken {
					j++
				}
				index(out.imports, [2]int{k, j})
			}
		}
	}
	return out
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
	round int // the round that last computed it; 0: final
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
			return min(s.aliasName(string(s.t.Text(k))), harmlessAlias)
		}
		return harmlessAlias
	case s.level == words:
		return clockAlias
	}
	return s.aliasName(string(s.t.Text(k)))
}

// aliasName is alias by name: the most any binding of the name gives it
// (a value given with =, a function declaration, a pattern, an import),
// whatever its scope. Bindings refer to each other (a = b, b = a): the
// look-up starts every name at none and repeats rounds until none grows,
// the least solution, which is what bindings computes too.
func (s *scan) aliasName(name string) kind {
	if s.aliases == nil {
		s.aliases = map[string]*alias{}
		s.sites = s.buildSites()
		s.budget = 1 << 20
	}
	if a, ok := s.aliases[name]; ok && a.round == 0 {
		return a.kind
	}
	if s.round > 0 {
		return s.lookup(name)
	}
	var r kind
	for s.round = 1; ; s.round++ {
		s.grew = false
		r = s.lookup(name)
		if !s.grew || s.budget <= 0 {
			break
		}
	}
	for _, a := range s.aliases {
		if a.round > 0 {
			a.round = 0
			if s.budget <= 0 {
				a.kind = clockAlias
			}
		}
	}
	s.round = 0
	if s.budget <= 0 {
		return clockAlias
	}
	return r
}

// lookup computes a name's alias once per round.
func (s *scan) lookup(name string) kind {
	a, ok := s.aliases[name]
	if !ok {
		a = &alias{}
		s.aliases[name] = a
	}
	if a.round == 0 && ok || a.round == s.round {
		return a.kind // final, or computed (or under way) in this round
	}
	if s.depth > 4096 || s.budget <= 0 {
		s.budget = 0
		return clockAlias
	}
	a.round = s.round
	s.depth++
	r := s.bound(name)
	s.depth--
	if r > a.kind {
		a.kind, s.grew = r, true
	}
	return a.kind
}

func (s *scan) bound(name string) kind {
	t := s.t
	r := none
	for _, v := range t.Values()[name] {
		if r = max(r, s.value(v)); r == clockAlias {
			return r
		}
	}
	for _, v := range s.sites.values[name] {
		if r = max(r, s.value(v)); r == clockAlias {
			return r
		}
	}
	for _, f := range s.sites.funcs[name] {
		if body, ok := s.function(f); ok && s.returnsClock(body) {
			return clockAlias
		}
	}
	for _, p := range s.sites.patterns[name] {
		// A pattern binds members of its value: clocks by their names.
		if r = max(r, s.words(p), min(s.value(p[1]+2), harmlessAlias)); r == clockAlias {
			return r
		}
	}
	for _, im := range s.sites.imports[name] {
		if r = max(r, s.words(im)); r == clockAlias {
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
			out = max(out, word(string(t.Text(k))))
		} else if v, ok := s.str(k); ok {
			out = max(out, word(v))
		}
	}
	return out
}

// word returns what a name in a binding makes it: the names of clock
// readings make a clock, the harmless globals and the global objects a
// harmless global.
func word(w string) kind {
	switch w {
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
	last := ""       // the chain's last name, after its root
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
				w := string(t.Text(k))
				root = word(w)
				// looked up below, if the chain is one
				named = js.IsIdentifier(tt) && w != "require" && w != "createRequire"
			} else {
				last = string(t.Text(k))
			}
		case tt == js.DotToken || tt == js.OptChainToken:
			operand = false
		case tt == js.OpenBracketToken:
			w, ok := s.str(k + 1)
			if !operand && t.Type(k-1) != js.OptChainToken || t.Match(k) != k+2 || !ok {
				return none // an array, or an index the rule does not follow
			}
			last = w
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
		root = max(root, s.aliasName(string(t.Text(v))))
	}
	switch {
	case word(last) == clockAlias:
		return clockAlias
	case last != "":
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
			if _, member := t.Member(k); !member && t.Type(k+1) == js.OpenParenToken && s.aliasName(string(t.Text(k))) == clockAlias {
				return true
			}
		}
	}
	return false
}
