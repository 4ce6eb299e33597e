package blocking

import (
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer/bindings"
	"github.com/blockcheck/blockcheck/internal/config"
)

// extraTable holds the blocking APIs a configuration file adds:
// module → member → rule.
type extraTable struct {
	apis map[string]map[string]string
	from string
}

// extraAPIs reads the "blocking" setting of the configuration nearest to
// path. An invalid configuration adds nothing here: the driver reports it.
func extraAPIs(pass *analysis.Pass, path string) extraTable {
	l := &config.Loader{ReadFile: pass.ReadFile}
	c, err := l.For(path)
	if err != nil || c == nil {
		return extraTable{}
	}
	return extraTable{apis: c.Blocking, from: c.Path}
}

func (t extraTable) lookup(r bindings.Ref) *Entry {
	rule := t.apis[r.Module][r.Member]
	if rule == "" {
		return nil
	}
	return &Entry{Rule: rule, Chain: true, Instead: insteadText("an asynchronous alternative (" + r.String() + " is listed as blocking in " + t.from + ")")}
}
