// Command redoscore scores the redos analysis on a labelled regex corpus
// (vulnerable.json and safe.json): recall on vulnerable patterns, false
// positive rate on safe ones, and the time per regex.
//
//	go run ./jsregex/redos/cmd/redoscore -corpus ../shared/corpus/block/regex
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/blockcheck/blockcheck/jsregex/redos"
)

type entry struct {
	ID      string `json:"id"`
	Pattern string `json:"pattern"`
	Flags   string `json:"flags"`
	Label   string `json:"label"`
}

func main() {
	corpus := flag.String("corpus", "/work/shared/corpus/block/regex", "directory holding vulnerable.json and safe.json")
	verbose := flag.Bool("v", false, "print every verdict")
	reps := flag.Int("reps", 3, "timing repetitions per regex (median kept)")
	timeout := flag.Duration("timeout", 50*time.Millisecond, "per-regex wall-clock limit (redos.Options.Timeout)")
	flag.Parse()
	var times []time.Duration
	score := func(file string, wantVuln bool) (hit, total int) {
		data, err := os.ReadFile(filepath.Join(*corpus, file))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var es []entry
		if err := json.Unmarshal(data, &es); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, e := range es {
			var res redos.Result
			var ts []time.Duration
			for i := 0; i < max(1, *reps); i++ {
				t0 := time.Now()
				res = redos.Analyze(e.Pattern, e.Flags, redos.Options{Timeout: *timeout})
				ts = append(ts, time.Since(t0))
			}
			slices.Sort(ts)
			times = append(times, ts[len(ts)/2])
			vuln := res.Complexity == redos.Polynomial || res.Complexity == redos.Exponential
			if vuln == wantVuln {
				hit++
			}
			total++
			if *verbose || vuln != wantVuln {
				mark := "ok  "
				if vuln != wantVuln {
					mark = "MISS"
					if !wantVuln {
						mark = "FP  "
					}
				}
				desc := res.Complexity.String()
				if res.Complexity == redos.Polynomial {
					desc += fmt.Sprintf(" deg %d", res.Degree)
				}
				if res.Attack != nil {
					desc += fmt.Sprintf(" attack %q+%q×n+%q", res.Attack.Prefix, res.Attack.Pumps, res.Attack.Suffix)
				}
				desc += fmt.Sprintf(" [%d steps]", res.Steps)
				if res.Reason != "" {
					desc += " (" + res.Reason + ")"
				}
				if res.Unconfirmed {
					desc += " [unconfirmed ambiguity]"
				}
				fmt.Printf("%s %-9s %-40s %8v %s\n", mark, e.Label, e.ID, ts[len(ts)/2].Round(time.Microsecond), desc)
			}
		}
		return
	}
	tp, nv := score("vulnerable.json", true)
	tn, ns := score("safe.json", false)
	slices.Sort(times)
	pct := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
	fmt.Printf("recall %.3f (%d/%d)  false-positive rate %.3f (%d/%d)\n", float64(tp)/float64(nv), tp, nv, float64(ns-tn)/float64(ns), ns-tn, ns)
	fmt.Printf("time per regex: median %v  p99 %v  max %v\n", pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), times[len(times)-1].Round(time.Microsecond))
}
