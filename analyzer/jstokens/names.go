package jstokens

import (
	"hash/maphash"
	"iter"
)

// Names files values under the names of tokens, for a prefilter that looks
// names up while it reads a module: a chain per hash of the name, the
// latest value first, all in one slice, so that filing allocates no slice
// and no key per name. Names of one hash share a chain; All tells them
// apart by the text of each value's name token.
type Names[T any] struct {
	t     *Tokens
	heads map[uint64]int32 // the latest link of each hash, +1
	links []nameLink[T]
}

type nameLink[T any] struct {
	name int32 // the token of the name
	next int32 // the link before in the hash's chain, +1; 0: none
	v    T
}

var nameSeed = maphash.MakeSeed()

// NewNames returns an empty index of t's names, with room for about n
// values.
func NewNames[T any](t *Tokens, n int) *Names[T] {
	return &Names[T]{t: t, heads: make(map[uint64]int32, n/2), links: make([]nameLink[T], 0, n)}
}

// Add files v under the name of token k.
func (x *Names[T]) Add(k int, v T) {
	h := maphash.Bytes(nameSeed, x.t.Text(k))
	x.links = append(x.links, nameLink[T]{int32(k), x.heads[h], v})
	x.heads[h] = int32(len(x.links))
}

// Latest returns the value filed last under the name of token k, if any.
func (x *Names[T]) Latest(k int) (v T, ok bool) {
	for v := range x.All(x.t.Text(k)) {
		return v, true
	}
	return v, false
}

// All yields the values filed under name, the latest first.
func (x *Names[T]) All(name []byte) iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := x.heads[maphash.Bytes(nameSeed, name)]; i > 0; {
			l := &x.links[i-1]
			i = l.next
			if string(x.t.Text(int(l.name))) == string(name) && !yield(l.v) {
				return
			}
		}
	}
}
