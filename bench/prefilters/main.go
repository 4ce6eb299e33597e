// Command prefilters shows how much of a tree each rule's token-level
// prefilter keeps: bytes and files per rule, the bytes of those the rule
// needs parsed (it cannot find everything from the tokens: see
// jstokens.Filter), the bytes only that rule needs parsed, the union (what
// check parses), the time each prefilter takes (one worker; a scan several
// share is counted for the first), and the largest parsed files with the
// rules that need it.
//
//	go run ./bench/prefilters [-top N] [-cpuprofile FILE] DIR
//
// A prefilter that keeps much more than its rule reports on is the first
// place to look when check's time grows (see bench/README.md).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/internal/files"
	"github.com/blockcheck/blockcheck/jsast"
)

func main() {
	top := flag.Int("top", 20, "list the `N` largest kept files")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the prefilters to `FILE`")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: prefilters [-top N] [-cpuprofile FILE] DIR")
		os.Exit(2)
	}
	root := flag.Arg(0)
	var rules []analyzer.Rule
	for _, r := range analyzer.Rules() {
		if r.Prefilter != nil {
			rules = append(rules, r)
		}
	}
	type file struct {
		path string
		size int
		by   []string
	}
	var kept []file
	bytes, count, parsed, only := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	spent := map[string]time.Duration{} // in the rule's prefilter (and Lexical), scans it shares with another included
	total, n := 0, 0
	configs := &config.Loader{ReadFile: os.ReadFile} // shared, as in the driver
	paths, errs := files.Walk([]string{root}, files.Options{IncludeNodeModules: true})
	for _, err := range errs {
		fmt.Fprintln(os.Stderr, err)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		total += len(src)
		n++
		t := &jstokens.Tokens{Lexed: jsast.Lex(p, src), ReadFile: os.ReadFile, Config: configs.For}
		var by []string
		for _, r := range rules {
			start := time.Now()
			keep := r.Prefilter(t)
			lexical := keep && r.Lexical != nil && r.Lexical(t)
			spent[r.Name] += time.Since(start)
			if keep {
				bytes[r.Name] += len(src)
				count[r.Name]++
				if !lexical {
					by = append(by, r.Name)
					parsed[r.Name] += len(src)
				}
			}
		}
		if len(by) == 1 {
			only[by[0]] += len(src)
		}
		if len(by) > 0 {
			kept = append(kept, file{p, len(src), by})
		}
	}
	keptBytes := 0
	for _, f := range kept {
		keptBytes += f.size
	}
	mb := func(b int) float64 { return float64(b) / 1e6 }
	fmt.Printf("%d files, %.1f MB; parsed: %d files, %.1f MB (%.0f%%)\n", n, mb(total), len(kept), mb(keptBytes), 100*float64(keptBytes)/float64(max(total, 1)))
	fmt.Printf("%-24s %8s %9s %10s %9s %8s\n", "rule", "files", "kept MB", "parse MB", "only MB", "time ms")
	for _, r := range rules {
		fmt.Printf("%-24s %8d %9.1f %10.1f %9.1f %8.0f\n", r.Name, count[r.Name], mb(bytes[r.Name]), mb(parsed[r.Name]), mb(only[r.Name]), spent[r.Name].Seconds()*1000)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].size > kept[j].size })
	for _, f := range kept[:min(*top, len(kept))] {
		rel, _ := filepath.Rel(root, f.path)
		fmt.Printf("%9d  %s  %s\n", f.size, rel, strings.Join(f.by, " "))
	}
}
