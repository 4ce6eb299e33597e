// Package jstokens defines the first analyzer of every blockcheck rule: it
// splits the pass's JavaScript module into tokens (jsast.Lex), without a
// parse. analyzer/jsmodule parses those tokens. Before it does, a driver
// may ask each rule's Prefilter whether the module can hold a finding of
// the rule at all, and skip the parse (several times the cost of the
// lexer) when none can: most modules of a large tree have no candidate for
// any rule.
package jstokens

import (
	"fmt"
	"reflect"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/jsast"
)

// Tokens is the analyzer's result.
type Tokens struct {
	*jsast.Lexed
	// ReadFile is the pass's reader, for prefilters that depend on
	// configuration files.
	ReadFile func(path string) ([]byte, error)
	// Config, when set, returns the configuration that applies to a path
	// (a driver shares one loader between modules); otherwise prefilters
	// load it with ReadFile.
	Config func(path string) (*config.Config, error)

	memo map[string]any // Memo
}

// Memo returns the value f computes for key, computing it once per module:
// for scans several prefilters share.
func (t *Tokens) Memo(key string, f func() any) any {
	if v, ok := t.memo[key]; ok {
		return v
	}
	if t.memo == nil {
		t.memo = map[string]any{}
	}
	v := f()
	t.memo[key] = v
	return v
}

// Prefilter reports whether a module may hold a finding of a rule, from
// its tokens alone. It must answer true whenever the rule could report
// there (a wrong true only costs a parse); analyzer.TestPrefilters checks
// that on every fixture.
type Prefilter func(t *Tokens) bool

// Filter is what a driver asks a rule before it parses a module (see
// driver.Options.Prefilters).
type Filter struct {
	// Keep reports whether the module may hold a finding of the rule.
	Keep Prefilter
	// Lexical, when set, reports whether the rule finds everything it
	// would in a kept module from the tokens alone. If every rule that
	// keeps a module can, the module is not parsed: the rules' analyzers
	// run on it with a jsmodule.Module that has no syntax tree (and no
	// results of other analyzers), and must then read the tokens.
	Lexical Prefilter
	// Relevant, when set, returns what the rule's analyzers follow in a
	// module its prefilter keeps: the names (str: the string values) whose
	// uses can lead to a finding (see Elidable; the name is only valid
	// during the call). If every rule that keeps a module has it, the
	// driver blanks the function bodies that cannot lead to one before the
	// parse.
	Relevant func(t *Tokens) func(name string, str bool) bool
}

// Analyzer lexes the module named by pass.OtherFiles[0].
var Analyzer = &analysis.Analyzer{
	Name:       "jstokens",
	Doc:        "split a JavaScript module into tokens, without a parse",
	Run:        run,
	ResultType: reflect.TypeFor[*Tokens](),
}

func run(pass *analysis.Pass) (any, error) {
	if len(pass.OtherFiles) != 1 {
		return nil, fmt.Errorf("jstokens: want one file per pass, got %d", len(pass.OtherFiles))
	}
	path := pass.OtherFiles[0]
	src, err := pass.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &Tokens{Lexed: jsast.Lex(path, src), ReadFile: pass.ReadFile}, nil
}

// IsName reports whether token i is an identifier (or a keyword, which can
// name a property) spelled name.
func (t *Tokens) IsName(i int, name string) bool {
	return js.IsIdentifierName(t.Type(i)) && string(t.Text(i)) == name
}

// StringValue returns the text inside string token i, or inside a template
// without substitutions, escapes left as written; ok is false for other
// tokens.
func (t *Tokens) StringValue(i int) (string, bool) {
	switch t.Type(i) {
	case js.StringToken, js.TemplateToken:
		b := t.Text(i)
		if len(b) < 2 {
			return "", false
		}
		return string(b[1 : len(b)-1]), true
	}
	return "", false
}

// LineBreakBefore reports whether a line terminator (a comment's
// included) separates token k from the token before it, where automatic
// semicolon insertion may end a statement; true at either end of the
// tokens.
func (t *Tokens) LineBreakBefore(k int) bool {
	if k <= 0 || k >= t.Len() {
		return true
	}
	gap := t.Src[t.Span(k-1).End:t.Span(k).Start] // mostly a space or nothing
	for i, c := range gap {
		switch c {
		case '\n', '\r':
			return true
		case 0xe2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8
			if i+2 < len(gap) && gap[i+1] == 0x80 && gap[i+2]&^1 == 0xa8 {
				return true
			}
		}
	}
	return false
}

// ExpressionEnd returns the index of the token after the expression that
// starts at token i (an initialiser, an argument): the first comma,
// semicolon or unmatched closing bracket outside brackets, or a line break
// where automatic semicolon insertion ends the statement; -1 if a bracket
// is not closed.
func (t *Tokens) ExpressionEnd(i int) int { return t.stop(i, true) }
