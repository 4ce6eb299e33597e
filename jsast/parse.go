package jsast

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// SyntaxError is a file the front end cannot parse: the parser's message at
// an exact position, or the name of an unsupported construct.
type SyntaxError struct {
	Path string
	Span
	Pos     Position
	Message string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Column16, e.Message)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxArrowRetries bounds how many times Parse works around the parser's
// arrow-function ASI bug in one file (each retry is a full parse).
const maxArrowRetries = 8

// Parse parses src as a module of the given kind. The returned error, if
// any, is a *SyntaxError. Parse never panics on any input.
func Parse(path string, src []byte, kind Kind) (*Module, error) {
	return Lex(path, src).Parse(kind)
}

// Parse parses the lexed module as a module of the given kind, reusing its
// tokens; they are released. The returned error, if any, is a
// *SyntaxError. Parse never panics on any input.
func (l *Lexed) Parse(kind Kind) (m *Module, err error) {
	// The parser writes a NUL sentinel past the end: text declared
	// Exclusive with a spare byte is parsed in place, other text is copied,
	// and so is text that must change (see own; the ASI workaround below).
	if !l.spare || cap(l.buf) == len(l.buf) {
		l.own()
	}
	path, src, buf := l.Path, l.Src, l.buf
	defer l.Release()
	defer func() {
		if r := recover(); r != nil {
			m = nil
			err = &SyntaxError{Path: path, Pos: PositionIn(src, 0),
				Message: fmt.Sprintf("internal parser failure: %v", r)}
		}
	}()
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return nil, &SyntaxError{Path: path, Span: Span{0, 2}, Pos: PositionIn(src, 0),
			Message: "file is UTF-16 encoded (it starts with a UTF-16 byte order mark); Node reads JavaScript files as UTF-8"}
	}
	ast, gotKind, perr := parseAs(buf, kind)
	for retry := 0; perr != nil && retry < maxArrowRetries; retry++ {
		off := errorOffset(src, perr)
		lt := arrowASIBug(buf, off)
		if lt < 0 {
			break
		}
		if !l.owned {
			l.own() // the caller's text stays as it is
			buf = l.buf
		}
		buf[lt] = ';' // the line terminator ends the arrow function statement
		l.lexed = false
		ast, gotKind, perr = parseAs(buf, kind)
	}
	if perr != nil {
		if i := bytes.IndexByte(src, 0); i >= 0 {
			return nil, &SyntaxError{Path: path, Span: Span{i, i + 1}, Pos: PositionIn(src, i),
				Message: "file looks binary (it contains NUL bytes and does not parse), not JavaScript"}
		}
		off := errorOffset(src, perr)
		return nil, &SyntaxError{Path: path, Span: Span{off, off + tokenLen(src, off)},
			Pos: PositionIn(src, off), Message: describeError(src, off, perr)}
	}
	m = &Module{Path: path, Src: src, Kind: gotKind, AST: ast}
	if s := m.index(l); s != nil {
		// The parser accepts [1 2]; Node does not.
		m.Release()
		return nil, &SyntaxError{Path: path, Span: *s, Pos: PositionIn(src, s.Start),
			Message: "an array literal is missing a comma between two of its elements"}
	}
	return m, nil
}

// parseAs parses buf as kind. CommonJS files are parsed as function bodies
// (top-level return is legal); if that fails, the file is retried as an ES
// module, as Node's syntax detection does.
func parseAs(buf []byte, kind Kind) (*js.AST, Kind, *parse.Error) {
	if kind == ESM {
		ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
		return ast, ESM, asParseError(err)
	}
	// Inline mode does not skip a hashbang: hide it behind a line comment of
	// the same length, so offsets are unchanged.
	hb := hashbang(buf)
	if hb {
		buf[0], buf[1] = '/', '/'
	}
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{Inline: true})
	if hb {
		buf[0], buf[1] = '#', '!'
	}
	if err == nil {
		return ast, CommonJS, nil
	}
	cjsErr := asParseError(err)
	if ast2, err2 := js.Parse(parse.NewInputBytes(buf), js.Options{}); err2 == nil {
		return ast2, ESM, nil
	} else if e2 := asParseError(err2); later(e2, cjsErr) {
		return nil, CommonJS, e2
	}
	return nil, CommonJS, cjsErr
}

func asParseError(err error) *parse.Error {
	if err == nil {
		return nil
	}
	var pe *parse.Error
	if errors.As(err, &pe) {
		return pe
	}
	return &parse.Error{Message: err.Error(), Line: 1, Column: 1}
}

func later(a, b *parse.Error) bool {
	return a.Line > b.Line || a.Line == b.Line && a.Column > b.Column
}

