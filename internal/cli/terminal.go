package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressLine shows "checking N files… 3.2 s" on a terminal once a run
// has taken longer than a delay, and erases it when the run ends.
type progressLine struct {
	w     io.Writer
	done  chan struct{}
	wg    sync.WaitGroup
	shown bool
}

func startProgress(w io.Writer, files int, delay time.Duration) *progressLine {
	p := &progressLine{w: w, done: make(chan struct{})}
	start := time.Now()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		select {
		case <-p.done:
			return
		case <-time.After(delay):
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprintf(p.w, "\rblockcheck: checking %d files… %.1f s\x1b[K", files, time.Since(start).Seconds())
			p.shown = true
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// stop ends the progress line; a nil line is fine.
func (p *progressLine) stop() {
	if p == nil {
		return
	}
	close(p.done)
	p.wg.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
