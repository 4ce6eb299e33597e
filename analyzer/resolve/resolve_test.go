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
