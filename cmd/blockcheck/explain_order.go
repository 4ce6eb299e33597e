package main

import (
	"fmt"
	"io"
)

// runExplainOrder is replaced by the explain-order implementation.
func runExplainOrder(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "blockcheck explain-order: not available in this build yet")
	return 2
}
