package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/blockcheck/blockcheck/explain"
)

const explainOrderUsage = `Usage: blockcheck explain-order [--node=MAJOR] [--format=text|json] [--verify] FILE

Predicts what a Node.js program prints, in what order, and why: the main
script, process.nextTick, promise jobs, await, timers, I/O, setImmediate and
close callbacks. When Node does not guarantee one order, every possible output
is listed with the condition that produces it. Constructs the model cannot
follow are reported as unknowns and the prediction is marked incomplete.

Flags:
`

// runExplainOrder implements "blockcheck explain-order".
// Exit codes: 0 prediction written, 2 usage or I/O error, 1 --verify saw an
// output that was not predicted.
func runExplainOrder(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain-order", flag.ContinueOnError)
	fs.SetOutput(stderr)
	node := fs.Int("node", 0, "Node.js major to model: 18, 20, 22, 24 or 26 (default: package.json engines.node, .nvmrc, .node-version, else the newest LTS)")
	format := fs.String("format", "text", "output format: text or json")
	verify := fs.Bool("verify", false, "also run FILE with the node on PATH several times and check every observed output was predicted (runs your code)")
	runs := fs.Int("runs", 10, "runs for --verify")
	usage := func(w io.Writer) {
		fmt.Fprint(w, explainOrderUsage)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	fs.Usage = func() {} // printed below, to stdout for --help
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return 0
		}
		usage(stderr)
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "blockcheck explain-order: expected exactly one FILE")
		usage(stderr)
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "blockcheck explain-order: unknown --format %q (want text or json)\n", *format)
		return 2
	}
	switch *node {
	case 0, 18, 20, 22, 24, 26:
	default:
		fmt.Fprintf(stderr, "blockcheck explain-order: --node must be one of 18, 20, 22, 24, 26 (got %d)\n", *node)
		return 2
	}
	file := fs.Arg(0)
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck explain-order: %v\n", err)
		return 2
	}
	pred, err := explain.Predict(file, src, explain.Options{Node: *node})
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck explain-order: %v\n", err)
		return 2
	}
	if *format == "json" {
		err = pred.WriteJSON(stdout)
	} else {
		err = pred.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck explain-order: %v\n", err)
		return 2
	}
	if !*verify {
		return 0
	}
	v, err := explain.Verify(context.Background(), pred, "node", *runs)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck explain-order: --verify: %v\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "verify: %d runs of node, %d distinct outputs\n", v.Runs, len(v.Observed))
	for _, o := range v.Observed {
		mark := "predicted"
		if !o.Predicted {
			mark = "NOT PREDICTED"
		}
		fmt.Fprintf(stderr, "  %dx %s: %s\n", o.Count, mark, strings.Join(o.Lines, " | "))
	}
	if !v.OK {
		return 1
	}
	return 0
}
