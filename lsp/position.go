package lsp

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// encoding is the position encoding negotiated at initialize: how the
// character of an LSP position counts the units of a line.
type encoding uint8

const (
	utf16 encoding = iota // the LSP default, and what Neovim 0.7 speaks
	utf8Bytes
)

func (e encoding) kind() protocol.PositionEncodingKind {
	if e == utf8Bytes {
		return protocol.PositionEncodingKindUTF8
	}
	return protocol.PositionEncodingKindUTF16
}

// negotiate picks UTF-8 when the client offers it (no conversion needed: the
// analyzers count bytes), else UTF-16, which every client must accept.
func negotiate(offered []protocol.PositionEncodingKind) encoding {
	for _, k := range offered {
		if k == protocol.PositionEncodingKindUTF8 {
			return utf8Bytes
		}
	}
	return utf16
}

// lineIndex maps between byte offsets of a text and LSP positions. Lines end
// at "\n", "\r\n" or "\r", as the LSP specification says (not at U+2028,
// which JavaScript also counts).
type lineIndex struct {
	text  []byte
	start []int // byte offset of each line's first byte
}

func newLineIndex(text []byte) *lineIndex {
	li := &lineIndex{text: text, start: make([]int, 1, 1+len(text)/32)}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			li.start = append(li.start, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			li.start = append(li.start, i+1)
		}
	}
	return li
}

// lines is the number of lines (a text ending in a newline has an empty last line).
func (li *lineIndex) lines() int { return len(li.start) }

// lineEnd is the offset of the end of line l, before its line break.
func (li *lineIndex) lineEnd(l int) int {
	if l+1 >= len(li.start) {
		return len(li.text)
	}
	end := li.start[l+1]
	if end > 0 && li.text[end-1] == '\n' {
		end--
	}
	if end > li.start[l] && li.text[end-1] == '\r' {
		end--
	}
	return end
}

// errOutOfRange is returned for a position whose line is past the end of
// the document: the request is answered with InvalidParams.
func errOutOfRange(p protocol.Position, li *lineIndex) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "position %d:%d is out of range: the document has %d lines", p.Line, p.Character, li.lines())
}

// offset converts an LSP position into a byte offset. A character past the
// end of its line means the end of the line (as the specification says); a
// line past the end of the document is an error. A position inside a
// character (a UTF-16 surrogate pair, a UTF-8 sequence) rounds down.
func (li *lineIndex) offset(p protocol.Position, enc encoding) (int, error) {
	if int(p.Line) >= len(li.start) {
		return len(li.text), errOutOfRange(p, li)
	}
	start, end := li.start[p.Line], li.lineEnd(int(p.Line))
	if enc == utf8Bytes {
		off := min(start+int(p.Character), end)
		for off > start && off < len(li.text) && !utf8.RuneStart(li.text[off]) {
			off--
		}
		return off, nil
	}
	units := int(p.Character)
	off := start
	for off < end && units > 0 {
		r, size := utf8.DecodeRune(li.text[off:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if w > units {
			break
		}
		units -= w
		off += size
	}
	return off, nil
}

// clampedOffset is offset with a line past the end meaning the end of the
// document: for edits, which cannot be refused.
func (li *lineIndex) clampedOffset(p protocol.Position, enc encoding) int {
	off, _ := li.offset(p, enc)
	return off
}

// position converts a byte offset into an LSP position.
func (li *lineIndex) position(off int, enc encoding) protocol.Position {
	off = max(0, min(off, len(li.text)))
	l := sort.Search(len(li.start), func(i int) bool { return li.start[i] > off }) - 1
	start := li.start[l]
	if end := li.lineEnd(l); off > end {
		off = end // inside a "\r\n"
	}
	if enc == utf8Bytes {
		return protocol.Position{Line: uint32(l), Character: uint32(off - start)}
	}
	units := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRune(li.text[i:off])
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += size
	}
	return protocol.Position{Line: uint32(l), Character: uint32(units)}
}

func (li *lineIndex) rangeOf(start, end int, enc encoding) protocol.Range {
	return protocol.Range{Start: li.position(start, enc), End: li.position(end, enc)}
}

// span converts an LSP range into byte offsets; an end before the start is
// an error.
func (li *lineIndex) span(r protocol.Range, enc encoding) (int, int, error) {
	start, err := li.offset(r.Start, enc)
	if err != nil {
		return 0, 0, err
	}
	end, err := li.offset(r.End, enc)
	if err != nil {
		return 0, 0, err
	}
	if end < start {
		return 0, 0, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "range end %d:%d is before its start %d:%d", r.End.Line, r.End.Character, r.Start.Line, r.Start.Character)
	}
	return start, end, nil
}

func (p encoding) String() string { return fmt.Sprint(p.kind()) }
