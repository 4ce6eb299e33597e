package interp

import (
	"reflect"
	"unsafe"

	"github.com/tdewolff/parse/v2/js"
)

// Program is a parsed entry module.
type Program struct {
	Path string
	Src  []byte // the buffer the AST aliases
	AST  *js.AST
	ESM  bool
	// Span, when set, returns the start offset of a node (from the front
	// end). Without it, offsets are estimated from the first identifier or
	// literal inside the node.
	Span func(node js.INode) (int, bool)
	// ReadFile loads local modules and files; nil means no file access.
	ReadFile func(path string) ([]byte, error)
	// Parse parses a local module required or imported by the program.
	Parse func(path string, src []byte) (*Program, error)

	offsets map[js.INode]int
}

// offsetOf returns a byte offset inside the source for node, or -1.
func (p *Program) offsetOf(node js.INode) int {
	if node == nil {
		return -1
	}
	if p.Span != nil {
		if off, ok := p.Span(node); ok {
			return off
		}
	}
	if p.offsets == nil {
		p.offsets = map[js.INode]int{}
	}
	if k := reflect.ValueOf(node); k.Kind() == reflect.Pointer {
		if off, ok := p.offsets[node]; ok {
			return off
		}
	}
	off := p.firstAlias(reflect.ValueOf(node), 0)
	if k := reflect.ValueOf(node); k.Kind() == reflect.Pointer {
		p.offsets[node] = off
	}
	return off
}

// firstAlias finds the smallest offset of a byte slice aliasing Src.
func (p *Program) firstAlias(v reflect.Value, depth int) int {
	if depth > 40 || len(p.Src) == 0 {
		return -1
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return -1
		}
		if v.Type() == reflect.TypeOf(&js.Scope{}) {
			return -1
		}
		return p.firstAlias(v.Elem(), depth+1)
	case reflect.Struct:
		best := -1
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Scope" || f.Name == "Link" {
				continue
			}
			if o := p.firstAlias(v.Field(i), depth+1); o >= 0 && (best < 0 || o < best) {
				best = o
			}
		}
		return best
	case reflect.Slice:
		if v.Len() == 0 {
			return -1
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b := v.Bytes()
			base := uintptr(unsafe.Pointer(&p.Src[0]))
			ptr := uintptr(unsafe.Pointer(&b[0]))
			if ptr >= base && ptr < base+uintptr(len(p.Src)) {
				return int(ptr - base)
			}
			return -1
		}
		best := -1
		n := v.Len()
		if n > 8 {
			n = 8
		}
		for i := 0; i < n; i++ {
			if o := p.firstAlias(v.Index(i), depth+1); o >= 0 && (best < 0 || o < best) {
				best = o
			}
		}
		return best
	}
	return -1
}

// LineCol converts an offset to a 1-based line and column (UTF-8 bytes).
func (p *Program) LineCol(off int) (int, int) {
	if off < 0 || off > len(p.Src) {
		return 0, 0
	}
	line, col := 1, 1
	for i := 0; i < off; i++ {
		if p.Src[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
