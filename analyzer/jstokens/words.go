package jstokens

import (
	"encoding/binary"

	"github.com/blockcheck/blockcheck/jsast"
)

// Initials is a test on a name's length and first byte that rules out most
// names that cannot be one of a few words, without reading the name: the
// loops of prefilters run it on every identifier of a module and compare
// the text only of those it lets through.
type Initials [64]uint64 // by length (modulo 64), bit c&63 for each first byte c

// NewInitials returns the test for words.
func NewInitials(words ...string) *Initials {
	in := new(Initials)
	in.Add(words...)
	return in
}

// Add lets words through the test too.
func (in *Initials) Add(words ...string) {
	for _, w := range words {
		in[len(w)&63] |= 1 << (w[0] & 63)
	}
}

// May returns 1 if a name of n bytes starting with byte first may be one
// of the words, else 0 (a name of 64 bytes or more may pass for a shorter
// one: the caller compares the text): a bit, for loops that combine tests
// without a branch.
func (in *Initials) May(first byte, n int32) uint64 {
	return in[n&63] >> (first & 63) & 1
}

// Suffixes is a test on a name's length and last 4 bytes that rules out
// nearly every name that cannot be one of a few words (two at most of a
// length modulo 64, of 4 bytes or more), without a branch: prefilters run
// it on every token of a module and compare the text only of the names it
// lets through.
type Suffixes [2][64]uint32 // by length (modulo 64), the words' last 4 bytes; 0: none

// NewSuffixes returns the test for words.
func NewSuffixes(words ...string) *Suffixes {
	var s Suffixes
	for _, w := range words {
		if len(w) < 4 {
			panic("jstokens: a word of fewer than 4 bytes for Suffixes: " + w)
		}
		k, n := 0, len(w)&63
		if s[0][n] != 0 {
			k = 1
		}
		if s[k][n] != 0 {
			panic("jstokens: a third word of one length (modulo 64) for Suffixes: " + w)
		}
		s[k][n] = binary.LittleEndian.Uint32([]byte(w[len(w)-4:]))
	}
	return &s
}

// May returns 1 if token tok of src may be one of the words, as the length
// and the last 4 bytes of its text tell, else 0. It reads the 4 bytes
// before the token's end, whatever the token: src must have 4 at least. A
// name's are never all 0, which marks a length without a word.
func (s *Suffixes) May(src []byte, tok *jsast.Token) uint64 {
	i := max(int(tok.End)-4, 0)
	w := binary.LittleEndian.Uint32(src[i : i+4])
	n := (tok.End - tok.Start) & 63
	// x-1 has its top bit set just for x == 0.
	return ((uint64(w^s[0][n]) - 1) | (uint64(w^s[1][n]) - 1)) >> 63
}
