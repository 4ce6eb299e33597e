package redos

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/jsregex"
)

type fixture struct {
	line    int
	want    Complexity
	degree  int // 0: any
	flags   string
	pattern string
}

func readFixtures(t testing.TB) []fixture {
	f, err := os.Open("../testdata/redos.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixture
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			t.Fatalf("line %d: want 3 tab-separated fields", ln)
		}
		fx := fixture{line: ln, pattern: parts[2], flags: strings.TrimPrefix(parts[1], "-")}
		verdict, deg, _ := strings.Cut(parts[0], ":")
		switch verdict {
		case "exponential":
			fx.want = Exponential
		case "polynomial":
			fx.want = Polynomial
		case "safe":
			fx.want = Safe
		default:
			t.Fatalf("line %d: bad verdict %q", ln, verdict)
		}
		if deg != "" {
			fx.degree, _ = strconv.Atoi(deg)
		}
		out = append(out, fx)
	}
	return out
}

func TestFixtures(t *testing.T) {
	// A generous wall-clock limit keeps the verdicts step-budget driven
	// (deterministic) even on a loaded machine.
	opts := Options{Timeout: 10 * time.Second}
	for _, fx := range readFixtures(t) {
		res := Analyze(fx.pattern, fx.flags, opts)
		got := res.Complexity
		if got != fx.want {
			t.Errorf("line %d /%s/%s: got %v (%+v), want %v", fx.line, fx.pattern, fx.flags, got, res, fx.want)
			continue
		}
		if fx.degree > 0 && res.Degree != fx.degree {
			t.Errorf("line %d /%s/%s: degree %d, want %d (evidence %v)", fx.line, fx.pattern, fx.flags, res.Degree, fx.degree, res.Evidence)
		}
		if got == Polynomial || got == Exponential {
			if res.Attack == nil || res.Hint == "" || len(res.Evidence) == 0 {
				t.Errorf("line %d /%s/: finding without attack, hint or evidence: %+v", fx.line, fx.pattern, res)
			}
		}
	}
}

// The matcher's step counts must show the claimed growth for the attack
// that Analyze returns, independently of the confirmation heuristics.
func TestAttackGrowth(t *testing.T) {
	opts := Options{Timeout: 10 * time.Second}
	res := Analyze(`^(a+)+$`, "", opts)
	if res.Complexity != Exponential {
		t.Fatalf("got %+v", res)
	}
	re := mustCompile(t, `^(a+)+$`, "")
	n := res.Evidence[0].N
	s0, _ := re.run(res.Attack.String(n), 1<<40)
	s3, _ := re.run(res.Attack.String(n+3), 1<<40)
	if s3 < 8*s0 {
		t.Errorf("steps %d -> %d over 3 pumps: not exponential", s0, s3)
	}
	res = Analyze(`\s+$`, "", opts)
	re = mustCompile(t, `\s+$`, "")
	s1, _ := re.run(res.Attack.String(500), 1<<40)
	s2, _ := re.run(res.Attack.String(1000), 1<<40)
	if r := float64(s2) / float64(s1); r < 3.5 || r > 4.5 {
		t.Errorf("steps %d -> %d (x%.2f): not quadratic", s1, s2, r)
	}
}

func TestInvalidAndBudget(t *testing.T) {
	if res := Analyze(`(a`, "", Options{}); res.Complexity != Invalid || res.Err == nil {
		t.Errorf("unterminated group: %+v", res)
	}
	// A tiny step budget must give Unknown, not a guess and not a hang.
	res := Analyze(`^(a+)+$`, "", Options{MaxSteps: 50})
	if res.Complexity != Unknown {
		t.Errorf("tiny budget: %+v", res)
	}
	// Deterministic: same verdict and attack each time.
	opts := Options{Timeout: 10 * time.Second}
	a, b := Analyze(`^(\w+\s?)*$`, "", opts), Analyze(`^(\w+\s?)*$`, "", opts)
	if a.Complexity != Exponential || a.Complexity != b.Complexity || a.Attack.String(3) != b.Attack.String(3) {
		t.Errorf("nondeterministic: %+v vs %+v", a, b)
	}
	t0 := time.Now()
	Analyze(strings.Repeat(`(?:a|b|ab)*`, 40)+"$", "", Options{Timeout: 20 * time.Millisecond})
	if d := time.Since(t0); d > 500*time.Millisecond {
		t.Errorf("took %v with a 20ms timeout", d)
	}
}

func mustCompile(t *testing.T, p, f string) *program {
	t.Helper()
	re, err := jsregexParse(p, f)
	if err != nil {
		t.Fatal(err)
	}
	return compileProgram(re)
}

var jsregexParse = jsregex.Parse

// Analyze is called from many goroutines by the linter.
func TestConcurrent(t *testing.T) {
	opts := Options{Timeout: 10 * time.Second}
	want := Analyze(`^(\w+\s?)*$`, "", opts)
	done := make(chan Result, 4)
	for range 4 {
		go func() { done <- Analyze(`^(\w+\s?)*$`, "", opts) }()
	}
	for range 4 {
		if got := <-done; got.Complexity != want.Complexity || got.Attack.String(2) != want.Attack.String(2) {
			t.Errorf("concurrent result differs: %+v", got)
		}
	}
}

func TestSummary(t *testing.T) {
	res := Analyze(`^(a+)+$`, "", Options{Timeout: 10 * time.Second})
	s := res.Summary()
	if !strings.Contains(s, "exponential") || !strings.Contains(s, "×n") {
		t.Errorf("summary %q", s)
	}
	if s := Analyze(`\s+$`, "", Options{Timeout: 10 * time.Second}).Summary(); !strings.Contains(s, "O(n^2)") {
		t.Errorf("summary %q", s)
	}
}
