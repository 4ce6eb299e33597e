package explain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFixtures checks every program in testdata/order against the output
// real Node printed for it: NAME.out (Node 20, and every version without
// its own file) or NAME.vNN.out where Node NN printed something else.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/order/*.js")
	mjs, _ := filepath.Glob("../testdata/order/*.mjs")
	files = append(files, mjs...)
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimSuffix(f, ".js"), ".mjs")
		base, err := os.ReadFile(name + ".out")
		if err != nil {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, node := range []int{18, 20, 22, 24, 26} {
			want := base
			if b, err := os.ReadFile(fmt.Sprintf("%s.v%d.out", name, node)); err == nil {
				want = b
			}
			t.Run(fmt.Sprintf("%s/node%d", filepath.Base(f), node), func(t *testing.T) {
				p, err := Predict(f, src, Options{Node: node})
				if err != nil {
					t.Fatal(err)
				}
				if !p.Complete {
					t.Errorf("prediction incomplete: %+v", p.Unknowns)
				}
				if !p.Deterministic || len(p.Outcomes) != 1 {
					t.Fatalf("want one deterministic outcome, got %d (deterministic=%v)", len(p.Outcomes), p.Deterministic)
				}
				got := strings.Join(p.Outcomes[0].Lines, "\n")
				if w := strings.TrimSuffix(string(want), "\n"); got != w {
					t.Errorf("output differs\n--- got\n%s\n--- want (real Node %d)\n%s", got, node, w)
				}
			})
		}
	}
}

func predictSrc(t *testing.T, name, src string, node int) *Prediction {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Predict(path, []byte(src), Options{Node: node})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNondeterministicRace(t *testing.T) {
	p := predictSrc(t, "race.js", "setTimeout(() => console.log('timeout'), 0);\nsetImmediate(() => console.log('immediate'));\n", 22)
	if p.Deterministic || len(p.Outcomes) != 2 {
		t.Fatalf("want two outcomes, got %d", len(p.Outcomes))
	}
	for _, o := range p.Outcomes {
		if o.Assumption == "" {
			t.Errorf("outcome %v has no assumption", o.Lines)
		}
	}
}

func TestESMFlipsTickAndPromise(t *testing.T) {
	src := "Promise.resolve().then(() => console.log('promise'));\nprocess.nextTick(() => console.log('tick'));\n"
	cjs := predictSrc(t, "a.js", src, 22)
	esm := predictSrc(t, "a.mjs", src, 22)
	if got := strings.Join(cjs.Outcomes[0].Lines, ","); got != "tick,promise" {
		t.Errorf("CommonJS: %s", got)
	}
	if got := strings.Join(esm.Outcomes[0].Lines, ","); got != "promise,tick" {
		t.Errorf("ES module: %s", got)
	}
	if esm.Module != "esm" || cjs.Module != "cjs" {
		t.Errorf("module kinds %q %q", cjs.Module, esm.Module)
	}
}

func TestUnknownsMakeIncomplete(t *testing.T) {
	p := predictSrc(t, "x.js", "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('hi'));\napp.listen(3000, () => console.log('up'));\nconsole.log('main');\n", 22)
	if p.Complete || len(p.Unknowns) == 0 {
		t.Fatalf("want unknowns, got complete=%v %+v", p.Complete, p.Unknowns)
	}
	if p.Unknowns[0].Line != 1 {
		t.Errorf("unknown at line %d, want 1", p.Unknowns[0].Line)
	}
	if got := strings.Join(p.Outcomes[0].Lines, ","); got != "main" {
		t.Errorf("output %q", got)
	}
}

func TestInfiniteLoopIsReported(t *testing.T) {
	p := predictSrc(t, "loop.js", "console.log('start');\nwhile (true) {}\n", 22)
	if p.Complete {
		t.Fatal("an infinite loop must not be complete")
	}
	found := false
	for _, u := range p.Unknowns {
		if u.Construct == "budget" {
			found = true
		}
	}
	if !found {
		t.Errorf("no budget unknown: %+v", p.Unknowns)
	}
}

// TestEndlessInterval checks the budgets on an interval never cleared:
// each call of its empty callback is a step, so the step budget ends the
// run (not the loop's 200,000-callback limit, seconds later), and so does
// the time budget.
func TestEndlessInterval(t *testing.T) {
	src := []byte("setInterval(() => {}, 3);\nsetTimeout(() => console.log('t10'), 10);\n")
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{Node: 22, MaxSteps: 20_000}, "step budget"},
		{Options{Node: 22, Timeout: time.Nanosecond}, "time budget"},
	} {
		p, err := Predict(filepath.Join(t.TempDir(), "iv.js"), src, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		var why []string
		for _, u := range p.Unknowns {
			why = append(why, u.Message)
		}
		if len(p.Outcomes) != 1 || !slices.Equal(p.Outcomes[0].Lines, []string{"t10"}) || !strings.Contains(strings.Join(why, "; "), c.want) {
			t.Errorf("%+v: outcomes %+v, unknowns %q; want t10, cut short by the %s", c.opt, p.Outcomes, why, c.want)
		}
	}
}

