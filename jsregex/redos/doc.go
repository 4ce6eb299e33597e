// Package redos decides whether a JavaScript regular expression can take
// super-linear time in V8 (ReDoS), and proves it with an attack string.
//
//	res := redos.Analyze(`^(\w+\s?)*$`, "", redos.Options{})
//	// res.Complexity == redos.Exponential
//	// res.Attack.String(20) is an input that makes the match backtrack 2^20 ways
//
// # How
//
//  1. The pattern is parsed by package jsregex. If every repetition may
//     stop after one iteration and is followed, to the end, only by what
//     matches the empty string whatever the input (^(a|a)+, (\S+)(x*)(y)?),
//     it is Safe at once: backtracking into a repetition needs a failure
//     after it (tails.go). Other patterns are compiled twice: into a
//     backtracking matcher with ECMAScript semantics (the one V8's irregexp
//     implements, without memoization) and into an ε-free NFA whose edges
//     count distinct ε-paths, so that (a*)* is seen as ambiguous.
//  2. The NFA is searched for exponential ambiguity (EDA: two distinct
//     cycles over one string at one state, via the product A×A) and
//     polynomial ambiguity (IDA: p→p, p→q, q→q over one string, via A×A×A),
//     chained into degrees. An unanchored pattern gets a leading loop over
//     any character, because V8 retries the match from every index: a single
//     loop that fails after a long run is then O(n²).
//  3. Each finding becomes attack candidates prefix + pump×n + suffix, with
//     several character preferences (the NFA ignores \b and lookarounds) and
//     suffixes found by searching the NFA for a string that kills every
//     path. The candidates are screened at small n and the best confirmed by
//     counting matcher steps for growing n: exponential when each pump
//     multiplies the steps, polynomial of degree k when the second
//     differences grow as n^k.
//
// Only confirmed findings are reported as Polynomial or Exponential; an
// ambiguity no attack confirms is Safe with Unconfirmed set.
//
// # Budgets and determinism
//
// Verdicts depend only on the step and size budgets of Options (matcher
// steps, product-automaton nodes, automaton states), so the same pattern
// always gets the same verdict and attack. The wall-clock Timeout (default
// 50ms) is a safety net: past it, or past a budget, the result is Unknown.
// Results depend only on (pattern, flags, options): callers can cache them.
//
// # Approximations
//
//   - The NFA treats lookarounds, backreferences and word boundaries as
//     always passing, and unrolls bounded repetitions to at most two
//     mandatory and two optional copies. This can produce ambiguities the
//     matcher then refutes (Unconfirmed), or miss attacks that need a
//     specific context: Result.Approximate flags patterns with such
//     constructs. A positive lookbehind that starts the pattern is handled by
//     also trying attacks prefixed with a shortest string it accepts.
//   - Polynomial degrees are measured on the matcher, counting the retry
//     from every start index, like the V8 timings they predict.
//   - V8 features that only change constant factors (Boyer-Moore prefix
//     scans, quick checks, the greedy-loop text optimisation) are not
//     modelled; they do not change the growth class. What does change it is
//     modelled: no memoization, the retry from every index unless the
//     pattern starts with ^ (without m) or has the y flag, the empty-iteration
//     check that makes (a?)* terminate, atomic lookarounds. Patterns with the
//     g flag are measured like String.prototype.replace (all matches).
package redos
