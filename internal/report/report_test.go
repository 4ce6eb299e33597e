package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/jsast"
)

func loc(path string, line, col, endLine, endCol int) driver.Location {
	return driver.Location{Path: path, Span: jsast.Span{Start: col - 1, End: endCol - 1},
		Start: jsast.Position{Line: line, Column: col, Column16: col}, End: jsast.Position{Line: endLine, Column: endCol, Column16: endCol}}
}

// sample covers what every format must carry: severities, a call chain, a
// fix, a file name needing escapes, and a message with newline, comma and
// colon.
func sample(dir string) *Report {
	a := filepath.Join(dir, "src", "a b.js")
	c := filepath.Join(dir, "c.js")
	return &Report{
		Diagnostics: []driver.Diagnostic{
			{Location: loc(a, 2, 21, 2, 36), Rule: "sync-io", Severity: driver.Error,
				Message: "fs.readFileSync blocks the event loop in the callback passed to setTimeout",
				Related: []driver.Related{{Location: loc(c, 7, 3, 7, 12), Message: "called from here"}},
				Fixes: []driver.Fix{{Message: "use fs.promises.readFile", Edits: []driver.Edit{
					{Location: loc(a, 2, 21, 2, 36), NewText: "await fs.promises.readFile"}}}}},
			{Location: loc(c, 1, 1, 1, 1), Rule: "syntax", Severity: driver.Warning, Message: "odd: 1,\n2 <&> 100%"},
			{Location: loc(c, 3, 5, 4, 2), Rule: "sync-io", Severity: driver.Info, Message: "at start-up"},
		},
		Fingerprints: []string{"f1", "f2", "f3"},
		Files:        1204,
		Elapsed:      410 * time.Millisecond,
	}
}

func TestSummary(t *testing.T) {
	r := sample("/x")
	if got, want := Summary(r), "3 problems (1 error, 1 warning, 1 info) in 1,204 files, 0.41 s"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	r = &Report{Files: 1, Elapsed: 2 * time.Second}
	if got, want := Summary(r), "0 problems (0 errors, 0 warnings) in 1 file, 2.00 s"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	b, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, r := range map[string]*Report{"sample": sample(dir), "empty": {}} {
		var out bytes.Buffer
		if err := Write(&out, "sarif", r, Options{Version: "devel", Rules: analyzer.Rules(), Dir: dir}); err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v := &schemaValidator{root: schema}
		v.validate("$", schema, doc)
		for _, e := range v.errs {
			t.Errorf("%s: %s", name, e)
		}
	}
	// The validator itself must reject what the schema forbids.
	for _, bad := range []string{
		`{"version":"2.1.0"}`,
		`{"version":"2.0.0","runs":[]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","helpUri":"y"}}}]}`,
	} {
		var doc any
		json.Unmarshal([]byte(bad), &doc)
		v := &schemaValidator{root: schema}
		v.validate("$", schema, doc)
		if len(v.errs) == 0 {
			t.Errorf("validator accepted %s", bad)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := Write(&out, "sarif", sample(dir), Options{Version: "1.2.3", Rules: analyzer.Rules(), Dir: dir}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := map[string]sarifRule{}
	for _, r := range run.Tool.Driver.Rules {
		rules[r.ID] = r
	}
	if r := rules["sync-io"]; r.HelpURI == "" || r.ShortDescription.Text == "" || r.DefaultConfiguration.Level != "error" {
		t.Errorf("sync-io rule %+v", r)
	}
	res := run.Results[0]
	if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
		t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
	}
	pl := res.Locations[0].PhysicalLocation
	if pl.ArtifactLocation.URI != "src/a%20b.js" || pl.ArtifactLocation.URIBaseID != srcRoot {
		t.Errorf("artifact %+v", pl.ArtifactLocation)
	}
	if *pl.Region != (sarifRegion{2, 21, 2, 36}) {
		t.Errorf("region %+v", *pl.Region)
	}
	if len(res.RelatedLocations) != 1 || res.RelatedLocations[0].Message.Text != "called from here" || res.PartialFingerprints["blockcheck/v1"] != "f1" {
		t.Errorf("related %+v, fingerprints %v", res.RelatedLocations, res.PartialFingerprints)
	}
	if len(res.Fixes) != 1 || res.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "await fs.promises.readFile" {
		t.Errorf("fixes %+v", res.Fixes)
	}
	if levels := []string{run.Results[1].Level, run.Results[2].Level}; levels[0] != "warning" || levels[1] != "note" {
		t.Errorf("levels %v", levels)
	}
}

func TestGitHub(t *testing.T) {
	var out bytes.Buffer
	r := sample("/w")
	r.Diagnostics[0].Location.Path = "src/a b.js"
	r.Diagnostics[0].Related[0].Path = "c.js"
	r.Diagnostics[1].Location.Path = "/w/c,d.js"
	if err := Write(&out, "github", r, Options{Dir: "/w"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{
		"::error file=src/a b.js,line=2,col=21,endLine=2,endColumn=36,title=blockcheck(sync-io)::fs.readFileSync blocks the event loop in the callback passed to setTimeout%0A  c.js:7:3: called from here",
		"::warning file=c%2Cd.js,line=1,col=1,endLine=1,endColumn=1,title=blockcheck(syntax)::odd: 1,%0A2 <&> 100%25",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], w)
		}
	}
	if !strings.HasPrefix(lines[2], "::notice ") {
		t.Errorf("info severity: %s", lines[2])
	}
}

func TestCheckstyle(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "checkstyle", sample("/w"), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc checkstyleXML
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(doc.Files) != 2 || len(doc.Files[1].Errors) != 2 || doc.Files[1].Errors[0].Message != "odd: 1,\n2 <&> 100%" || doc.Files[0].Errors[0].Source != "blockcheck.sync-io" {
		t.Errorf("checkstyle %+v", doc)
	}
}

func TestJSONAndText(t *testing.T) {
	var out bytes.Buffer
	r := sample("/w")
	if err := Write(&out, "json", r, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc JSONOutput
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.Diagnostics[0]
	if doc.Files != 1204 || d.Line != 2 || d.Column != 21 || len(d.Related) != 1 || d.Related[0].Line != 7 || len(d.Fixes) != 1 || d.Fixes[0].Edits[0].NewText == "" || d.Fingerprint != "f1" {
		t.Errorf("json %+v", doc)
	}
	if !strings.Contains(out.String(), `"related": []`) {
		t.Errorf("diagnostics without related locations should carry an empty list")
	}
	out.Reset()
	r.Diagnostics[0].Location.Path = "a.js"
	r.Diagnostics[0].Related[0].Path = "c.js"
	Write(&out, "text", r, Options{})
	if !strings.HasPrefix(out.String(), "a.js:2:21: error: fs.readFileSync blocks the event loop in the callback passed to setTimeout (sync-io)\n    c.js:7:3: called from here\n") {
		t.Errorf("text:\n%s", out.String())
	}
	out.Reset()
	Write(&out, "text", r, Options{Color: true})
	if !strings.Contains(out.String(), "\x1b[31m") {
		t.Errorf("no colour in %q", out.String())
	}
	if err := Write(&out, "yaml", r, Options{}); err == nil {
		t.Error("unknown format accepted")
	}
}
