// Package jsmodule defines the analyzer every blockcheck rule requires: it
// parses the pass's JavaScript module and returns it, with its imports
// resolved, as its result (the way inspect.Analyzer serves Go analyzers).
//
// A file that does not parse is reported here, under the rule "syntax",
// and the analyzer fails, so no rule runs on a module without an AST.
package jsmodule

import (
	"errors"
	"fmt"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/analyzer/resolve"
	"github.com/blockcheck/blockcheck/jsast"
)

// Module is the analyzer's result: the parsed module, the token.File its
// diagnostics are reported against, and its import edges.
type Module struct {
	*jsast.Module
	File    *token.File
	Imports []resolve.Import
}

// Pos converts a byte offset into a token.Pos for analysis.Diagnostic.
func (m *Module) Pos(off int) token.Pos {
	if off < 0 {
		off = 0
	}
	if off > m.File.Size() {
		off = m.File.Size()
	}
	return m.File.Pos(off)
}

// Report reports a diagnostic over a span.
func (m *Module) Report(pass *analysis.Pass, s jsast.Span, category, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: m.Pos(s.Start), End: m.Pos(s.End), Category: category, Message: fmt.Sprintf(format, args...)})
}

// ErrSyntax is the error of a pass whose module does not parse.
var ErrSyntax = errors.New("module does not parse")

// Analyzer parses the module lexed by jstokens.Analyzer.
var Analyzer = &analysis.Analyzer{
	Name:       "jsmodule",
	Doc:        "parse a JavaScript module and resolve its imports; report syntax errors",
	URL:        "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/syntax.md",
	Requires:   []*analysis.Analyzer{jstokens.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Module](),
}

func run(pass *analysis.Pass) (any, error) {
	t := pass.ResultOf[jstokens.Analyzer].(*jstokens.Tokens)
	path, src := t.Path, t.Src
	// Positions are converted by jsast (UTF-16 columns, LSP line breaks);
	// the token.File only maps offsets to token.Pos, so it needs no lines.
	tf := pass.Fset.AddFile(path, -1, len(src))
	m, err := t.Parse(jsast.KindOf(path, pass.ReadFile))
	if err != nil {
		var se *jsast.SyntaxError
		if errors.As(err, &se) {
			pass.Report(analysis.Diagnostic{Pos: tf.Pos(se.Start), End: tf.Pos(se.End), Category: "syntax", Message: se.Message})
			return nil, ErrSyntax
		}
		return nil, err
	}
	return &Module{Module: m, File: tf, Imports: resolve.Imports(m, pass.ReadFile)}, nil
}
