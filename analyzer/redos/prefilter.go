package redos

import (
	"bytes"
	"sync"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
	core "github.com/blockcheck/blockcheck/jsregex/redos"
)

// Prefilter is the rule's test on tokens: a module may hold a finding if
// one of its regular-expression literals is not linear (the verdict is
// cached for the rule), or if it calls RegExp with a pattern that is a
// constant string that is not linear, or may be one (tokenconst.go).
func Prefilter(t *jstokens.Tokens) bool { return scanOf(t).keep }

// Lexical reports whether the tokens decide every finding of a module the
// prefilter keeps, so the rule needs no syntax tree there: no RegExp call
// may build a constant pattern that is not linear (the tokens do not say
// where it is reported), and either
// no literal is polynomial or nothing in the module looks like request
// data (a polynomial pattern is an error only where it is applied to
// request data, which takes the tree and the hot path; elsewhere it is a
// warning).
func Lexical(t *jstokens.Tokens) bool { return scanOf(t).lexical }

// scan is what the rule learns from a module's tokens.
type scan struct {
	keep    bool // a finding is possible
	lexical bool // the tokens decide every finding
}

func scanOf(t *jstokens.Tokens) scan {
	return t.Memo("redos", func() any {
		s := scan{lexical: true}
		if t.Regexps() == 0 && !bytes.Contains(t.Src, []byte("RegExp")) {
			return s // no pattern: most modules, without a look at their tokens
		}
		// Until a polynomial literal comes, only the literals and the
		// RegExp calls count: most modules are done in this loop. (A
		// module without the word RegExp has no RegExp call: regexpCall
		// finds none.)
		src, toks := t.Src, t.Tokens()
		n, i := len(toks), literalGate.next(src, toks, 0)
		for ; i < n && s.lexical; i = literalGate.next(src, toks, i+1) {
			switch toks[i].Type {
			case js.RegExpToken:
				switch literalComplexity(t.Text(i)) {
				case core.Safe:
					continue
				case core.Polynomial:
					s.keep = true
					s.lexical = !requestShaped(t, i) // the tokens before it
				default:
					s.keep = true
					continue
				}
			case js.IdentifierToken:
				s.regexpCall(t, i)
				continue
			default:
				continue
			}
			break // the first polynomial literal
		}
		// After it, what looks like request data decides too.
		for i = afterGate.next(src, toks, i+1); i < n && s.lexical; i = afterGate.next(src, toks, i+1) {
			switch toks[i].Type {
			case js.StringToken:
				s.lexical = !dataEventAt(t, i)
			case js.RegExpToken:
				if literalComplexity(t.Text(i)) != core.Safe {
					s.keep = true
				}
			case js.IdentifierToken:
				if requestChainAt(t, i) {
					s.lexical = false
				} else {
					s.regexpCall(t, i)
				}
			}
		}
		return s
	}).(scan)
}

// A gate is what a loop over a module's tokens reads, so that next skips
// the rest, most tokens, with one table look-up each rather than a branch
// on the type: gate[c] lets through the tokens of class c (tokenClass)
// the loop reads, by their length and first byte.
type gate [8]jstokens.Initials

// The classes of tokens the gates tell apart, by type (tokenClass).
const (
	cRegExp = 1 + iota // a regular-expression literal
	cName              // an identifier
	cString            // a string
	cDecl              // const, var, let or = (tokenConsts.declarations)
)

var tokenClass = func() (c [1 << 16]uint8) {
	c[js.RegExpToken], c[js.IdentifierToken], c[js.StringToken] = cRegExp, cName, cString
	c[js.ConstToken], c[js.VarToken], c[js.LetToken], c[js.EqToken] = cDecl, cDecl, cDecl, cDecl
	return c
}()

var (
	// literalGate: the literals, and RegExp (regexpCallAt).
	literalGate = new(gate).all(cRegExp).spelled(cName, "RegExp")
	// requestGate: the roots of request chains and the events of request
	// data (requestShapedAt).
	requestGate = new(gate).spelled(cName, requestRoots...).spelled(cString, quoted(dataEvents)...)
	// afterGate: both, after the first polynomial literal.
	afterGate = new(gate).or(literalGate).or(requestGate)
	// declGate: what declarations reads.
	declGate = new(gate).all(cDecl)
)

// requestRoots are the names requestRoot takes for request objects: the
// only identifiers requestChainAt reads further.
var requestRoots = []string{"req", "request", "ctx", "event"}

// dataEvents are the events whose listener receives request data.
var dataEvents = []string{"data", "message"}

// quoted returns the string tokens that spell ss.
func quoted(ss []string) (out []string) {
	for _, s := range ss {
		out = append(out, `"`+s+`"`, "'"+s+"'")
	}
	return out
}

// all makes g read every token of class c.
func (g *gate) all(c uint8) *gate {
	for n := range g[c] {
		g[c][n] = ^uint64(0)
	}
	return g
}

// spelled makes g read the tokens of class c spelled as one of words.
func (g *gate) spelled(c uint8, words ...string) *gate {
	g[c].Add(words...)
	return g
}

