package blocking

import (
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/looprt/cost"
)

// Entry describes a family of blocking APIs.
type Entry struct {
	Rule     string // the rule that reports it
	CostKey  string // row of the timing model (looprt/cost)
	CostNote string // what the cost row assumes, e.g. " for a small file"
	// Instead renders the non-blocking alternative for a call.
	Instead func(r bindings.Ref) string
}

// fsModules expose Node's fs API (or a superset of it).
var fsModules = map[string]bool{"fs": true, "fs-extra": true, "graceful-fs": true, "original-fs": true}

var fsSync = &Entry{
	Rule: "sync-io",
	Instead: func(r bindings.Ref) string {
		name := strings.TrimSuffix(r.Last(), "Sync")
		switch name {
		case "exists":
			return "await fs.promises.access(path) (exists has no promise form) or fs.access with a callback"
		case "read", "write", "open", "close", "fstat", "fsync", "fdatasync", "ftruncate", "futimes", "fchmod", "fchown", "readv", "writev":
			return "the callback form fs." + name + " or a FileHandle from fs.promises.open"
		}
		return "await fs.promises." + name + " or the callback form fs." + name
	},
}

// Lookup returns the catalogue entry for a call target, or nil.
func Lookup(r bindings.Ref) *Entry {
	if fsModules[r.Module] && r.Member != "" && !strings.Contains(r.Member, ".") && strings.HasSuffix(r.Member, "Sync") {
		e := *fsSync
		e.CostKey = "blocking.fs." + r.Member
		if _, ok := cost.Default().Lookup(e.CostKey); !ok {
			e.CostKey, e.CostNote = "blocking.fs.statSync", ", as for a stat"
		} else if r.Member == "readFileSync" {
			e.CostNote = " for a small file, more for a large one"
		}
		return &e
	}
	return nil
}
