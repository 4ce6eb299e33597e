// Package cost is blockcheck's timing model: how long things take in Node.js,
// as intervals [Min, Max] rather than points.
//
// One table serves two consumers. The event-loop simulator (package looprt)
// draws start-up, I/O and callback durations from it and explores every
// ordering the intervals allow. The cost-based lint rules (busy-wait,
// cpu-loop, starvation) use it to say "blocks the loop for ~2 s".
//
// Every row names its source: most were measured with real Node on the
// project's reference machine by testdata/measure.js (numbers are per call,
// per KB or per iteration as the row says); the others cite Node or libuv
// documentation. Rows are data, not code: add a row rather than a case.
package cost

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Interval is a duration known only to lie within [Min, Max].
type Interval struct {
	Min, Max time.Duration
}

// Exactly returns the degenerate interval [d, d].
func Exactly(d time.Duration) Interval { return Interval{d, d} }

// Between returns [lo, hi], swapping the bounds if they are reversed.
func Between(lo, hi time.Duration) Interval {
	if lo > hi {
		lo, hi = hi, lo
	}
	return Interval{lo, hi}
}

// Exact reports whether the interval is a single point.
func (i Interval) Exact() bool { return i.Min == i.Max }

// IsZero reports whether the interval is [0, 0].
func (i Interval) IsZero() bool { return i.Min == 0 && i.Max == 0 }

// Add returns the interval of the sum of two independent durations.
func (i Interval) Add(j Interval) Interval { return Interval{i.Min + j.Min, i.Max + j.Max} }

// Scale returns the interval of n repetitions (n may be fractional, e.g. KB).
func (i Interval) Scale(n float64) Interval {
	if n < 0 {
		n = 0
	}
	return Interval{time.Duration(float64(i.Min) * n), time.Duration(float64(i.Max) * n)}
}

// Mid returns the midpoint, a single best estimate for messages.
func (i Interval) Mid() time.Duration { return i.Min + (i.Max-i.Min)/2 }

// String renders "[0.2ms, 1.5ms]", or "3ms" for an exact interval.
func (i Interval) String() string {
	if i.Exact() {
		return fmtDur(i.Min)
	}
	return "[" + fmtDur(i.Min) + ", " + fmtDur(i.Max) + "]"
}

// fmtDur prints a duration in the unit a reader expects for event-loop work.
func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d < time.Microsecond:
		return fmt.Sprintf("%dns", d.Nanoseconds())
	case d < time.Millisecond:
		return trimFloat(float64(d)/float64(time.Microsecond)) + "µs"
	case d < time.Second:
		return trimFloat(float64(d)/float64(time.Millisecond)) + "ms"
	default:
		return trimFloat(float64(d)/float64(time.Second)) + "s"
	}
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.3f", f)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Category groups rows for rendering and lookup.
type Category string

const (
	Startup  Category = "startup"  // process start-up and the tail of the main module
	Loop     Category = "loop"     // event-loop overheads (wake-up lateness)
	IO       Category = "io"       // asynchronous I/O: request to callback
	Blocking Category = "blocking" // synchronous APIs that block the loop
	CPU      Category = "cpu"      // JavaScript CPU work
)

// Unit says what one row's interval is for.
type Unit string

const (
	PerCall      Unit = "per call"
	PerKB        Unit = "per KB"
	PerIteration Unit = "per iteration"
)

// Row is one entry of the timing table.
type Row struct {
	Key      string   // stable identifier, e.g. "io.fs.stat"
	Category Category // group
	Unit     Unit     // what Cost is measured per
	Cost     Interval // duration range per Unit
	Source   string   // where the numbers come from
}

// Table is an immutable, keyed collection of rows.
type Table struct {
	rows  []Row
	index map[string]int
}

// NewTable builds a table; later rows with the same key replace earlier ones.
func NewTable(rows []Row) *Table {
	t := &Table{index: make(map[string]int, len(rows))}
	for _, r := range rows {
		if i, ok := t.index[r.Key]; ok {
			t.rows[i] = r
			continue
		}
		t.index[r.Key] = len(t.rows)
		t.rows = append(t.rows, r)
	}
	return t
}

// With returns a copy of t with rows added or replaced (for tests and
// for tuning the model to another machine).
func (t *Table) With(rows ...Row) *Table {
	return NewTable(append(append([]Row(nil), t.rows...), rows...))
}

// Rows returns the rows in table order.
func (t *Table) Rows() []Row { return append([]Row(nil), t.rows...) }

// Lookup returns the row for key.
func (t *Table) Lookup(key string) (Row, bool) {
	i, ok := t.index[key]
	if !ok {
		return Row{}, false
	}
	return t.rows[i], true
}

// Cost returns the interval for n units of key (n calls, KB or iterations).
// Unknown keys cost nothing and report false.
func (t *Table) Cost(key string, n float64) (Interval, bool) {
	r, ok := t.Lookup(key)
	if !ok {
		return Interval{}, false
	}
	return r.Cost.Scale(n), true
}

// Keys returns the keys of one category (all when c is ""), sorted.
func (t *Table) Keys(c Category) []string {
	var ks []string
	for _, r := range t.rows {
		if c == "" || r.Category == c {
			ks = append(ks, r.Key)
		}
	}
	sort.Strings(ks)
	return ks
}

// Render writes the table as aligned text, one row per line, with sources.
func (t *Table) Render(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tCATEGORY\tCOST\tUNIT\tSOURCE")
	for _, r := range t.rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Key, r.Category, r.Cost, r.Unit, r.Source)
	}
	return tw.Flush()
}

// String renders the table (see Render).
func (t *Table) String() string {
	var b strings.Builder
	_ = t.Render(&b)
	return b.String()
}
