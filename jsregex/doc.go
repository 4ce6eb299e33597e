// Package jsregex parses JavaScript regular expressions (ECMAScript 2024):
// all flags (d g i m s u v y), classes and escapes, Unicode property escapes,
// v-flag set operations and \q{...}, named groups, lookarounds, numbered and
// named backreferences, greedy and lazy quantifiers, and the Annex B grammar
// used without the u and v flags.
//
//	re, err := jsregex.Parse(`(?<y>\d{4})-\k<y>`, "u")
//
// Invalid patterns yield an *Error carrying the byte offset and V8's
// SyntaxError wording ("Nothing to repeat", "Unterminated group", ...).
// DecodeStringLiteral turns the raw text of a string literal into the pattern
// that new RegExp('...') receives.
//
// Character sets are CharSets of ranges over code points (u, v) or UTF-16
// code units (otherwise); Class.Matches applies case folding and negation.
// Sets that Go's unicode tables cannot give exactly (a few binary properties,
// properties of strings) are approximated and Regexp.Approximate is set.
package jsregex
