package jsast

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"
)

// Kind is the module system a file is evaluated under.
type Kind uint8

const (
	CommonJS Kind = iota
	ESM
)

func (k Kind) String() string {
	if k == ESM {
		return "esm"
	}
	return "cjs"
}

// Span is a half-open range of byte offsets into Module.Src.
type Span struct{ Start, End int }

// Contains reports whether s contains t.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Position is a location in a source file. Line and the columns are 1-based.
// Column counts UTF-8 bytes; Column16 counts UTF-16 code units.
type Position struct {
	Offset   int
	Line     int
	Column   int
	Column16 int
}

// Comment is a comment token: its span and its text, delimiters included.
type Comment struct {
	Span
	Text string
}

// Module is one parsed JavaScript module.
type Module struct {
	Path string
	Src  []byte // the file's bytes as given to Parse
	Kind Kind
	AST  *js.AST

	Comments []Comment

	linesOnce sync.Once
	lineStart []int // byte offset of the start of each line (lines)

	nodes []Node // pre-order, see walk.go

	spanOnce  sync.Once
	nodeIndex map[js.INode]int32 // IndexOf

	encOnce   sync.Once
	enclosing []int32 // Enclosing, by node
}

// Position converts a byte offset into a position. Lines end at \n, \r\n
// and \r, as in LSP; offsets past the end are clamped.
func (m *Module) Position(off int) Position {
	return position(m.Src, m.lines(), off)
}

// LineCount returns the number of lines in the module.
func (m *Module) LineCount() int { return len(m.lines()) }

// lines returns the line starts, computed on first use: most modules never
// report a position.
func (m *Module) lines() []int {
	m.linesOnce.Do(func() {
		if m.lineStart == nil {
			m.lineStart = lineStarts(m.Src)
		}
	})
	return m.lineStart
}

// LineStart returns the byte offset where 1-based line starts.
func (m *Module) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	lines := m.lines()
	if line > len(lines) {
		return len(m.Src)
	}
	return lines[line-1]
}

// Offset16 converts a 0-based line and a UTF-16 column (as LSP sends
// them) into a byte offset, clamping out-of-range values.
func (m *Module) Offset16(line, col16 int) int {
	return offset16(m.Src, m.lines(), line, col16)
}

// Text returns the source text of a span.
func (m *Module) Text(s Span) string {
	if s.Start < 0 || s.End > len(m.Src) || s.Start > s.End {
		return ""
	}
	return string(m.Src[s.Start:s.End])
}

func lineStarts(src []byte) []int {
	lines := make([]int, 1, len(src)/32+1)
	if bytes.IndexByte(src, '\r') < 0 { // the common case: memchr for each \n
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return lines
			}
			i += j + 1
			lines = append(lines, i)
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		}
	}
	return lines
}

func position(src []byte, lines []int, off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	l := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	if l < 0 {
		l = 0
	}
	start := lines[l]
	col16 := 0
	for i := start; i < off; {
		r, n := utf8.DecodeRune(src[i:])
		if i+n > off { // offset inside a multi-byte rune
			break
		}
		if r >= 0x10000 {
			col16 += 2
		} else {
			col16++
		}
		i += n
	}
	return Position{Offset: off, Line: l + 1, Column: off - start + 1, Column16: col16 + 1}
}

func offset16(src []byte, lines []int, line, col16 int) int {
	if line < 0 {
		return 0
	}
	if line >= len(lines) {
		return len(src)
	}
	end := len(src)
	if line+1 < len(lines) {
		end = lines[line+1]
	}
	i := lines[line]
	for c := 0; c < col16 && i < end; {
		if src[i] == '\n' || src[i] == '\r' {
			break
		}
		r, n := utf8.DecodeRune(src[i:])
		if r >= 0x10000 {
			c += 2
		} else {
			c++
		}
		i += n
	}
	return i
}

// KindOf decides whether the file at path is an ES module or CommonJS, as
// Node does: .mjs and .cjs decide by themselves; otherwise the "type" field
// of the nearest package.json. readFile reads a file (it may serve editor
// buffers); a missing or unreadable package.json is skipped.
func KindOf(path string, readFile func(string) ([]byte, error)) Kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mjs", ".mts":
		return ESM
	case ".cjs", ".cts":
		return CommonJS
	}
	if readFile == nil {
		return CommonJS
	}
	dir := filepath.Dir(path)
	for {
		if b, err := readFile(filepath.Join(dir, "package.json")); err == nil {
			return packageKind(b) // the nearest package.json decides, even without "type"
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return CommonJS
		}
		dir = parent
	}
}

// PositionIn converts an offset in src into a position, for files that were
// not parsed (a syntax error's file).
func PositionIn(src []byte, off int) Position {
	return position(src, lineStarts(src), off)
}

// Lines converts byte offsets of one source to positions, finding its line
// starts once (PositionIn finds them at every call).
type Lines struct {
	src    []byte
	starts []int
}

// NewLines returns the Lines of src.
func NewLines(src []byte) *Lines { return &Lines{src, lineStarts(src)} }

// Position is PositionIn(src, off).
func (l *Lines) Position(off int) Position {
	return position(l.src, l.starts, off)
}

// packageKinds caches the "type" of package.json contents: every file of a
// package asks, and decoding is the expensive part.
var packageKinds sync.Map // string(content) → Kind

func packageKind(b []byte) Kind {
	if !bytes.Contains(b, []byte(`"module"`)) {
		return CommonJS // no "type": "module" possible: skip decoding
	}
	if k, ok := packageKinds.Load(string(b)); ok {
		return k.(Kind)
	}
	var pkg struct {
		Type string `json:"type"`
	}
	k := CommonJS
	if json.Unmarshal(b, &pkg) == nil && pkg.Type == "module" {
		k = ESM
	}
	packageKinds.Store(string(b), k)
	return k
}
