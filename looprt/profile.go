package looprt

import (
	"fmt"
	"sort"
)

// Profile holds the scheduling behaviours that differ between Node majors.
// Everything not listed here was observed to be the same in 18, 20, 22, 24
// and 26 (see testdata/node/ and the corpus in shared/corpus/order).
type Profile struct {
	Major int
	// ESMEntryInPoll: the ES-module entry is read with async fs and
	// evaluated from the poll phase of the first loop iteration, so an
	// immediate queued at top level always beats a 0 ms timer and any I/O
	// started at top level. Node 22+ load the entry synchronously and
	// evaluate it before the loop, like CommonJS.
	// Evidence: testdata/node/esm_timeout_vs_immediate.mjs (18/20: always
	// "immediate" first; 22+: both orders possible).
	ESMEntryInPoll bool
	// ReadFileRoundTrips is how many thread-pool round trips fs.readFile
	// takes (open, fstat, read, close). Node 26 reads a small file in one.
	// Evidence: corpus fs_readfile_vs_timers_main.js, and measure.js
	// (io.fs.readFile median 0.17 ms on 18-24 vs 0.03 ms on 26).
	ReadFileRoundTrips int
}

// profiles is the version table. Add a field above and a value per row when
// a new difference is found; cite the evidence on the field.
var profiles = map[int]Profile{
	18: {Major: 18, ESMEntryInPoll: true, ReadFileRoundTrips: 4},
	20: {Major: 20, ESMEntryInPoll: true, ReadFileRoundTrips: 4},
	22: {Major: 22, ESMEntryInPoll: false, ReadFileRoundTrips: 4},
	24: {Major: 24, ESMEntryInPoll: false, ReadFileRoundTrips: 4},
	26: {Major: 26, ESMEntryInPoll: false, ReadFileRoundTrips: 1},
}

// DefaultMajor is the Node major modelled when none is given.
const DefaultMajor = 22

// ProfileFor returns the profile of a Node major (18, 20, 22, 24 or 26).
func ProfileFor(major int) (Profile, error) {
	if major == 0 {
		major = DefaultMajor
	}
	p, ok := profiles[major]
	if !ok {
		return Profile{}, fmt.Errorf("looprt: no profile for Node %d (have %v)", major, Majors())
	}
	return p, nil
}

// Majors lists the Node majors with a profile, ascending.
func Majors() []int {
	var ms []int
	for m := range profiles {
		ms = append(ms, m)
	}
	sort.Ints(ms)
	return ms
}
