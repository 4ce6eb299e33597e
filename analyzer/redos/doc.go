// Package redos defines the redos rule: regular expressions whose matching
// time is super-linear in V8 (catastrophic backtracking, "ReDoS").
//
// Patterns come from regex literals and from new RegExp(x, flags) /
// RegExp(x) where x is a constant string, a template without
// substitutions, a concatenation of constants, or a const holding one. The
// analysis (jsregex/redos) builds an automaton with JavaScript's
// backtracking semantics, looks for ambiguity (exponential: two loops over
// the same string from one state; polynomial: chains of them), builds an
// attack string and confirms it with a step-counting backtracking matcher
// that mirrors V8's irregexp. Only confirmed findings are reported:
// exponential as errors, polynomial as warnings. A per-pattern budget keeps
// the verdict deterministic and the run bounded. See docs/rules/redos.md.
package redos
