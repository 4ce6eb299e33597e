// Package jsast is blockcheck's JavaScript front end.
//
// It parses one module (.js, .mjs, .cjs) with github.com/tdewolff/parse/v2/js
// and adds what that parser leaves out and every analysis needs:
//
//   - exact source ranges for nodes (the parser's AST carries no positions),
//     as byte offsets convertible to line/column in UTF-8 bytes and in UTF-16
//     code units (what LSP and ESLint use);
//   - the span of every identifier occurrence (the parser shares one *js.Var
//     among all references to a variable, so a reference's own position is
//     recovered by re-lexing the source and claiming identifier tokens in
//     source order);
//   - comments, which the parser drops;
//   - the module kind (ES module or CommonJS), from the extension and the
//     nearest package.json "type";
//   - syntax errors as *SyntaxError values at an exact position, naming the
//     construct when it is one the parser does not support (JSX, TypeScript,
//     decorators, import attributes, using declarations).
//
// Node wraps CommonJS files in a function, so top-level return is legal
// there; Parse accepts it. A file treated as CommonJS that only parses as an
// ES module (import/export syntax in a .js file) is parsed as one and its
// Kind says so, which is what Node 22+ does by syntax detection.
package jsast
