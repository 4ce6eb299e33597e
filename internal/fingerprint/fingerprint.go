// Package fingerprint identifies a diagnostic by what it points at rather
// than where: baselines and SARIF partialFingerprints use it so that a
// finding keeps its identity when unrelated edits move it to another line.
package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// Version names the algorithm; it is part of the SARIF key so a change of
// algorithm does not look like every finding changed.
const Version = "blockcheck/v1"

// All returns the fingerprint of each diagnostic (diags sorted by path and
// position, as driver.Run returns them). src returns a file's contents, nil
// when unreadable.
//
// A fingerprint hashes the rule, the reported source text and the text of
// its first line, both with whitespace runs collapsed, and the index of the
// diagnostic among those of its file with the same hash: two identical
// calls in one file are told apart by order, not by line number. The path
// is left out so that callers choose how to name files (SARIF results carry
// their own location; baselines store a path relative to themselves).
func All(diags []driver.Diagnostic, src func(path string) []byte) []string {
	out := make([]string, len(diags))
	seen := map[[2]string]int{}
	var path string
	var text []byte
	for i, d := range diags {
		if d.Path != path || i == 0 {
			path, text = d.Path, src(d.Path)
		}
		base := hash(d.Rule, snippet(text, d.Span.Start, d.Span.End), snippet(text, lineStart(text, d.Span.Start), lineEnd(text, d.Span.Start)))
		k := [2]string{d.Path, base}
		n := seen[k]
		seen[k] = n + 1
		out[i] = hash(base, strconv.Itoa(n))
	}
	return out
}

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// snippet returns text[start:end] with whitespace runs collapsed to one
// space, so re-indentation does not change a fingerprint.
func snippet(text []byte, start, end int) string {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if end < start {
		end = start
	}
	return strings.Join(strings.Fields(string(text[start:end])), " ")
}

func lineStart(text []byte, off int) int {
	off = min(max(off, 0), len(text))
	for off > 0 && text[off-1] != '\n' && text[off-1] != '\r' {
		off--
	}
	return off
}

func lineEnd(text []byte, off int) int {
	off = min(max(off, 0), len(text))
	for off < len(text) && text[off] != '\n' && text[off] != '\r' {
		off++
	}
	return off
}
