package order_nondeterministic

import "testing"

// TestRacerLengths keeps the prefilter's length screen in step with the
// names it looks for.
func TestRacerLengths(t *testing.T) {
	for name := range racers {
		if n := len(name); n < 10 || n > 12 {
			t.Errorf("racer %q has %d bytes: the prefilter's length screen (10 to 12) drops it", name, n)
		}
	}
}
