package cost

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestIntervalArithmetic(t *testing.T) {
	i := Between(3*time.Millisecond, time.Millisecond)
	if i != (Interval{time.Millisecond, 3 * time.Millisecond}) {
		t.Fatalf("Between did not order bounds: %v", i)
	}
	if got := i.Add(Exactly(time.Millisecond)); got != (Interval{2 * time.Millisecond, 4 * time.Millisecond}) {
		t.Errorf("Add = %v", got)
	}
	if got := i.Scale(1000); got.Max != 3*time.Second {
		t.Errorf("Scale = %v", got)
	}
	if got := i.Scale(-1); !got.IsZero() {
		t.Errorf("negative Scale = %v", got)
	}
	for _, c := range []struct {
		in   Interval
		want string
	}{
		{Exactly(0), "0"},
		{Exactly(1500 * time.Microsecond), "1.5ms"},
		{Interval{200 * time.Microsecond, 2 * time.Second}, "[200µs, 2s]"},
		{Exactly(250 * time.Nanosecond), "250ns"},
	} {
		if got := c.in.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.in, got, c.want)
		}
	}
}

// A for loop of 1e9 simple iterations is estimated in seconds, as the
// cpu-loop rule reports it.
func TestCPULoopEstimate(t *testing.T) {
	d, ok := Default().Cost("cpu.loop.empty", 1e9)
	if !ok || d.Min != time.Second || d.Max != 2*time.Second {
		t.Fatalf("1e9 iterations: %v %v", d, ok)
	}
	if _, ok := Default().Cost("no.such.row", 1); ok {
		t.Error("unknown key found")
	}
}

func TestDefaultTableRows(t *testing.T) {
	tab := Default()
	seen := map[string]bool{}
	for _, r := range tab.Rows() {
		if r.Source == "" || r.Unit == "" || r.Category == "" {
			t.Errorf("row %s lacks source, unit or category", r.Key)
		}
		if r.Cost.Min > r.Cost.Max || r.Cost.Min < 0 {
			t.Errorf("row %s has a bad interval %v", r.Key, r.Cost)
		}
		if seen[r.Key] {
			t.Errorf("duplicate key %s", r.Key)
		}
		seen[r.Key] = true
		base, _, _ := strings.Cut(r.Key, "@")
		if !strings.HasPrefix(base, string(r.Category)+".") {
			t.Errorf("row %s is not under its category %s", r.Key, r.Category)
		}
	}
	for _, k := range []string{"startup.main-tail", "io.fs.stat", "io.default", "blocking.fs.readFileSync",
		"blocking.child_process.execSync", "blocking.crypto.pbkdf2Sync", "blocking.zlib.gzipSync", "cpu.json.parse", "cpu.loop.empty"} {
		if _, ok := tab.Lookup(k); !ok {
			t.Errorf("missing row %s", k)
		}
	}
	if ks := tab.Keys(IO); len(ks) < 5 || !strings.HasPrefix(ks[0], "io.") {
		t.Errorf("Keys(IO) = %v", ks)
	}
}

func TestWithReplacesRows(t *testing.T) {
	tab := Default().With(Row{Key: "io.fs.stat", Category: IO, Unit: PerCall, Cost: Exactly(time.Millisecond), Source: "test"})
	if r, _ := tab.Lookup("io.fs.stat"); r.Cost != Exactly(time.Millisecond) {
		t.Errorf("With did not replace: %v", r.Cost)
	}
	if r, _ := Default().Lookup("io.fs.stat"); r.Cost == Exactly(time.Millisecond) {
		t.Error("With changed the default table")
	}
	if len(tab.Rows()) != len(Default().Rows()) {
		t.Error("With added a row instead of replacing")
	}
}

func TestRender(t *testing.T) {
	out := Default().String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(Default().Rows())+1 || !strings.HasPrefix(lines[0], "KEY") {
		t.Fatalf("render:\n%s", out)
	}
	if !strings.Contains(out, "blocking.crypto.pbkdf2Sync") || !strings.Contains(out, "per iteration") || !strings.Contains(out, "measured: testdata/measure.js") {
		t.Errorf("render lacks a row, unit or source:\n%s", out)
	}
}

func ExampleTable_Render() {
	tab := NewTable([]Row{
		{Key: "blocking.crypto.pbkdf2Sync", Category: Blocking, Unit: PerIteration, Cost: Interval{160 * time.Nanosecond, 400 * time.Nanosecond}, Source: "measured"},
		{Key: "cpu.json.parse", Category: CPU, Unit: PerKB, Cost: Interval{6 * time.Microsecond, 24 * time.Microsecond}, Source: "measured"},
	})
	_ = tab.Render(os.Stdout)
	d, _ := tab.Cost("blocking.crypto.pbkdf2Sync", 100_000)
	fmt.Println("pbkdf2Sync, 100000 iterations:", d)
	// Output:
	// KEY                         CATEGORY  COST            UNIT           SOURCE
	// blocking.crypto.pbkdf2Sync  blocking  [160ns, 400ns]  per iteration  measured
	// cpu.json.parse              cpu       [6µs, 24µs]     per KB         measured
	// pbkdf2Sync, 100000 iterations: [16ms, 40ms]
}
