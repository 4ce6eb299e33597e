package driver

import (
	"errors"
	"fmt"

	"github.com/blockcheck/blockcheck/internal/config"
)

// configFor returns the configuration nearest to path; an invalid file is
// reported once among the run's errors and the defaults apply.
func (r *runState) configFor(path string) *config.Config {
	c, err := r.configs.For(path)
	if err != nil {
		var ce *config.Error
		key := err.Error()
		if errors.As(err, &ce) {
			key = ce.Path
		}
		r.mu.Lock()
		if !r.badConfigs[key] {
			r.badConfigs[key] = true
			r.errs = append(r.errs, fmt.Errorf("invalid configuration: %w", err))
		}
		r.mu.Unlock()
	}
	return c
}

// keep applies the configuration and the suppression comments to a
// diagnostic of rule in u: it reports whether to keep it, and its
// severity. startup marks a finding in start-up code.
func (r *runState) keep(u *unit, rule string, sev Severity, startup bool, loc Location) (Severity, bool) {
	c := r.configFor(u.path)
	if c.Ignored(u.path) {
		return sev, false
	}
	if startup {
		if !r.opt.Startup && c.Startup != "report" {
			return sev, false
		}
		sev = Info
	}
	switch s := c.Rules[rule]; s {
	case "", "on":
	case "off":
		return sev, false
	default:
		if !startup {
			sev, _ = ParseSeverity(s)
		}
	}
	// A module that was not parsed mentions no suppression comment.
	if u.mod != nil && u.mod.Module != nil && r.suppressionsOf(u).suppressed(rule, loc) {
		return sev, false
	}
	return sev, true
}

// checkConfigRules reports configuration files that name unknown rules.
func (r *runState) checkConfigRules(path string) {
	c := r.configFor(path)
	for name := range c.Rules {
		if !r.knownRule(name) {
			key := c.Path + "\x00" + name
			r.mu.Lock()
			if !r.badConfigs[key] {
				r.badConfigs[key] = true
				r.errs = append(r.errs, fmt.Errorf("invalid configuration: %w", &config.Error{Path: c.Path, Key: "rules." + name, Msg: "unknown rule"}))
			}
			r.mu.Unlock()
		}
	}
}