// TestUnmodelledSizes checks that work too large to interpret (a dense
// array of 2^31 elements, a key of a billion PBKDF2 iterations) ends the
// callback with an unknown naming it, where Node would take seconds or
// minutes, and the rest of the program is still predicted.
func TestUnmodelledSizes(t *testing.T) {
	for _, c := range []struct{ construct, src string }{
		{"large array", "setTimeout(() => console.log('after'));\nnew Array(2 ** 31);\n"},
		{"crypto pbkdf2", "setTimeout(() => console.log('after'));\nrequire('crypto').pbkdf2Sync('p', 's', 1e9, 64, 'sha256');\n"},
	} {
		p := predictSrc(t, "big.js", c.src, 22)
		var constructs []string
		for _, u := range p.Unknowns {
			constructs = append(constructs, u.Construct)
		}
		if len(p.Outcomes) != 1 || !slices.Equal(p.Outcomes[0].Lines, []string{"after"}) || !slices.Contains(constructs, c.construct) {
			t.Errorf("%s: outcomes %+v, unknowns %v; want 'after' and a %q unknown", c.construct, p.Outcomes, constructs, c.construct)
		}
	}
}

func TestJSONShape(t *testing.T) {
	p := predictSrc(t, "j.js", "setTimeout(() => console.log('later'), 5);\nconsole.log('now');\n", 20)
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "node", "module", "deterministic", "complete", "outcomes", "unknowns"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	o := m["outcomes"].([]any)[0].(map[string]any)
	for _, k := range []string{"lines", "assumption", "steps"} {
		if _, ok := o[k]; !ok {
			t.Errorf("outcome lacks %q", k)
		}
	}
	s := o["steps"].([]any)[1].(map[string]any)
	for _, k := range []string{"output", "phase", "line", "column", "reason"} {
		if _, ok := s[k]; !ok {
			t.Errorf("step lacks %q", k)
		}
	}
	if s["phase"] != "timers" || s["line"].(float64) != 1 {
		t.Errorf("step %v", s)
	}
	var text bytes.Buffer
	p.WriteText(&text)
	if !strings.Contains(text.String(), "1. \"now\"") || !strings.Contains(text.String(), "[timers]") {
		t.Errorf("text output:\n%s", text.String())
	}
}

func TestNodeVersionSelection(t *testing.T) {
	files := map[string]string{
		"/p/a/package.json":  `{"engines":{"node":">=18 <21"}}`,
		"/p/b/.nvmrc":        "lts/iron\n",
		"/p/c/.node-version": "v24.1.0",
		"/p/d/package.json":  `{"engines":{"node":"^22.0.0"}}`,
		"/p/e/package.json":  `{"engines":{"node":">=18"}}`,
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	for dir, want := range map[string]int{"/p/a": 20, "/p/b": 20, "/p/c": 24, "/p/d": 22, "/p/e": 26, "/p/z": NewestLTS} {
		if got, src := NodeVersion(dir+"/x.js", read); got != want {
			t.Errorf("%s: got %d (%s), want %d", dir, got, src, want)
		}
	}
}

// TestLargeExpressApp: a 2,500-line Express-style file finishes well under
// a second and reports its unknowns instead of failing.
func TestLargeExpressApp(t *testing.T) {
	var b strings.Builder
	b.WriteString("'use strict';\nconst express = require('express');\nconst app = express();\nconst db = new Map();\n")
	for i := 0; i < 180; i++ {
		fmt.Fprintf(&b, `function validate%[1]d(input) {
  if (!input || typeof input.name !== 'string') {
    return { ok: false, error: 'name required for route %[1]d' };
  }
  const parts = input.name.split(' ').map((p) => p.trim()).filter(Boolean);
  return { ok: parts.length > 0, parts };
}
app.get('/items/%[1]d', async (req, res, next) => {
  try {
    const item = db.get(%[1]d);
    if (!item) return res.status(404).json({ error: 'not found' });
    res.json(item);
  } catch (err) { next(err); }
});
`, i)
	}
	b.WriteString("const server = app.listen(3000, () => console.log('listening'));\nconsole.log('routes', 180);\n")
	start := time.Now()
	p := predictSrc(t, "app.js", b.String(), 22)
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if p.Complete || len(p.Unknowns) == 0 || len(p.Unknowns) > 10 {
		t.Errorf("want a few grouped unknowns, got %d", len(p.Unknowns))
	}
	if got := strings.Join(p.Outcomes[0].Lines, ","); got != "routes 180" {
		t.Errorf("output %q", got)
	}
}
