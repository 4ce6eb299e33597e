package redos_test

import (
	"path/filepath"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/analyzer/redos"
)

func TestRedos(t *testing.T) {
	diags := checktest.Run(t, "testdata", redos.Analyzer)
	// Polynomial patterns are warnings, raised to errors only where they are
	// applied to request data on the hot path.
	want := map[int]driver.Severity{5: driver.Error, 11: driver.Warning, 18: driver.Error, 24: driver.Warning}
	for _, d := range diags {
		if filepath.Base(d.Path) != "requests.js" {
			continue
		}
		if sev, ok := want[d.Start.Line]; ok && d.Severity != sev {
			t.Errorf("requests.js:%d: severity %v, want %v (%s)", d.Start.Line, d.Severity, sev, d.Message)
		}
	}
}
