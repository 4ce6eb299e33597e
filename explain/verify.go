package explain

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Verification compares real runs of a program with a prediction.
type Verification struct {
	Runs int
	// Observed lists each distinct output seen, with how often and
	// whether the prediction contains it.
	Observed []Observed
	// OK is true when every observed output is among the predicted ones.
	OK bool
}

// Observed is one distinct output of real runs.
type Observed struct {
	Lines     []string
	Count     int
	Predicted bool
}

// Verify runs the file with the node binary runs times (5 s limit each)
// and checks every observed stdout against the predicted outcomes. It runs
// the user's code: callers must only do this when asked to.
func Verify(ctx context.Context, p *Prediction, nodeBin string, runs int) (*Verification, error) {
	if nodeBin == "" {
		nodeBin = "node"
	}
	predicted := map[string]bool{}
	for _, o := range p.Outcomes {
		predicted[strings.Join(o.Lines, "\n")] = true
	}
	v := &Verification{Runs: runs, OK: true}
	index := map[string]int{}
	for i := 0; i < runs; i++ {
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		cmd := exec.CommandContext(rctx, nodeBin, filepath.Base(p.File))
		cmd.Dir = filepath.Dir(p.File)
		var out bytes.Buffer
		cmd.Stdout = &out
		err := cmd.Run()
		cancel()
		if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
			return nil, err
		}
		key := strings.TrimSuffix(out.String(), "\n")
		if j, ok := index[key]; ok {
			v.Observed[j].Count++
			continue
		}
		lines := []string{}
		if key != "" {
			lines = strings.Split(key, "\n")
		}
		index[key] = len(v.Observed)
		ok := predicted[strings.Join(lines, "\n")]
		if !ok {
			v.OK = false
		}
		v.Observed = append(v.Observed, Observed{Lines: lines, Count: 1, Predicted: ok})
	}
	return v, nil
}
