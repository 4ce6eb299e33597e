package fingerprint

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/jsast"
)

// diagsAt reports rule sync-io at every occurrence of needle in src.
func diagsAt(src, needle string) []driver.Diagnostic {
	var out []driver.Diagnostic
	for off := 0; ; {
		i := strings.Index(src[off:], needle)
		if i < 0 {
			return out
		}
		off += i
		out = append(out, driver.Diagnostic{Location: driver.Location{Path: "a.js", Span: jsast.Span{Start: off, End: off + len(needle)}}, Rule: "sync-io"})
		off += len(needle)
	}
}

func TestStableAcrossUnrelatedEdits(t *testing.T) {
	before := "const fs = require('fs');\nfunction f() {\n  fs.readFileSync(a);\n  fs.readFileSync(a);\n  fs.statSync(b);\n}\n"
	after := "// a new header comment\nconst fs = require('fs');\n\nfunction f() {\n      fs.readFileSync(a);\n  fs.readFileSync(a);\n  const x = 1;\n  fs.statSync(b);\n}\n"
	fp := func(src string) []string {
		d := append(diagsAt(src, "fs.readFileSync"), diagsAt(src, "fs.statSync")...)
		return All(d, func(string) []byte { return []byte(src) })
	}
	b, a := fp(before), fp(after)
	if len(b) != 3 || b[0] == b[1] || b[1] == b[2] {
		t.Fatalf("fingerprints not distinct: %v", b)
	}
	for i := range b {
		if a[i] != b[i] {
			t.Errorf("fingerprint %d changed after moving lines and re-indenting: %s -> %s", i, b[i], a[i])
		}
	}
	changed := strings.Replace(before, "fs.statSync(b)", "fs.statSync(c)", 1)
	if c := fp(changed); c[2] == b[2] {
		t.Errorf("fingerprint kept after the flagged line itself changed")
	}
	if c := All(diagsAt(before, "fs.statSync"), func(string) []byte { return nil }); len(c) != 1 || c[0] == "" {
		t.Errorf("unreadable file: %v", c)
	}
}
