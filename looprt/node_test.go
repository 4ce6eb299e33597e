package looprt

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Each case mirrors a program in testdata/node/ whose outputs, recorded from
// real Node 18/20/22/24/26 by testdata/node/record.sh, are in NAME.out. The
// test explores the model and requires, per Node major, that
//   - every outcome real Node produced is one of the model's orders, and
//   - when Node always produced one outcome and the case is not a race,
//     the model is deterministic and agrees (a plain Run gives it too).

// js builds callbacks for a case the way the interpreter will.
type js struct{ rt *Runtime }

// cb returns a callback that prints label, then runs body.
func (j js) cb(label string, body ...func()) Callback {
	return Callback{Label: label, Fn: func() {
		j.rt.Print(label)
		for _, b := range body {
			b()
		}
	}}
}

func (j js) busy(d time.Duration) { j.rt.Spend(cost.Exactly(d)) }

type nodeCase struct {
	file   string // in testdata/node
	race   bool   // Node does not guarantee the order (some majors)
	starve bool   // real Node never finishes: the model must report starvation
	main   func(j js) Callback
}

var nodeCases = []nodeCase{
	{file: "tick_vs_promise.js", main: func(j js) Callback {
		return j.cb("main", func() {
			j.rt.QueueMicrotask(j.cb("promise"))
			j.rt.QueueMicrotask(j.cb("queueMicrotask"))
			j.rt.NextTick(j.cb("tick"))
		})
	}},
	{file: "esm_tick_vs_promise.mjs", main: func(j js) Callback {
		return j.cb("main", func() {
			j.rt.QueueMicrotask(j.cb("promise"))
			j.rt.QueueMicrotask(j.cb("queueMicrotask"))
			j.rt.NextTick(j.cb("tick"))
		})
	}},
	{file: "drain_rounds.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.NextTick(j.cb("t1", func() {
				j.rt.QueueMicrotask(j.cb("p from t1"))
				j.rt.NextTick(j.cb("t from t1"))
			}))
			j.rt.QueueMicrotask(j.cb("p1", func() {
				j.rt.NextTick(j.cb("t from p1"))
				j.rt.QueueMicrotask(j.cb("p from p1"))
			}))
		}}
	}},
	{file: "drain_between_timers.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("timer 1", func() {
				j.rt.QueueMicrotask(j.cb("promise 1"))
				j.rt.NextTick(j.cb("tick 1"))
			}), 0)
			j.rt.SetTimeout(j.cb("timer 2"), 0)
		}}
	}},
	{file: "timer_coercion.js", race: true, main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("2ms"), 2)
			j.rt.SetTimeout(j.cb("zero"), 0)
			j.rt.SetTimeout(j.cb("negative"), -5)
			j.rt.SetTimeout(j.cb("string"), nan())
			j.rt.SetTimeout(j.cb("huge"), 1<<31)
			j.rt.SetTimeout(j.cb("one"), 1)
		}}
	}},
	{file: "timers_created_in_phase.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("outer", func() {
				j.rt.SetTimeout(j.cb("inner timeout"), 0)
				j.rt.SetImmediate(j.cb("inner immediate"))
			}), 0)
		}}
	}},
	{file: "interval_from_start.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			n := 0
			var iv *Timer
			iv = j.rt.SetInterval(Callback{Label: "interval", Fn: func() {
				n++
				j.rt.Print("interval " + strconv.Itoa(n))
				j.busy(4 * time.Millisecond)
				if n == 3 {
					iv.Clear()
				}
			}}, 10)
			j.rt.SetTimeout(j.cb("timeout 35"), 35)
		}}
	}},
	{file: "clear_all.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			var b *Timer
			j.rt.SetTimeout(j.cb("a", func() { b.Clear() }), 5)
			b = j.rt.SetTimeout(j.cb("b"), 5)
			im := j.rt.SetImmediate(j.cb("cleared immediate"))
			j.rt.SetImmediate(j.cb("immediate"))
			im.Clear()
			j.rt.SetInterval(j.cb("never"), 1).Clear()
		}}
	}},
	{file: "immediate_next_iteration.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetImmediate(j.cb("A", func() {
				j.rt.SetImmediate(j.cb("C (queued by A)"))
				j.rt.NextTick(j.cb("tick from A"))
			}))
			j.rt.SetImmediate(j.cb("B"))
		}}
	}},
	{file: "io_immediate_first.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.StartIO("fs.stat", Callback{Label: "stat cb", Fn: func() {
				j.rt.SetTimeout(j.cb("timeout"), 0)
				j.rt.SetImmediate(j.cb("immediate"))
			}})
		}}
	}},
	{file: "timeout_vs_immediate_main.js", race: true, main: timeoutVsImmediate},
	{file: "esm_timeout_vs_immediate.mjs", race: true, main: timeoutVsImmediate},
	{file: "stat_vs_immediate_main.js", race: true, main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.StartIO("fs.stat", j.cb("stat"))
			j.rt.SetImmediate(j.cb("immediate"))
		}}
	}},
	{file: "io_waits_in_poll.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("timeout 50"), 50)
			j.rt.StartIO("fs.stat", j.cb("stat", func() { j.rt.NextTick(j.cb("tick from stat")) }))
		}}
	}},
	{file: "close_phase.js", main: func(j js) Callback {
		// The listen and connect steps are abstract I/O; the interpreter
		// decides which libuv operations a JS API performs.
		return Callback{Label: "main", Fn: func() {
			server := j.rt.OpenHandle("server")
			j.rt.StartIO("net.loopback", Callback{Label: "listening", Fn: func() {
				sock := j.rt.OpenHandle("socket")
				j.rt.StartIO("net.loopback", Callback{Label: "connect", Fn: func() {
					sock.Close(j.cb("close", func() { server.Close(Callback{Label: "server close"}) }))
					j.rt.SetImmediate(j.cb("immediate"))
					j.rt.SetTimeout(j.cb("timeout"), 0)
				}})
			}})
		}}
	}},
	{file: "unref_timer.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("unref 5"), 5).Unref()
			j.rt.SetTimeout(j.cb("ref 20"), 20)
			j.rt.SetTimeout(j.cb("unref 200"), 200).Unref()
		}}
	}},
	{file: "before_exit_exit.js", main: func(j js) Callback {
		return j.cb("main", func() {
			n := 0
			j.rt.OnBeforeExit(Callback{Label: "beforeExit", Fn: func() {
				n++
				j.rt.Print("beforeExit " + strconv.Itoa(n))
				if n == 1 {
					j.rt.SetTimeout(j.cb("timer from beforeExit"), 1)
				}
				if n == 2 {
					j.rt.QueueMicrotask(j.cb("promise from beforeExit"))
				}
			}})
			j.rt.OnExit(Callback{Label: "exit", Fn: func() {
				j.rt.Print("exit " + strconv.Itoa(j.rt.ExitCode()))
				j.rt.NextTick(j.cb("tick in exit"))
				j.rt.SetTimeout(j.cb("timer in exit"), 0)
				j.rt.QueueMicrotask(j.cb("promise in exit"))
			}})
		})
	}},
	{file: "process_exit_drops.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.OnExit(Callback{Label: "exit", Fn: func() {
				j.rt.Print("exit " + strconv.Itoa(j.rt.ExitCode()))
				j.rt.QueueMicrotask(j.cb("promise in exit"))
			}})
			j.rt.SetTimeout(j.cb("timer", func() {
				j.rt.QueueMicrotask(j.cb("promise before exit"))
				j.rt.NextTick(j.cb("tick before exit"))
				j.rt.Exit(3)
			}), 5)
			j.rt.SetTimeout(j.cb("later timer"), 5)
		}}
	}},
	{file: "slow_callback_timer_due.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("t1", func() {
				j.rt.SetImmediate(j.cb("immediate from t1"))
				j.busy(20 * time.Millisecond)
			}), 5)
			j.rt.SetTimeout(j.cb("t2"), 10)
		}}
	}},
	{file: "busy_main_both_due.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("5ms"), 5)
			j.rt.SetTimeout(j.cb("20ms"), 20)
			j.rt.SetImmediate(j.cb("immediate"))
			j.busy(30 * time.Millisecond)
			j.rt.Print("busy done")
		}}
	}},
	{file: "refresh.js", main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			t := j.rt.SetTimeout(j.cb("refreshed 20"), 20)
			j.rt.SetTimeout(j.cb("10: refresh", func() { t.Refresh() }), 10)
			j.rt.SetTimeout(j.cb("25"), 25)
		}}
	}},
	{file: "late_list_member.js", race: true, main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetTimeout(j.cb("X", func() { j.rt.SetImmediate(j.cb("immediate from X")) }), 25)
			j.rt.SetTimeout(Callback{Label: "4ms", Fn: func() { j.rt.SetTimeout(j.cb("Y"), 21) }}, 4)
		}}
	}},
	{file: "timeout_vs_immediate_in_check.js", race: true, main: func(j js) Callback {
		return Callback{Label: "main", Fn: func() {
			j.rt.SetImmediate(Callback{Label: "outer", Fn: func() {
				j.rt.SetTimeout(j.cb("timeout"), 0)
				j.rt.SetImmediate(j.cb("immediate"))
			}})
		}}
	}},
	{file: "tick_starvation.js", starve: true, main: func(j js) Callback {
		return j.cb("main", func() {
			var again func()
			again = func() { j.rt.NextTick(Callback{Label: "again", Fn: again}) }
			j.rt.SetTimeout(j.cb("timer"), 1)
			j.rt.NextTick(Callback{Label: "again", Fn: again})
		})
	}},
}

