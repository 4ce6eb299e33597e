package cpuloop_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/busywait"
	"github.com/blockcheck/blockcheck/analyzer/cpuloop"
	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// factor is how far outside the predicted range a measurement may fall:
// the table's rows come from one machine and one Node version, and loops
// of several operations are priced as a sum of per-operation rows.
const factor = 2.0

// timed are fixture loops run in real Node: work() holds the loop, a timer
// callback (hot path) times one call of it.
var timed = map[string]string{
	"xor-counter": `let n = 0; let x = 0; while (n < 100000000) { x ^= n++; } return x;`,
	"modulo":      `let acc = 0; for (let i = 0; i < 100000000; i++) { acc = (acc + i * 31) % 1000003; } return acc;`,
	"imul":        `let h = 1; for (let r = 0; r < 20000000; r++) { h = Math.imul(h ^ (h >>> 15), 2246822507); } return h;`,
	"nested":      `let x = 0; for (let r = 0; r < 4000; r++) { for (let c = 0; c < 4000; c++) x += r * c; } return x;`,
	"fill":        `const a = new Array(20000000).fill(0); return a.length;`,
	"busy-wait":   `const end = Date.now() + 200; while (Date.now() < end) {} return 0;`,
}

var (
	rangeRE = regexp.MustCompile(`≈ ([0-9.]+)(?:–([0-9.]+))? (ms|s)`)
	waitRE  = regexp.MustCompile(`for ([0-9.]+) (ms|s)`)
)

// TestEstimatesAgainstNode checks that the estimate in each fixture's
// diagnostic contains the block real Node measures, within factor. Wall
// clock on a shared machine is noisy, so it runs only when asked:
// BLOCKCHECK_TIMING=1 go test ./analyzer/cpuloop (bench/timing.sh).
func TestEstimatesAgainstNode(t *testing.T) {
	if testing.Short() || os.Getenv("BLOCKCHECK_TIMING") == "" {
		t.Skip("measures wall-clock time in real Node: set BLOCKCHECK_TIMING=1")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	for name, body := range timed {
		// calibrate() times the table's cpu.loop.empty body, so a machine
		// busy with other work can be told from a wrong estimate.
		src := "function work() { " + body + " }\n" +
			"function calibrate() { let s = 0; const t = process.hrtime.bigint(); for (let i = 0; i < 2e6; i++) s += i; return [Number(process.hrtime.bigint() - t) / 2e6, s]; }\n" +
			"setTimeout(() => { const [c] = calibrate(); const t = process.hrtime.bigint(); work(); console.log(Number(process.hrtime.bigint() - t) / 1e6, c); }, 0);\n"
		path := filepath.Join(dir, name+".js")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			res := driver.Run(context.Background(), []string{path}, driver.Options{Analyzers: []*analysis.Analyzer{cpuloop.Analyzer, busywait.Analyzer}, Root: dir})
			if len(res.Diagnostics) != 1 {
				t.Fatalf("want one diagnostic, got %v", res.Diagnostics)
			}
			msg := res.Diagnostics[0].Message
			lo, hi, ok := predicted(msg)
			if !ok {
				t.Fatalf("no estimate in %q", msg)
			}
			out, err := exec.Command(node, path).Output()
			if err != nil {
				t.Fatal(err)
			}
			fields := strings.Fields(string(out))
			if len(fields) != 2 {
				t.Fatalf("node printed %q", out)
			}
			ms, err1 := strconv.ParseFloat(fields[0], 64)
			calib, err2 := strconv.ParseFloat(fields[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("node printed %q", out)
			}
			// Scale CPU work by how much slower than the table's slowest
			// counting loop this machine runs now (1 when idle); a busy
			// wait is wall-clock time and is not scaled.
			slowdown := 1.0
			if empty, ok := cpuloop.Timing.Lookup("cpu.loop.empty"); ok && name != "busy-wait" {
				slowdown = max(1, calib/float64(empty.Cost.Max))
			}
			got := time.Duration(ms * float64(time.Millisecond) / slowdown)
			t.Logf("predicted [%v, %v], measured %v (slowdown %.1f): %s", lo, hi, got.Round(time.Millisecond), slowdown, msg)
			if float64(got) < float64(lo)/factor || float64(got) > float64(hi)*factor {
				t.Errorf("measured %v, outside [%v, %v] by more than a factor of %v", got, lo, hi, factor)
			}
		})
	}
}

// predicted reads the range a message gives.
func predicted(msg string) (lo, hi time.Duration, ok bool) {
	unit := func(u string) float64 {
		if u == "s" {
			return float64(time.Second)
		}
		return float64(time.Millisecond)
	}
	if m := rangeRE.FindStringSubmatch(msg); m != nil {
		a, _ := strconv.ParseFloat(m[1], 64)
		b := a
		if m[2] != "" {
			b, _ = strconv.ParseFloat(m[2], 64)
		}
		return time.Duration(a * unit(m[3])), time.Duration(b * unit(m[3])), true
	}
	if m := waitRE.FindStringSubmatch(msg); m != nil {
		a, _ := strconv.ParseFloat(m[1], 64)
		return time.Duration(a * unit(m[2])), time.Duration(a * unit(m[2])), true
	}
	return 0, 0, false
}
