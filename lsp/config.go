package lsp

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/analyzer/driver"
)

// config is the "blockcheck" section of the editor's settings, read with
// workspace/configuration after initialize and on every
// workspace/didChangeConfiguration (also accepted as initializationOptions).
//
//	{"blockcheck": {"rules": {"sync-io": "warning"}, "node": 22, "startup": false}}
type config struct {
	// Rules turns rules off or sets their severity, by rule name: "off",
	// "error", "warning", "info", or "on" (the rule's default severity).
	// Rules not named keep their default.
	Rules map[string]string `json:"rules"`
	// Node is the Node.js major (18, 20, 22, 24, 26) explain-order models
	// for hover, inlay hints and the explanation; 0 takes it from the
	// project (package.json engines.node, .nvmrc, .node-version).
	Node int `json:"node"`
	// Startup also reports blocking calls made while a module loads
	// (top-level code), which are fine by default: they run once, before the
	// server listens (reported at info severity).
	Startup bool `json:"startup"`
}

func defaultConfig() *config { return &config{Rules: map[string]string{}} }

// severity implements driver.Options.Severity.
func (c *config) severity(rule, path string, reported driver.Severity) (driver.Severity, bool) {
	switch v := c.Rules[rule]; v {
	case "", "on":
		return reported, true
	case "off":
		return reported, false
	default:
		if s, ok := driver.ParseSeverity(v); ok {
			return s, true
		}
		return reported, true
	}
}

// parseConfig reads settings, either the section itself or an object
// holding it under "blockcheck"; problems are logged and the rest kept.
func parseConfig(raw []byte, old *config, logf func(protocol.MessageType, string, ...any)) *config {
	var wrapped struct {
		Blockcheck json.RawMessage `json:"blockcheck"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Blockcheck) > 0 {
		raw = wrapped.Blockcheck
	}
	if len(raw) == 0 || string(raw) == "null" {
		return old
	}
	c := defaultConfig()
	if err := json.Unmarshal(raw, c); err != nil {
		logf(protocol.MessageTypeWarning, "blockcheck settings ignored: %v (want {\"rules\": {RULE: \"off\"|\"error\"|\"warning\"|\"info\"}, \"node\": 22, \"startup\": false})", err)
		return old
	}
	if c.Rules == nil {
		c.Rules = map[string]string{}
	}
	for rule, v := range c.Rules {
		if _, ok := analyzer.Lookup(rule); !ok {
			logf(protocol.MessageTypeWarning, "blockcheck.rules: unknown rule %q", rule)
		}
		if _, ok := driver.ParseSeverity(v); !ok && v != "off" && v != "on" {
			logf(protocol.MessageTypeWarning, "blockcheck.rules.%s: unknown value %q (want off, on, error, warning or info)", rule, v)
		}
	}
	if c.Node != 0 && !slices.Contains([]int{18, 20, 22, 24, 26}, c.Node) {
		logf(protocol.MessageTypeWarning, "blockcheck.node: %d is not modelled (want 18, 20, 22, 24 or 26); using the project's version", c.Node)
		c.Node = 0
	}
	return c
}

func (s *Server) config() *config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// pullConfig asks the client for the blockcheck section, when it can answer.
func (s *Server) pullConfig(ctx context.Context) {
	s.mu.Lock()
	can := s.caps.Workspace != nil && s.caps.Workspace.Configuration != nil && *s.caps.Workspace.Configuration
	s.mu.Unlock()
	if !can {
		return
	}
	section := "blockcheck"
	res, err := s.client.Configuration(ctx, &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &section}}})
	if err != nil || len(res) == 0 {
		if err != nil {
			s.logf(protocol.MessageTypeWarning, "workspace/configuration: %v", err)
		}
		return
	}
	s.setConfig(res[0])
}

func (s *Server) setConfig(raw []byte) {
	s.mu.Lock()
	old := s.cfg
	s.cfg = parseConfig(raw, old, s.logLocked)
	changed := s.cfg != old
	s.mu.Unlock()
	if changed {
		s.reanalyzeDependents(nil, true)
	}
}

// DidChangeConfiguration applies pushed settings, or pulls them when the
// notification carries none (the usual way since LSP 3.6).
func (s *Server) DidChangeConfiguration(ctx context.Context, p *protocol.DidChangeConfigurationParams) error {
	var wrapped struct {
		Blockcheck json.RawMessage `json:"blockcheck"`
	}
	if json.Unmarshal(p.Settings, &wrapped) == nil && len(wrapped.Blockcheck) > 0 {
		s.setConfig(wrapped.Blockcheck)
		return nil
	}
	go s.pullConfig(s.ctx)
	return nil
}
