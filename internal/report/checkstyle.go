package report

import (
	"encoding/xml"
	"io"
)

// Checkstyle XML, the format Jenkins' warnings plugin and many review
// tools import; one <file> per path, in report order.
type (
	checkstyleXML struct {
		XMLName xml.Name         `xml:"checkstyle"`
		Version string           `xml:"version,attr"`
		Files   []checkstyleFile `xml:"file"`
	}
	checkstyleFile struct {
		Name   string            `xml:"name,attr"`
		Errors []checkstyleError `xml:"error"`
	}
	checkstyleError struct {
		Line     int    `xml:"line,attr"`
		Column   int    `xml:"column,attr"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
)

func writeCheckstyle(w io.Writer, r *Report) error {
	out := checkstyleXML{Version: "4.3"}
	for _, d := range r.Diagnostics {
		if n := len(out.Files); n == 0 || out.Files[n-1].Name != d.Path {
			out.Files = append(out.Files, checkstyleFile{Name: d.Path})
		}
		f := &out.Files[len(out.Files)-1]
		f.Errors = append(f.Errors, checkstyleError{
			Line: d.Start.Line, Column: d.Start.Column16, Severity: d.Severity.String(),
			Message: d.Message, Source: "blockcheck." + d.Rule,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
