package lsp

import (
	"strings"

	"github.com/blockcheck/blockcheck/jsast"
)

// suppressions are the blockcheck-disable comments of a module:
//
//	// blockcheck-disable-next-line RULE[, RULE] -- reason
//	foo() // blockcheck-disable-line RULE
//	/* blockcheck-disable RULE */ ... /* blockcheck-enable RULE */
//
// No rule name means every rule. The code actions insert the first and the
// third form; the analyzers' own handling of these comments (with unknown
// names reported) is the rules issue's; filtering here as well is harmless
// and keeps the editor right meanwhile.
type suppressions struct {
	mod    *jsast.Module
	lines  map[int][]string // 1-based line: rules (nil slice entry "" = all)
	ranges []disabledRange
}

type disabledRange struct {
	rule       string // "" = all
	start, end int    // byte offsets
}

const disablePrefix = "blockcheck-"

func findSuppressions(m *jsast.Module) *suppressions {
	s := &suppressions{mod: m, lines: map[int][]string{}}
	open := map[string]int{}
	for _, c := range m.Comments {
		text := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(c.Text, "//"), "/*"), "*/"))
		if !strings.HasPrefix(text, disablePrefix) {
			continue
		}
		directive, rest, _ := strings.Cut(text, " ")
		rest, _, _ = strings.Cut(rest, "--")
		rules := ruleList(rest)
		line := m.Position(c.Start).Line
		switch directive {
		case "blockcheck-disable-next-line":
			s.lines[line+1] = append(s.lines[line+1], rules...)
		case "blockcheck-disable-line":
			s.lines[line] = append(s.lines[line], rules...)
		case "blockcheck-disable":
			for _, r := range rules {
				if _, ok := open[r]; !ok {
					open[r] = c.End
				}
			}
		case "blockcheck-enable":
			for _, r := range rules {
				if start, ok := open[r]; ok {
					s.ranges = append(s.ranges, disabledRange{r, start, c.Start})
					delete(open, r)
				}
			}
		}
	}
	for r, start := range open {
		s.ranges = append(s.ranges, disabledRange{r, start, len(m.Src)})
	}
	return s
}

// ruleList parses "a, b c" into rule names; none means [""] (every rule).
func ruleList(s string) []string {
	rules := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(rules) == 0 {
		return []string{""}
	}
	return rules
}

// covers reports whether a diagnostic of rule at offset off is disabled.
func (s *suppressions) covers(rule string, off int) bool {
	if s == nil {
		return false
	}
	for _, r := range s.lines[s.mod.Position(off).Line] {
		if r == "" || r == rule {
			return true
		}
	}
	for _, r := range s.ranges {
		if (r.rule == "" || r.rule == rule) && r.start <= off && off <= r.end {
			return true
		}
	}
	return false
}
