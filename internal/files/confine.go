package files

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutsideRoot is the error of a read outside the confined tree.
var ErrOutsideRoot = fmt.Errorf("outside the analyzed root: %w", os.ErrPermission)

// Confine wraps readFile so that paths outside root fail as permission
// errors: what blockcheck reads of a tree (module resolution, package.json,
// configuration, a predicted program's files) stays inside it. An empty
// root confines nothing.
func Confine(root string, readFile func(string) ([]byte, error)) func(string) ([]byte, error) {
	if root == "" {
		return readFile
	}
	root = filepath.Clean(root)
	return func(p string) ([]byte, error) {
		rel, err := filepath.Rel(root, filepath.Clean(p))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, &os.PathError{Op: "read", Path: p, Err: ErrOutsideRoot}
		}
		return readFile(p)
	}
}
