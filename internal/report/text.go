package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/blockcheck/blockcheck/analyzer/driver"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
)

// writeText writes "path:line:col: severity: message (rule)" per problem,
// columns in UTF-16 code units like ESLint, each related location (a hop
// of a call chain) indented beneath it.
func writeText(w io.Writer, r *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, d := range r.Diagnostics {
		sev := d.Severity.String()
		switch d.Severity {
		case driver.Error:
			sev = paint(ansiRed+ansiBold, sev)
		case driver.Warning:
			sev = paint(ansiYellow+ansiBold, sev)
		default:
			sev = paint(ansiBlue, sev)
		}
		fmt.Fprintf(bw, "%s: %s: %s %s\n", paint(ansiBold, pos(d.Location)), sev, d.Message, paint(ansiDim, "("+d.Rule+")"))
		for _, rel := range d.Related {
			fmt.Fprintf(bw, "    %s: %s\n", paint(ansiDim, pos(rel.Location)), rel.Message)
		}
	}
	return bw.Flush()
}

func pos(l driver.Location) string {
	return fmt.Sprintf("%s:%d:%d", l.Path, l.Start.Line, l.Start.Column16)
}
