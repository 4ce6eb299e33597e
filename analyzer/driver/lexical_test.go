package driver_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2/js"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/jsast"
)

// TestLexicalOnParsedModule checks that an analyzer whose filter finds
// everything from the tokens runs on them when another analyzer has the
// module parsed, reporting at the positions of its text, and that its
// findings are dropped when that parse fails.
func TestLexicalOnParsedModule(t *testing.T) {
	var sawTree []bool
	lexical := &analysis.Analyzer{
		Name:     "lexical",
		Doc:      "reports the first regular-expression literal, from the tokens",
		Requires: []*analysis.Analyzer{jstokens.Analyzer, jsmodule.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			m := pass.ResultOf[jsmodule.Analyzer].(*jsmodule.Module)
			sawTree = append(sawTree, m.Module != nil)
			toks := pass.ResultOf[jstokens.Analyzer].(*jstokens.Tokens)
			for i, tok := range toks.Tokens() {
				if toks.Type(i) == js.RegExpToken {
					m.Report(pass, jsast.Span{Start: int(tok.Start), End: int(tok.End)}, "lexical", "a pattern")
					break
				}
			}
			return nil, nil
		},
	}
	tree := &analysis.Analyzer{ // no prefilter: it needs every module parsed
		Name:     "tree",
		Doc:      "needs the syntax tree",
		Requires: []*analysis.Analyzer{jsmodule.Analyzer},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}
	keep := func(*jstokens.Tokens) bool { return true }
	opt := driver.Options{
		Analyzers:  []*analysis.Analyzer{lexical, tree},
		Prefilters: map[*analysis.Analyzer]jstokens.Filter{lexical: {Keep: keep, Lexical: keep}},
	}
	dir := t.TempDir()
	write := func(name, src string) string { return writeFile(t, dir, name, src) }

	ok := write("ok.js", "const s = 'é';\nconst re = /a+/;\n")
	res := driver.Run(context.Background(), []string{ok}, opt)
	if m := res.Modules[ok]; m == nil || m.Module == nil {
		t.Fatalf("ok.js was not parsed, although an analyzer without a prefilter runs")
	}
	if !reflect.DeepEqual(sawTree, []bool{false}) {
		t.Errorf("the lexical analyzer saw a tree (runs: %v); want one run on the tokens", sawTree)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics: %v; want the pattern's", res.Diagnostics)
	}
	if d := res.Diagnostics[0]; d.Start.Line != 2 || d.Start.Column16 != 12 || d.Span != (jsast.Span{Start: 27, End: 31}) {
		t.Errorf("reported at %+v %v; want line 2, column 12, bytes 27-31", d.Start, d.Span)
	}

	sawTree = nil
	bad := write("bad.js", "const re = /a+/;\nlet x = [1 2];\n")
	res = driver.Run(context.Background(), []string{bad}, opt)
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "syntax" || !strings.Contains(res.Diagnostics[0].Message, "comma") {
		t.Errorf("diagnostics of a module that does not parse: %v; want its syntax error alone", res.Diagnostics)
	}
	if len(sawTree) != 1 {
		t.Errorf("the lexical analyzer ran %d times; want once, before the parse", len(sawTree))
	}
}
