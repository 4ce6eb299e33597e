// Command blockcheck finds code that blocks the Node.js event loop and
// explains in what order a program's callbacks run.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/blockcheck/blockcheck/internal/cli"
)

const usage = `blockcheck finds code that blocks the Node.js event loop.

Usage:

	blockcheck check [flags] [paths...]   report blocking code (default path: .)
	blockcheck explain-order [flags] FILE predict the order a program's callbacks run in
	blockcheck rules [RULE]               list the rules, or print one rule's documentation
	blockcheck version                    print the version

Run "blockcheck COMMAND --help" for a command's flags.
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC trades memory for speed: a check allocates syntax trees that die
// young. When every module was parsed, the default collector took a third
// of the run and GOGC=400 cut a check of 80 MB of npm code from 6.7 s to
// 4.1 s on two cores; now that most modules are only lexed (and node and
// token lists are reused), GOGC=100, 200 and 400 measure within about 10%
// of each other, in no steady order, and 400 keeps the largest heap (about
// 700 MB on that code against 570 MB at 100, before the driver collected
// right after each huge module and parsed files in place: now about 450
// MB). The soft memory limit keeps a huge file from growing the heap
// without bound. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(2 << 30)
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return cli.ExitUsage
	}
	switch args[0] {
	case "check":
		adviseHugePages(min(1<<30, debug.SetMemoryLimit(-1)/2))
		return cli.Check(args[1:], stdout, stderr)
	case "explain-order":
		return runExplainOrder(args[1:], stdout, stderr)
	case "rules":
		return cli.Rules(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "blockcheck %s\n", cli.Version())
		return cli.ExitClean
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return cli.ExitClean
	}
	fmt.Fprintf(stderr, "blockcheck: unknown command %q\n\n%s", args[0], usage)
	return cli.ExitUsage
}