// errorOffset converts the parser's line and column (1-based, columns in
// code points, lines broken at \n, \r\n, \r, U+2028 and U+2029) to a byte
// offset.
func errorOffset(src []byte, e *parse.Error) int {
	line, col := 1, 1
	for i := 0; i < len(src); {
		if line == e.Line && col == e.Column {
			return i
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == '\r' && i+1 < len(src) && src[i+1] == '\n':
			n = 2
			fallthrough
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if line == e.Line { // column past the end of the line
				return i
			}
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	return len(src)
}

// tokenLen returns the length of the token-ish run at off, for the span of
// a syntax error.
func tokenLen(src []byte, off int) int {
	if off >= len(src) {
		return 0
	}
	n := 0
	for off+n < len(src) {
		c := src[off+n]
		if c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			n++
			continue
		}
		break
	}
	if n == 0 {
		_, n = utf8.DecodeRune(src[off:])
	}
	return n
}

// arrowASIBug recognises the parser's one known ASI bug: an arrow function
// with a block body, then a line starting with ( or [, is rejected although
// ASI ends the statement there (an arrow function cannot be called or
// indexed without parentheses). It returns the offset of the line
// terminator to replace by a semicolon, or -1.
func arrowASIBug(buf []byte, off int) int {
	if off >= len(buf) || buf[off] != '(' && buf[off] != '[' {
		return -1
	}
	i := off - 1
	lt := -1
	for ; i >= 0; i-- {
		c := buf[i]
		if c == '\n' || c == '\r' {
			lt = i
			continue
		}
		if c == ' ' || c == '\t' || c == '\f' || c == '\v' {
			continue
		}
		break
	}
	if lt < 0 || i < 0 || buf[i] != '}' {
		return -1
	}
	if buf[lt] == '\n' && lt > 0 && buf[lt-1] == '\r' {
		lt-- // keep \r\n a single line break for the re-lexer: replace the \r
	}
	return lt
}

// describeError turns the parser's message into one that names the
// construct when it is a known gap of the parser.
func describeError(src []byte, off int, e *parse.Error) string {
	msg := e.Message
	rest := src[off:]
	prev := prevSignificant(src, off)
	switch {
	case bytes.HasPrefix(rest, []byte("@")):
		return "decorators are not supported (" + msg + ")"
	case bytes.HasPrefix(rest, []byte("<")) && (prev == 0 || bytes.IndexByte([]byte("(=,:?[{}&|!;>"), prev) >= 0 || endsWithWord(src[:off], "return")):
		return "JSX is not supported: parse .jsx sources after compiling them (" + msg + ")"
	case (bytes.HasPrefix(rest, []byte("{")) || bytes.HasPrefix(rest, []byte("with")) || bytes.HasPrefix(rest, []byte("assert"))) && importAttributes(src, off):
		return "import attributes (with { type: ... }) are not supported (" + msg + ")"
	case prev == ':' && bytes.Contains([]byte(msg), []byte("unexpected")) || bytes.HasPrefix(rest, []byte(":")) && bytes.Contains([]byte(msg), []byte("function")):
		return "TypeScript type annotations are not supported: lint the compiled JavaScript (" + msg + ")"
	case endsWithWord(src[:off], "using"):
		return "using declarations are not supported (" + msg + ")"
	case strings.HasPrefix(msg, "too many nested"):
		return msg + ": the parser stops at 1,000 levels of nesting (Node accepts deeper code)"
	case bytes.HasPrefix(rest, []byte("await")) && bytes.Contains([]byte(msg), []byte("binding")):
		return "await used as an identifier is not supported by the parser (" + msg + ")"
	}
	return msg
}

func prevSignificant(src []byte, off int) byte {
	for i := off - 1; i >= 0; i-- {
		switch src[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			continue
		}
		return src[i]
	}
	return 0
}

func endsWithWord(b []byte, w string) bool {
	b = bytes.TrimRight(b, " \t\r\n")
	return bytes.HasSuffix(b, []byte(w)) && (len(b) == len(w) || !isIdentByte(b[len(b)-len(w)-1]))
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// importAttributes reports whether off sits right after `import ... 'mod'
// with` or `assert` on the same statement.
func importAttributes(src []byte, off int) bool {
	start := bytes.LastIndexAny(src[:off], ";\n")
	line := src[start+1 : off]
	return (bytes.Contains(line, []byte("import")) || bytes.Contains(line, []byte("export"))) &&
		(bytes.Contains(src[start+1:min(len(src), off+8)], []byte("with")) || bytes.Contains(src[start+1:min(len(src), off+8)], []byte("assert")))
}
