// Command order-corpus measures explain-order against a corpus of programs
// with outputs recorded from real Node (default: ../shared/corpus/order).
//
// For every case and every Node version recorded in its NAME.expected.json
// it predicts with --node=MAJOR, in the JSON shape of
// `blockcheck explain-order --format=json`, and counts an exact match when
// the predicted set of outputs equals the observed set. It prints the
// exact-match rate overall and per version, the share of cases claimed
// complete, and the accuracy on those.
//
//	go run ./bench/order-corpus [-v] [-only GLOB] [DIR]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blockcheck/blockcheck/explain"
)

type expected struct {
	File string `json:"file"`
	Node map[string]struct {
		Outcomes []struct {
			Lines []string `json:"lines"`
		} `json:"outcomes"`
	} `json:"node"`
}

type tally struct{ cases, exact, complete, completeExact int }

func (t tally) String() string {
	pct := func(a, b int) string {
		if b == 0 {
			return "  n/a"
		}
		return fmt.Sprintf("%5.1f%%", 100*float64(a)/float64(b))
	}
	return fmt.Sprintf("exact %s (%d/%d)  complete %s (%d)  accuracy when complete %s (%d/%d)",
		pct(t.exact, t.cases), t.exact, t.cases, pct(t.complete, t.cases), t.complete,
		pct(t.completeExact, t.complete), t.completeExact, t.complete)
}

func main() {
	verbose := flag.Bool("v", false, "list every mismatch")
	only := flag.String("only", "", "only cases whose file name matches this glob")
	flag.Parse()
	dir := "../shared/corpus/order"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	sort.Strings(files)
	var all tally
	per := map[string]*tally{}
	var versions []string
	start := time.Now()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var exp expected
		if err := json.Unmarshal(b, &exp); err != nil {
			fmt.Fprintln(os.Stderr, f, err)
			os.Exit(2)
		}
		if *only != "" {
			if ok, _ := filepath.Match(*only, exp.File); !ok {
				continue
			}
		}
		jsPath := filepath.Join(dir, exp.File)
		src, err := os.ReadFile(jsPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		vs := make([]string, 0, len(exp.Node))
		for v := range exp.Node {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		for _, v := range vs {
			major, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(v, "v"), ".", 2)[0])
			if per[v] == nil {
				per[v] = &tally{}
				versions = append(versions, v)
			}
			got, complete, err := predict(jsPath, src, major)
			observed := map[string]bool{}
			for _, o := range exp.Node[v].Outcomes {
				observed[strings.Join(o.Lines, "\n")] = true
			}
			match := err == nil && sameSet(got, observed)
			for _, t := range []*tally{&all, per[v]} {
				t.cases++
				if match {
					t.exact++
				}
				if complete {
					t.complete++
					if match {
						t.completeExact++
					}
				}
			}
			if !match && *verbose {
				fmt.Printf("MISMATCH %s node %d complete=%v err=%v\n", exp.File, major, complete, err)
				for k := range got {
					fmt.Printf("  predicted: %s\n", strings.ReplaceAll(k, "\n", " | "))
				}
				for k := range observed {
					fmt.Printf("  observed:  %s\n", strings.ReplaceAll(k, "\n", " | "))
				}
			}
		}
	}
	sort.Strings(versions)
	fmt.Printf("corpus %s: %d case-versions in %s\n", dir, all.cases, time.Since(start).Round(time.Millisecond))
	for _, v := range versions {
		fmt.Printf("  node %-9s %s\n", v, per[v])
	}
	fmt.Printf("  overall        %s\n", all)
}

// predict runs explain-order and reads back its JSON.
func predict(path string, src []byte, major int) (map[string]bool, bool, error) {
	p, err := explain.Predict(path, src, explain.Options{Node: major})
	if err != nil {
		return nil, false, err
	}
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		return nil, false, err
	}
	var out struct {
		Complete bool `json:"complete"`
		Outcomes []struct {
			Lines []string `json:"lines"`
		} `json:"outcomes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		return nil, false, err
	}
	set := map[string]bool{}
	for _, o := range out.Outcomes {
		set[strings.Join(o.Lines, "\n")] = true
	}
	return set, out.Complete, nil
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
