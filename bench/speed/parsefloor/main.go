// Command parsefloor is the speed floor blockcheck is measured against:
// it reads every .js/.mjs/.cjs file under a folder and parses it with
// tdewolff's js.Parse (the parser blockcheck's front end wraps), one file
// at a time on one goroutine, and does nothing else.
//
//	go run ./bench/speed/parsefloor DIR
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor DIR")
		os.Exit(2)
	}
	var files, failed int
	var size int64
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".js", ".mjs", ".cjs":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		size += int64(len(b))
		if _, err := js.Parse(parse.NewInputBytes(b), js.Options{}); err != nil {
			failed++
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Printf("%d files, %.1f MB, %d rejected by the parser\n", files, float64(size)/1e6, failed)
}
