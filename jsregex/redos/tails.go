package redos

import "github.com/blockcheck/blockcheck/jsregex"

// Backtracking needs a failure after a repetition: the matcher returns to
// a repetition's earlier choices only when what follows it fails. So a
// pattern in which every repetition
//
//   - needs at most one iteration (min ≤ 1) before it may stop, and
//   - is followed, to the end of the pattern, only by what can match the
//     empty string whatever the input (no character it must read, no
//     assertion, lookaround or backreference: see emptyAlways)
//
// cannot backtrack into a repetition. Once a repetition has matched what
// it may stop at, the matcher either extends it or stops it, and stopping
// it ends the match with a success: /^([.-]|[^a-z0-9_-])+/ and
// /(\S+)((?:[^/]|\/[^>])*)(\/>)?/ are ambiguous, but no input makes them
// fail after the ambiguous part. An attempt at one start index either
// fails before reading a repetition's first iteration through (constant
// work) or succeeds, so the work is linear in the input, whatever the
// automaton's ambiguity says. Such patterns skip the analysis: it would
// only find ambiguities that every confirmation run refutes (most of its
// time on the corpus of npm code goes to such refutations).
//
// Patterns with lookarounds or backreferences are left to the analysis.

// freeTails reports whether every repetition in n meets the two
// conditions above, given whether what follows n matches the empty string
// whatever the input (free).
func freeTails(n jsregex.Node, free bool) bool {
	switch n := n.(type) {
	case *jsregex.Char, *jsregex.Dot, *jsregex.Class, *jsregex.Assertion:
		return true // no repetition inside
	case *jsregex.Group:
		return freeTails(n.Body, free)
	case *jsregex.Alternation:
		for _, a := range n.Alts {
			if !freeTails(a, free) {
				return false
			}
		}
		return true
	case *jsregex.Concat:
		// An item is followed by the items after it, then by what follows
		// the sequence.
		for i := len(n.Items) - 1; i >= 0; i-- {
			if !freeTails(n.Items[i], free) {
				return false
			}
			free = free && emptyAlways(n.Items[i])
		}
		return true
	case *jsregex.Repeat:
		// After an iteration that ends the body, the matcher tries another
		// one or stops, and stopping succeeds: what follows the body is
		// free inside it.
		return free && n.Min <= 1 && freeTails(n.Body, true)
	}
	return false // lookarounds, backreferences
}

// emptyAlways reports whether n matches the empty string whatever the
// input and the captures: by an alternative or a repetition it may end
// with nothing read and nothing tested. (The matcher may try other ways
// first; they either succeed too or fail back to this one.)
func emptyAlways(n jsregex.Node) bool {
	switch n := n.(type) {
	case *jsregex.Group:
		return emptyAlways(n.Body)
	case *jsregex.Alternation:
		for _, a := range n.Alts {
			if emptyAlways(a) {
				return true
			}
		}
		return false
	case *jsregex.Concat:
		for _, it := range n.Items {
			if !emptyAlways(it) {
				return false
			}
		}
		return true
	case *jsregex.Repeat:
		return n.Min == 0 || emptyAlways(n.Body)
	}
	return false // characters, assertions, lookarounds, backreferences
}
