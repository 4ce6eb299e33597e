package resolve

import (
	"io/fs"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

func TestSpecifiers(t *testing.T) {
	src := []byte(`const a = require('./a'), b = require ( "b/c" );
import x from './x.js';
import './side-effect';
export { y } from "../y";
const lazy = await import('./lazy');
obj.require('not-this'); prerequire('nor-this'); // from 'comment'
const s = "require('in-string')";`)
	got := Specifiers(src)
	want := []string{"./a", "b/c", "./x.js", "./side-effect", "../y", "./lazy", "comment", "in-string"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Specifiers = %q, want %q", got, want)
	}
}

// memFS serves files from a map; a path that is a prefix folder of a file
// reads as a folder (EISDIR), like os.ReadFile.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		for f := range files {
			if strings.HasPrefix(f, p+"/") {
				return nil, &fs.PathError{Op: "read", Path: p, Err: syscall.EISDIR}
			}
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
}

func TestResolve(t *testing.T) {
	read := memFS(map[string]string{
		"/app/src/main.js":                      "",
		"/app/src/util.js":                      "",
		"/app/src/lib/index.js":                 "",
		"/app/src/pkg/package.json":             `{"main": "dist/entry"}`,
		"/app/src/pkg/dist/entry.js":            "",
		"/app/node_modules/dep/package.json":    `{"main": "main.js"}`,
		"/app/node_modules/dep/main.js":         "",
		"/app/node_modules/exp/package.json":    `{"exports": {".": {"require": "./cjs.js", "import": "./esm.mjs"}, "./sub": "./sub.js"}}`,
		"/app/node_modules/exp/cjs.js":          "",
		"/app/node_modules/exp/sub.js":          "",
		"/app/node_modules/@scope/pkg/index.js": "",
	})
	cases := map[string]string{
		"./util":      "/app/src/util.js",
		"./util.js":   "/app/src/util.js",
		"./lib":       "/app/src/lib/index.js",
		"./pkg":       "/app/src/pkg/dist/entry.js",
		"dep":         "/app/node_modules/dep/main.js",
		"exp":         "/app/node_modules/exp/cjs.js",
		"exp/sub":     "/app/node_modules/exp/sub.js",
		"@scope/pkg":  "/app/node_modules/@scope/pkg/index.js",
		"./missing":   "",
		"missing-pkg": "",
	}
	for spec, want := range cases {
		if got := Resolve("/app/src/main.js", spec, read); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", spec, got, want)
		}
	}
}

// TestManifestChanges checks that a package.json read again with other
// text (an editor's unsaved buffer) resolves by its new text, and one that
// is not JSON, or whose main is not a string, by index.js.
func TestManifestChanges(t *testing.T) {
	files := map[string]string{
		"/app/main.js":                 "",
		"/app/node_modules/p/a.js":     "",
		"/app/node_modules/p/b.js":     "",
		"/app/node_modules/p/index.js": "",
	}
	read := memFS(files)
	for _, c := range []struct{ manifest, want string }{
		{`{"main": "a.js"}`, "/app/node_modules/p/a.js"},
		{`{"main": "b.js"}`, "/app/node_modules/p/b.js"},
		{`{"main": "a.js"}`, "/app/node_modules/p/a.js"},
		{`{"main": 1, "exports": "./b.js"}`, "/app/node_modules/p/b.js"},
		{`{"main": 1}`, "/app/node_modules/p/index.js"},
		{`{"main": "a.js"`, "/app/node_modules/p/index.js"},
		{`[]`, "/app/node_modules/p/index.js"},
	} {
		files["/app/node_modules/p/package.json"] = c.manifest
		if got := Resolve("/app/main.js", "p", read); got != c.want {
			t.Errorf("with package.json %s: Resolve = %q, want %q", c.manifest, got, c.want)
		}
	}
}
