package jsast

import (
	"bytes"

	"github.com/tdewolff/parse/v2/js"
)

// Lexed is a module's source split into tokens, without a parse: what a
// rule can learn before paying for a syntax tree (a lexer is several times
// faster than the parser), and the tokens Parse then reuses. Whitespace and
// comments are not tokens. The lexer guesses which slashes start regular
// expressions from the token before them, as most tokenizers do; Parse
// checks the guess against the tree.
type Lexed struct {
	Path string
	Src  []byte

	buf      []byte // the lexer's input: Src itself until own makes it the parser's
	owned    bool   // buf is a private copy of Src with a spare byte of capacity, a BOM blanked
	ts       tokens
	comments []Span
	lexed    bool // buf holds the tokens' text (false once Parse changed buf)
	spare    bool // Parse may use Src's spare capacity (see Exclusive)
}

// Exclusive tells Parse that nothing else reads past the end of Src or
// parses it meanwhile (a run that read the file itself and parses it
// once): Parse may then write the parser's NUL sentinel into Src's spare
// capacity, which os.ReadFile leaves, instead of copying Src. Text shared
// with other parsers (an editor's document, parsed for diagnostics and
// explain-order at once) must not be declared so.
func (l *Lexed) Exclusive() { l.spare = true }

// Lex splits src into tokens. It never fails: Complete reports whether the
// lexer reached the end with every bracket closed.
func Lex(path string, src []byte) *Lexed {
	// Most modules are lexed and never parsed: the lexer reads src itself
	// (which the caller may share), and only what must change it works on
	// a copy.
	l := &Lexed{Path: path, Src: src, buf: src, lexed: true}
	if bytes.HasPrefix(src, utf8BOM) || hashbang(src) {
		l.own()
	}
	l.lex(nil)
	return l
}

// own makes buf a private copy of Src, as the parser needs it: one spare
// byte of capacity for its NUL sentinel (so the syntax tree's text points
// into buf, and offsets into buf equal offsets into Src), a UTF-8 BOM
// blanked.
func (l *Lexed) own() {
	if l.owned {
		return
	}
	buf := make([]byte, len(l.Src), len(l.Src)+1)
	copy(buf, l.Src)
	if bytes.HasPrefix(buf, utf8BOM) {
		copy(buf, "   ") // Node strips a UTF-8 BOM; spaces keep the offsets
	}
	l.buf, l.ts.buf, l.owned = buf, buf, true
}

// Elide blanks spans of the text Parse reads: every byte becomes a space,
// so that the parser reads each span as one run of whitespace. The spans
// must be the insides of matched brackets, in order, without overlap (the
// insides of function bodies that no analyzer of a run needs, from
// jstokens.Tokens.Elidable); call Elide before Parse. Src, offsets and
// positions are unchanged; the tree has nothing of the spans, and neither
// have the tokens and comments (Tokens, Parse's Module.Comments).
func (l *Lexed) Elide(spans []Span) {
	if len(spans) == 0 {
		return
	}
	l.own()
	for _, s := range spans {
		b := l.buf[max(s.Start, 0):min(s.End, len(l.buf))]
		for i := range b {
			b[i] = ' '
		}
	}
	// Drop the tokens inside the spans, and match the brackets anew.
	list, next := l.ts.list, 0
	var open []int32
	kept, regexps := 0, 0
	for _, t := range list {
		for next < len(spans) && int(t.Start) >= spans[next].End {
			next++
		}
		if next < len(spans) && int(t.Start) >= spans[next].Start {
			continue // inside a span
		}
		t.Match = -1
		list[kept] = t
		kept++
		l.ts.list = list[:kept]
		if isBracket(t.Type) {
			l.ts.bracket(&open)
		} else if t.Type == js.RegExpToken {
			regexps++
		}
	}
	l.ts.regexps, l.ts.hint = regexps, 0
	comments, next := l.comments[:0], 0
	for _, c := range l.comments {
		for next < len(spans) && c.Start >= spans[next].End {
			next++
		}
		if next == len(spans) || c.Start < spans[next].Start {
			comments = append(comments, c)
		}
	}
	l.comments = comments
}

func hashbang(buf []byte) bool { return len(buf) >= 2 && buf[0] == '#' && buf[1] == '!' }

// lex (re-)lexes buf, releasing the tokens it had; regexStarts as for lex.
func (l *Lexed) lex(regexStarts map[int]bool) {
	l.Release()
	buf := l.buf
	if hashbang(buf) { // the lexer does not know hashbangs: lex it as a comment (buf is owned)
		buf[0], buf[1] = '/', '/'
		defer func() { buf[0], buf[1] = '#', '!' }()
	}
	ts, comments, ok := fastLex(buf, regexStarts, true)
	if ok {
		l.ts, l.comments = ts, comments
		return
	}
	ts.release() // fastLex gives back what it had, for the slow lexer to reuse
	l.own()      // the tdewolff lexer writes a NUL sentinel past the end
	l.ts, l.comments = slowLex(l.buf, regexStarts, true)
}

// Len returns the number of tokens.
func (l *Lexed) Len() int { return len(l.ts.list) }

// Tokens returns the tokens, for a loop over all of them that reads their
// records directly (Type, Text, Span and Match check their index on each
// call, which costs a prefilter's scan of every token about a quarter of
// its time). The slice is the module's own: read it, do not change it,
// and do not keep it past Release.
func (l *Lexed) Tokens() []Token { return l.ts.list }

// TopLevel returns the indices of the tokens of type tt in [from, to) that
// are not inside brackets opened in that range.
func (l *Lexed) TopLevel(from, to int, tt js.TokenType) []int { return l.ts.topLevel(from, to, tt) }

// Regexps returns the number of regular-expression literal tokens.
func (l *Lexed) Regexps() int { return l.ts.regexps }

// Type returns the type of token i (identifiers and keywords have their
// own types; see js.IsIdentifierName), or js.ErrorToken out of range.
func (l *Lexed) Type(i int) js.TokenType { return l.ts.typ(i) }

// Text returns the source text of token i (a string token with its quotes,
// a regular expression with its slashes and flags).
func (l *Lexed) Text(i int) []byte {
	t := l.ts.list[i]
	return l.Src[t.Start:t.End]
}

// Span returns the byte span of token i.
func (l *Lexed) Span(i int) Span {
	t := l.ts.list[i]
	return Span{int(t.Start), int(t.End)}
}

// Match returns the index of the bracket matching bracket token i, or -1.
func (l *Lexed) Match(i int) int {
	if i < 0 || i >= len(l.ts.list) {
		return -1
	}
	return int(l.ts.list[i].Match)
}

// Complete reports whether the lexer reached the end of the source without
// a lexical error (an unterminated string, comment, template or regular
// expression) and every bracket was closed by its own kind. An incomplete
// module is certainly not valid JavaScript.
func (l *Lexed) Complete() bool { return l.ts.complete }

// Release returns the token storage for reuse by the next module. l must
// not be used after, except by a Parse already done.
func (l *Lexed) Release() {
	if l.ts.list != nil {
		l.ts.release()
	}
}
