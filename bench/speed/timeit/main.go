// Command timeit runs each benchmark command of bench/speed several times
// and prints a Markdown table of median wall and CPU (user + system, the
// process and its children) times, with ratios to the parse floor and to
// blockcheck.
//
//	timeit -runs 5 'name=command args' ...
//
// A name ending in "!" is run only once (for slow tools). A command's
// exit status is not an error (linters exit 1 on findings) unless it is
// above 2 or the process is killed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type sample struct{ wall, cpu time.Duration }

func main() {
	runs := flag.Int("runs", 5, "runs per command (after one warm-up run)")
	flag.Parse()
	type row struct {
		name        string
		wall, cpu   time.Duration
		runs        int
		exit        int
		outputLines int
	}
	var rows []row
	for _, arg := range flag.Args() {
		name, cmdline, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "timeit: want name=command, got %q\n", arg)
			os.Exit(2)
		}
		n := *runs
		if strings.HasSuffix(name, "!") {
			name, n = strings.TrimSuffix(name, "!"), 1
		} else {
			run(cmdline) // warm the page cache and the binaries
		}
		var ss []sample
		var exit, lines int
		for i := 0; i < n; i++ {
			s, code, out := run(cmdline)
			ss = append(ss, s)
			exit, lines = code, out
			fmt.Fprintf(os.Stderr, "  %-28s run %d: %6.2f s wall, %6.2f s CPU, exit %d\n", name, i+1, s.wall.Seconds(), s.cpu.Seconds(), code)
		}
		rows = append(rows, row{name, median(ss, func(s sample) time.Duration { return s.wall }),
			median(ss, func(s sample) time.Duration { return s.cpu }), n, exit, lines})
	}
	floor, bc := rows[0], rows[0]
	for _, r := range rows {
		if strings.HasPrefix(r.name, "blockcheck") {
			bc = r
			break
		}
	}
	fmt.Printf("| what | runs | wall (median) | CPU (median) | wall / parse floor | CPU / parse floor | wall / blockcheck | CPU / blockcheck | output lines |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Printf("| %s | %d | %.2f s | %.2f s | %.2f× | %.2f× | %.2f× | %.2f× | %d |\n", r.name, r.runs, r.wall.Seconds(), r.cpu.Seconds(),
			ratio(r.wall, floor.wall), ratio(r.cpu, floor.cpu), ratio(r.wall, bc.wall), ratio(r.cpu, bc.cpu), r.outputLines)
	}
	// Other sessions or jobs on the machine stretch wall times, not CPU.
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("\nload average at the end: %s", load)
	}
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }

func median(ss []sample, f func(sample) time.Duration) time.Duration {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = f(s)
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// run runs cmdline with bash, output counted and discarded.
func run(cmdline string) (sample, int, int) {
	cmd := exec.Command("bash", "-c", cmdline)
	var out countWriter
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() > 2 || ee.ExitCode() < 0 {
			fmt.Fprintf(os.Stderr, "timeit: %s: %v\n", cmdline, err)
			os.Exit(1)
		}
		code = ee.ExitCode()
	}
	var cpu time.Duration
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return sample{wall, cpu}, code, out.lines
}

type countWriter struct{ lines int }

func (w *countWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		if c == '\n' {
			w.lines++
		}
	}
	return len(p), nil
}
