package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
)

// WriteJSON writes the prediction in the JSON shape.
func (p *Prediction) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// WriteText writes the prediction as a numbered list per outcome.
func (p *Prediction) WriteText(w io.Writer) error {
	name := filepath.Base(p.File)
	module := "CommonJS"
	if p.Module == "esm" {
		module = "ES module"
	}
	fmt.Fprintf(w, "%s: Node %d (%s), %s\n", name, p.Node, p.NodeSource, module)
	switch {
	case len(p.Outcomes) == 0:
		fmt.Fprintln(w, "No output predicted.")
	case p.Deterministic:
		fmt.Fprintln(w, "Deterministic: the order does not depend on timing.")
	case len(p.Outcomes) == 1:
		fmt.Fprintln(w, "Undetermined: one output found, but the exploration of timing choices was cut short.")
	default:
		fmt.Fprintf(w, "NOT deterministic: %d possible outputs; Node does not guarantee one order.\n", len(p.Outcomes))
	}
	if p.Complete {
		fmt.Fprintln(w, "Complete: every construct was followed.")
	} else {
		fmt.Fprintln(w, "Incomplete: see the unknowns below; lines after them may differ.")
	}
	for i, o := range p.Outcomes {
		fmt.Fprintln(w)
		if len(p.Outcomes) > 1 {
			fmt.Fprintf(w, "Outcome %d of %d, if %s:\n", i+1, len(p.Outcomes), o.Assumption)
		} else {
			fmt.Fprintln(w, "Output:")
		}
		if len(o.Steps) == 0 {
			fmt.Fprintln(w, "  (nothing is printed)")
		}
		width := len(strconv.Itoa(len(o.Steps)))
		for j, s := range o.Steps {
			where := name
			if s.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d", name, s.Line, s.Column)
			}
			fmt.Fprintf(w, "  %*d. %s\n", width, j+1, strconv.Quote(s.Output))
			fmt.Fprintf(w, "  %*s  [%s] %s: %s\n", width, "", s.Phase, where, s.Reason)
		}
		if o.ExitCode != 0 {
			fmt.Fprintf(w, "  exit code %d\n", o.ExitCode)
		}
	}
	if len(p.Unknowns) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Unknowns:")
		for _, u := range p.Unknowns {
			where := name
			if u.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d", name, u.Line, u.Column)
			}
			fmt.Fprintf(w, "  %s: %s\n", where, u.Message)
		}
	}
	return nil
}