func timeoutVsImmediate(j js) Callback {
	return Callback{Label: "main", Fn: func() {
		j.rt.SetTimeout(j.cb("timeout"), 0)
		j.rt.SetImmediate(j.cb("immediate"))
	}}
}

// observed reads NAME.out: the distinct outputs per Node major.
func observed(t *testing.T, file string) map[int][]string {
	t.Helper()
	name := filepath.Join("testdata", "node", strings.TrimSuffix(strings.TrimSuffix(file, ".mjs"), ".js")+".out")
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("no recorded Node output: %v (run testdata/node/record.sh)", err)
	}
	defer f.Close()
	out := map[int][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		major, lines, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		m, err := strconv.Atoi(major)
		if err != nil {
			t.Fatalf("%s: bad line %q", name, sc.Text())
		}
		out[m] = append(out[m], lines)
	}
	return out
}

func (c nodeCase) program(major int) (Config, Program) {
	cfg := Config{Node: major, Limits: Limits{MaxDrain: 10_000}}
	if strings.HasSuffix(c.file, ".mjs") {
		cfg.Module = ESModule
	}
	return cfg, func(rt *Runtime) *Trace { return rt.Run(c.main(js{rt})) }
}

func TestAgainstNode(t *testing.T) {
	for _, c := range nodeCases {
		t.Run(c.file, func(t *testing.T) {
			obs := observed(t, c.file)
			for _, major := range Majors() {
				cfg, prog := c.program(major)
				res, err := Explore(cfg, Budget{MaxRuns: 256}, prog)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Exhausted {
					t.Errorf("node %d: %s", major, res.Summary())
				}
				model := map[string]bool{}
				for _, tr := range res.Traces {
					model[strings.Join(tr.Output(), "|")] = true
				}
				if c.starve {
					if len(res.Traces) != 1 || res.Traces[0].Starvation == nil {
						t.Fatalf("node %d: want starvation, got %s", major, res)
					}
					if got := res.Traces[0].Starvation.Label; got != "again" {
						t.Errorf("node %d: starvation blames %q, want \"again\"", major, got)
					}
					if want := []string{"(no output)"}; !slices.Equal(obs[major], want) && !slices.Equal(obs[major], []string{"main"}) {
						t.Errorf("node %d: real Node finished: %v", major, obs[major])
					}
					continue
				}
				for _, o := range obs[major] {
					if !model[o] {
						t.Errorf("node %d: Node printed %q, which the model does not allow; model: %s %v", major, o, res.Summary(), keys(model))
					}
				}
				if len(obs[major]) == 1 && !c.race && len(model) != 1 {
					t.Errorf("node %d: Node always printed %q but the model allows %d outputs:\n%s", major, obs[major][0], len(model), res)
				}
				if len(obs[major]) > 1 && len(model) < 2 {
					t.Errorf("node %d: Node printed %d different outputs, the model only one", major, len(obs[major]))
				}
				// A plain Run (the likeliest choices) gives the first explored trace.
				rt := MustNew(cfg)
				plain := strings.Join(prog(rt).Output(), "|")
				if plain != strings.Join(res.Traces[0].Output(), "|") {
					t.Errorf("node %d: Run gave %q, Explore's first trace %q", major, plain, strings.Join(res.Traces[0].Output(), "|"))
				}
			}
		})
	}
}

// TestEveryProgramHasACase keeps testdata/node and the table in step.
func TestEveryProgramHasACase(t *testing.T) {
	files, _ := filepath.Glob("testdata/node/*.*js")
	var have []string
	for _, c := range nodeCases {
		have = append(have, c.file)
	}
	sort.Strings(have)
	for _, f := range files {
		if !slices.Contains(have, filepath.Base(f)) {
			t.Errorf("%s has no case in nodeCases", f)
		}
	}
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func nan() float64 { var z float64; return z / z }
