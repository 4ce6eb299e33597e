package redos

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// nodeTiming runs attack(n) for each n in Node and returns the fastest of
// up to three runs' matching time in milliseconds per n (test for non-global, replace for g,
// like the corpus measurements).
func nodeTiming(t *testing.T, pattern, flags string, atk *Attack, ns []int) []float64 {
	t.Helper()
	inputs := make([]string, len(ns))
	for i, n := range ns {
		inputs[i] = atk.String(n)
	}
	payload, _ := json.Marshal(map[string]any{"p": pattern, "f": flags, "inputs": inputs})
	const script = `
const {p, f, inputs} = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const re = new RegExp(p, f);
const out = [];
for (const s of inputs) {
  const ts = [];
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    if (re.global) s.replace(re, ''); else { re.lastIndex = 0; re.test(s); }
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (ts[k] > 50) break;
  }
  out.push(Math.min(...ts));
  if (ts[0] > 100) break;
}
console.log(JSON.stringify(out));`
	cmd := exec.Command("node", "-e", script)
	cmd.Stdin = bytes.NewReader(payload)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("node: %v", err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("node timed out")
	}
	var ms []float64
	if err := json.Unmarshal(stdout.Bytes(), &ms); err != nil {
		t.Fatalf("node output %q: %v", stdout.String(), err)
	}
	return ms
}

// TestAttacksInNode checks in real V8 that the generated attacks grow as
// claimed: exponential attacks at least double the time per few pumps,
// polynomial ones have a log-log slope near their degree.
func TestAttacksInNode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs node")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	for _, c := range nodeSample {
		t.Run(c.p, func(t *testing.T) { checkInNode(t, c.p, c.f) })
	}
}

// TestCorpusAttacksInNode runs the node check on every vulnerable entry of
// the corpus named by REDOS_CORPUS (a directory holding vulnerable.json).
func TestCorpusAttacksInNode(t *testing.T) {
	dir := os.Getenv("REDOS_CORPUS")
	if dir == "" || testing.Short() {
		t.Skip("set REDOS_CORPUS to the regex corpus directory")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	data, err := os.ReadFile(filepath.Join(dir, "vulnerable.json"))
	if err != nil {
		t.Fatal(err)
	}
	var es []struct{ ID, Pattern, Flags string }
	if err := json.Unmarshal(data, &es); err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		t.Run(e.ID, func(t *testing.T) { checkInNode(t, e.Pattern, e.Flags) })
	}
}

func checkInNode(t *testing.T, pattern, flags string) {
	res := Analyze(pattern, flags, Options{Timeout: 10 * time.Second})
	if res.Complexity != Polynomial && res.Complexity != Exponential {
		t.Fatalf("not flagged: %+v", res)
	}
	if res.Complexity == Exponential {
		// Pump by pump until a run takes 100 ms: the time must keep
		// growing by a constant factor per pump.
		var ns []int
		for n := 1; n <= 60; n++ {
			ns = append(ns, n)
		}
		ms := nodeTiming(t, pattern, flags, res.Attack, ns)
		last := len(ms) - 1
		if ms[last] < 100 {
			t.Fatalf("exponential attack %q stays fast in node: ms=%v", res.Attack.String(1), ms)
		}
		j := last
		for j > 0 && ms[j] > 4*ms[last]/100 {
			j--
		}
		perPump := math.Pow(ms[last]/ms[j], 1/float64(last-j))
		if perPump < 1.25 {
			t.Errorf("attack %q grows only %.2fx per pump in node (ms=%v)", res.Attack.String(1), perPump, ms)
		}
		t.Logf("exponential: %.2fx per pump in node", perPump)
		return
	}
	// Polynomial: double n until a run takes 100 ms.
	var ns []int
	start := 64
	if res.Degree > 2 {
		start = 4
	}
	for n := start; n <= 1<<17; n *= 2 {
		ns = append(ns, n)
	}
	ms := nodeTiming(t, pattern, flags, res.Attack, ns)
	if ms[len(ms)-1] < 20 {
		t.Fatalf("polynomial attack %q never gets slow in node: ms=%v", res.Attack.String(1), ms)
	}
	// Least-squares log-log slope over the runs above 0.5 ms, which is
	// steadier than one pair of runs on a busy machine.
	var xs, ys []float64
	for i, v := range ms {
		if v >= 0.5 {
			xs = append(xs, math.Log2(float64(ns[i])))
			ys = append(ys, math.Log2(v))
		}
	}
	slope := fitSlope(xs, ys)
	if len(xs) < 2 || slope < 1.4 {
		t.Errorf("attack %q grows with slope %.2f in node, claimed degree %d (ms=%v)", res.Attack.String(1), slope, res.Degree, ms)
	}
	t.Logf("degree %d: node log-log slope %.2f", res.Degree, slope)
}

var nodeSample = []struct{ p, f string }{
	{`^(a+)+$`, ""},
	{`^(a|a)*$`, ""},
	{`^(a|aa)*c$`, ""},
	{`^(\w+\s?)*$`, ""},
	{`\s*\s*$`, ""},
	{`.*.*=.*`, ""},
	{`^(ab)*(ab)*$`, ""},
	{`x(a|b|ab)*y`, ""},
	{`\s+$`, ""},
	{`^([a-zA-Z0-9._-]+)*@example\.com$`, ""},
	{`(?:charset|encoding)\s*=\s*['"]? *([\w\-]+)`, "i"},
	{`^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype svg[^>]*\s*(?:\[?(?:\s*<![^>]*>\s*)*\]?)*[^>]*>\s*)?(?:<svg[^>]*>[^]*<\/svg>|<svg[^/>]*\/\s*>)\s*$`, "i"},
}

func fitSlope(xs, ys []float64) float64 {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	if d := n*sxx - sx*sx; d != 0 {
		return (n*sxy - sx*sy) / d
	}
	return 0
}