// or makes g read what o reads too.
func (g *gate) or(o *gate) *gate {
	for c := range g {
		for n := range g[c] {
			g[c][n] |= o[c][n]
		}
	}
	return g
}

// next returns the index of the first token from k that g reads, or
// len(toks). It has no branch but the one out.
func (g *gate) next(src []byte, toks []jsast.Token, k int) int {
	if len(src) == 0 {
		return len(toks) // no text, no token
	}
	last := uint(len(src) - 1)
	for ; k < len(toks); k++ {
		tok := &toks[k]
		first := src[min(uint(tok.Start), last)]
		if g[tokenClass[tok.Type]&7].May(first, tok.End-tok.Start) != 0 {
			return k
		}
	}
	return len(toks)
}

// regexpCall looks at identifier token i: a RegExp call whose pattern is
// not a constant the tokens can evaluate, or is one that is not linear,
// needs the tree (the tokens do not say where it is reported).
func (s *scan) regexpCall(t *jstokens.Tokens, i int) {
	open := regexpCallAt(t, i)
	if open < 0 {
		return
	}
	v, flags := tokenConstsOf(t).regexpCall(open)
	if v.status == unknown || v.status == known && analyze(v.value, flags).Complexity != core.Safe {
		s.keep, s.lexical = true, false
	}
}

// verdicts caches the complexity of regular-expression literals by their
// text, which the prefilter looks up without building the pattern.
var verdicts struct {
	sync.RWMutex
	m map[string]core.Complexity
}

// literalComplexity returns the complexity of the pattern of a
// regular-expression literal's text; Safe for a text the rule does not
// read.
func literalComplexity(text []byte) core.Complexity {
	verdicts.RLock()
	c, ok := verdicts.m[string(text)]
	verdicts.RUnlock()
	if ok {
		return c
	}
	c = core.Safe
	if p, ok := literal(text, jsast.Span{}); ok {
		c = analyze(p.pattern, p.flags).Complexity
	}
	verdicts.Lock()
	if verdicts.m == nil {
		verdicts.m = map[string]core.Complexity{}
	}
	verdicts.m[string(text)] = c
	verdicts.Unlock()
	return c
}

// regexpCallAt returns the opening parenthesis of the arguments if
// identifier token i is the callee of a call or new expression the tree
// may take for the global RegExp: RegExp(...), new RegExp(...),
// RegExp?.(...), but not x.RegExp(...) (a member is not the global); -1
// otherwise.
func regexpCallAt(t *jstokens.Tokens, i int) int {
	if s := t.Span(i); s.End-s.Start != len("RegExp") || string(t.Text(i)) != "RegExp" {
		return -1
	}
	if i > 0 && (t.Type(i-1) == js.DotToken || t.Type(i-1) == js.OptChainToken) {
		return -1
	}
	switch t.Type(i + 1) {
	case js.OpenParenToken:
		return i + 1
	case js.OptChainToken:
		if t.Type(i+2) == js.OpenParenToken {
			return i + 2
		}
	}
	return -1
}

// requestShaped reports whether the tokens before token end may hold
// what applications.requestData takes for request data (requestShapedAt).
func requestShaped(t *jstokens.Tokens, end int) bool {
	src, toks := t.Src, t.Tokens()[:end]
	for i := requestGate.next(src, toks, 0); i < end; i = requestGate.next(src, toks, i+1) {
		if requestShapedAt(t, i) {
			return true
		}
	}
	return false
}

// requestShapedAt reports whether token i may start what
// applications.requestData takes for request data: a request root (req,
// request, ctx, event) starting a member chain that reads a request field
// (req.body, ctx.request.query.q, req?.headers['x']), or an event named
// 'data' or 'message' passed with a listener (socket.on('data', ...)).
func requestShapedAt(t *jstokens.Tokens, i int) bool {
	switch t.Type(i) {
	case js.StringToken:
		return dataEventAt(t, i)
	case js.IdentifierToken:
		return requestChainAt(t, i)
	}
	return false
}

// dataEventAt reports whether string token i is 'data' or 'message'
// followed by a comma.
func dataEventAt(t *jstokens.Tokens, i int) bool {
	if t.Type(i+1) != js.CommaToken {
		return false
	}
	if v := t.Text(i); len(v) >= 2 {
		for _, e := range dataEvents {
			if string(v[1:len(v)-1]) == e {
				return true
			}
		}
	}
	return false
}

// requestChainAt reports whether identifier token i is a request root
// starting a member chain that reads a request field.
func requestChainAt(t *jstokens.Tokens, i int) bool {
	if !requestRoot(t.Text(i)) || i > 0 && (t.Type(i-1) == js.DotToken || t.Type(i-1) == js.OptChainToken) {
		return false
	}
	for k := i + 1; k < t.Len(); k++ {
		tt := t.Type(k)
		if tt == js.OpenBracketToken || tt == js.OpenParenToken {
			if k = t.Match(k); k < 0 {
				return true
			}
			continue
		}
		if tt != js.DotToken && tt != js.OptChainToken || !js.IsIdentifierName(t.Type(k+1)) {
			break
		}
		k++
		if requestFields[string(t.Text(k))] {
			return true
		}
	}
	return false
}
