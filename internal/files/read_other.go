//go:build !unix

package files

import "os"

// ReadFile reads the whole file at path (os.ReadFile, which leaves spare
// capacity after it; see jsast.Lexed.Exclusive).
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }
