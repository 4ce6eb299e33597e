// Command blockls is blockcheck's language server: it reports code that
// blocks the Node.js event loop as you type, with quick fixes, and explains
// in what order callbacks run. It speaks LSP over stdin and stdout.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/cli"
	"github.com/blockcheck/blockcheck/lsp"
)

const usage = `blockls is blockcheck's language server for JavaScript (Node.js).

Usage:

	blockls [--log FILE]   serve the Language Server Protocol on stdin/stdout
	blockls --version      print the version
	blockls --help         print this help

Editors start it themselves (command: blockls, language: javascript).
Settings (workspace/configuration section "blockcheck"):

	rules    {"sync-io": "warning", ...}: "off", "on", "error", "warning", "info"
	node     Node.js major explain-order models (18-26); default from the project
	startup  also report blocking calls in start-up code

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout io.Writer, stderr io.Writer) int {
	fs := flag.NewFlagSet("blockls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("log", "", "append the server's log to `FILE`")
	version := fs.Bool("version", false, "print the version and exit")
	crashOn := fs.String("debug-crash-rule-on", "", "for tests: add a rule that panics on files containing `TEXT`")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(stdout)
			fmt.Fprint(stdout, usage)
			fs.PrintDefaults()
			return 0
		}
		return 2
	}
	if *version {
		fmt.Fprintf(stdout, "blockls %s\n", cli.Version())
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "blockls: unexpected argument %q (it serves on stdin/stdout)\n", fs.Arg(0))
		return 2
	}
	opt := lsp.Options{Version: cli.Version(), Explainer: explainer()}
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "blockls: %v\n", err)
			return 2
		}
		defer f.Close()
		opt.Log = f
	}
	if *crashOn != "" {
		opt.Analyzers = append(analyzer.Analyzers(), lsp.CrashingAnalyzer(*crashOn))
	}
	return lsp.New(opt).Serve(context.Background(), stdio{stdin, stdout})
}

// stdio joins stdin and stdout into the server's stream.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
