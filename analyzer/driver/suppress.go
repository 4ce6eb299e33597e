package driver

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
)

// Suppression comments:
//
//	// blockcheck-disable-next-line RULE[, RULE] -- reason
//	// blockcheck-disable-line RULE[, RULE] -- reason
//	/* blockcheck-disable RULE[, RULE] */ ... /* blockcheck-enable RULE[, RULE] */
//
// With no rule named, the comment applies to every rule. A disable
// without its enable lasts to the end of the file. A rule name that does
// not exist is reported under the rule DisableCommentRule.

// DisableCommentRule is the rule of problems with suppression comments.
const DisableCommentRule = "disable-comment"

var suppressRE = regexp.MustCompile(`^\s*blockcheck-(disable-next-line|disable-line|disable|enable)\b(.*)$`)

type lineSuppression struct {
	line  int
	rules []string // nil: all
}

type rangeSuppression struct {
	start, end int // byte offsets
	rules      []string
}

// suppressions are the suppression comments of one module.
type suppressions struct {
	lines   []lineSuppression
	ranges  []rangeSuppression
	unknown []Diagnostic // comments naming rules that do not exist
}

// parseSuppressions reads m's suppression comments; known says which
// rule names exist.
func parseSuppressions(m *jsmodule.Module, known func(string) bool, loc func(start, end int) Location) *suppressions {
	s := &suppressions{}
	open := map[string]int{} // rule ("" for all) → offset its disable ends at
	for _, c := range m.Comments {
		text := strings.TrimPrefix(c.Text, "//")
		if strings.HasPrefix(c.Text, "/*") {
			text = strings.TrimSuffix(strings.TrimPrefix(c.Text, "/*"), "*/")
		}
		sm := suppressRE.FindStringSubmatch(text)
		if sm == nil {
			continue
		}
		kind, rest := sm[1], sm[2]
		if k := strings.Index(rest, "--"); k >= 0 {
			rest = rest[:k] // the reason
		}
		var rules []string
		for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
			if !known(f) {
				s.unknown = append(s.unknown, Diagnostic{Location: loc(c.Start, c.End), Rule: DisableCommentRule, Severity: Warning,
					Message: fmt.Sprintf("unknown rule %q in a blockcheck-%s comment: it suppresses nothing (run blockcheck rules for the list)", f, kind)})
				continue
			}
			rules = append(rules, f)
		}
		if len(rules) == 0 && strings.TrimSpace(rest) != "" {
			continue // only unknown names: suppress nothing rather than everything
		}
		line := m.Position(c.Start).Line
		switch kind {
		case "disable-next-line":
			s.lines = append(s.lines, lineSuppression{m.Position(c.End).Line + 1, rules})
		case "disable-line":
			s.lines = append(s.lines, lineSuppression{line, rules})
		case "disable":
			keys := rules
			if keys == nil {
				keys = []string{""}
			}
			for _, k := range keys {
				if _, ok := open[k]; !ok {
					open[k] = c.End
				}
			}
		case "enable":
			keys := rules
			if keys == nil {
				keys = make([]string, 0, len(open))
				for k := range open {
					keys = append(keys, k)
				}
				slices.Sort(keys)
			}
			for _, k := range keys {
				if start, ok := open[k]; ok {
					s.ranges = append(s.ranges, rangeSuppression{start, c.Start, ruleList(k)})
					delete(open, k)
				}
			}
		}
	}
	for k, start := range open {
		s.ranges = append(s.ranges, rangeSuppression{start, len(m.Src), ruleList(k)})
	}
	return s
}

func ruleList(k string) []string {
	if k == "" {
		return nil
	}
	return []string{k}
}

// suppressed reports whether a diagnostic of rule at loc is suppressed.
func (s *suppressions) suppressed(rule string, loc Location) bool {
	applies := func(rules []string) bool { return rules == nil || slices.Contains(rules, rule) }
	for _, l := range s.lines {
		if l.line == loc.Start.Line && applies(l.rules) {
			return true
		}
	}
	for _, r := range s.ranges {
		if r.start <= loc.Span.Start && loc.Span.Start < r.end && applies(r.rules) {
			return true
		}
	}
	return false
}

// suppressionsOf returns (and caches) the suppression comments of u.
func (r *runState) suppressionsOf(u *unit) *suppressions {
	r.mu.Lock()
	defer r.mu.Unlock()
	if u.suppress == nil {
		u.suppress = parseSuppressions(u.mod, r.knownRule, func(start, end int) Location {
			return Location{Path: u.path, Span: spanOf(start, end), Start: u.mod.Position(start), End: u.mod.Position(end)}
		})
	}
	return u.suppress
}

// knownRule reports whether a rule name exists: one of Options.Rules, or
// when that is empty, of the analyzers run.
func (r *runState) knownRule(name string) bool {
	if name == "syntax" || name == DisableCommentRule {
		return true
	}
	if len(r.opt.Rules) > 0 {
		return slices.Contains(r.opt.Rules, name)
	}
	for _, a := range r.opt.Analyzers {
		if RuleOf(a) == name {
			return true
		}
	}
	return false
}

func spanOf(start, end int) jsast.Span { return jsast.Span{Start: start, End: end} }
