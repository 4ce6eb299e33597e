package redos

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

// TestDebugPattern prints the automaton, findings and screened attacks for
// the pattern in $RX (flags in $RXF; $RXC=1 also confirms each attack):
//
//	RX='^(a+)+$' go test ./jsregex/redos -run Debug -v
func TestDebugPattern(t *testing.T) {
	p := os.Getenv("RX")
	if p == "" {
		t.Skip()
	}
	re, err := jsregex.Parse(p, os.Getenv("RXF"))
	if err != nil {
		t.Fatal(err)
	}
	prog := compileProgram(re)
	t0 := time.Now()
	a := buildNFA(re, prog, 3000)
	fmt.Println("nfa states", len(a.set), time.Since(t0))
	an := newAnalysis(a, 400000, time.Now().Add(time.Second))
	fs := an.findings()
	fmt.Println("findings", len(fs), "budget left", an.budget, time.Since(t0))
	c := &confirmer{prog: prog, a: a, budget: 4000000, deadline: time.Now().Add(time.Second), maxBound: maxBound(re.Root)}
	for i, f := range fs {
		if i > 30 {
			break
		}
		for _, atk := range c.attacks(f) {
			s, _ := c.measure(atk, 16)
			fmt.Printf("exp=%v links=%d %q %q %q steps16=%d\n", f.exponential, len(f.links), atk.Prefix, atk.Pumps, atk.Suffix, s)
			if os.Getenv("RXC") != "" {
				for n := 1; n < 12; n++ {
					s, _ := c.measure(atk, n)
					fmt.Print(n, ":", s, " ")
				}
				fmt.Printf("\nconfirm: %+v\n", c.confirm(atk))
			}
		}
	}
	fmt.Printf("%+v\n", Analyze(p, os.Getenv("RXF"), Options{}))
}
