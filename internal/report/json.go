package report

import (
	"encoding/json"
	"io"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// JSONDiagnostic is the JSON schema of one problem: lines and columns are
// 1-based, columns in UTF-16 code units.
type JSONDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	// Related locations, such as the hops of a call chain, in order.
	Related []JSONRelated `json:"related"`
	// Fixes suggested for the problem; --fix applies the first.
	Fixes       []JSONFix `json:"fixes"`
	Fingerprint string    `json:"fingerprint"`
}

// JSONSpan is a range of a file.
type JSONSpan struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

// JSONRelated is a secondary location with its message.
type JSONRelated struct {
	JSONSpan
	Message string `json:"message"`
}

// JSONFix is a suggested fix: edits to apply together.
type JSONFix struct {
	Message string     `json:"message"`
	Edits   []JSONEdit `json:"edits"`
}

// JSONEdit replaces a range (also given as byte offsets) with newText.
type JSONEdit struct {
	JSONSpan
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

// JSONOutput is the whole document.
type JSONOutput struct {
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
	Files       int              `json:"files"`
}

func span(l driver.Location) JSONSpan {
	return JSONSpan{File: l.Path, Line: l.Start.Line, Column: l.Start.Column16, EndLine: l.End.Line, EndColumn: l.End.Column16}
}

func writeJSON(w io.Writer, r *Report) error {
	out := JSONOutput{Diagnostics: []JSONDiagnostic{}, Files: r.Files}
	for i, d := range r.Diagnostics {
		jd := JSONDiagnostic{
			File: d.Path, Line: d.Start.Line, Column: d.Start.Column16, EndLine: d.End.Line, EndColumn: d.End.Column16,
			Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
			Related: []JSONRelated{}, Fixes: []JSONFix{},
		}
		if i < len(r.Fingerprints) {
			jd.Fingerprint = r.Fingerprints[i]
		}
		for _, rel := range d.Related {
			jd.Related = append(jd.Related, JSONRelated{JSONSpan: span(rel.Location), Message: rel.Message})
		}
		for _, f := range d.Fixes {
			jf := JSONFix{Message: f.Message, Edits: []JSONEdit{}}
			for _, e := range f.Edits {
				jf.Edits = append(jf.Edits, JSONEdit{JSONSpan: span(e.Location), Start: e.Span.Start, End: e.Span.End, NewText: e.NewText})
			}
			jd.Fixes = append(jd.Fixes, jf)
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
