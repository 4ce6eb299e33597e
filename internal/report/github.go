package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// writeGitHub writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
//
//	::error file=app.js,line=2,col=21,endLine=2,endColumn=36,title=blockcheck(sync-io)::message
//
// Paths are made relative to opt.Dir (the working directory, which in a
// workflow is the checkout) when under it, as annotations need.
func writeGitHub(w io.Writer, r *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		cmd := "error"
		switch d.Severity {
		case driver.Warning:
			cmd = "warning"
		case driver.Info:
			cmd = "notice"
		}
		msg := d.Message
		for _, rel := range d.Related {
			msg += fmt.Sprintf("\n  %s: %s", pos(rel.Location), rel.Message)
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			ghProperty(relPath(opt.Dir, d.Path)), d.Start.Line, d.Start.Column16, d.End.Line, d.End.Column16,
			ghProperty("blockcheck("+d.Rule+")"), ghData(msg))
	}
	return bw.Flush()
}

// Escaping as the runner's toolkit does (@actions/core command.ts).
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
