// Package docs embeds blockcheck's user documentation, so the CLI
// (blockcheck rules RULE) and the language server serve the same text as
// the repository.
package docs

import (
	"embed"
	"strings"
)

//go:embed rules/*.md
var rules embed.FS

// Rule returns the documentation of a rule (docs/rules/RULE.md).
func Rule(name string) (string, bool) {
	if strings.ContainsAny(name, "/\\.") {
		return "", false
	}
	b, err := rules.ReadFile("rules/" + name + ".md")
	return string(b), err == nil
}

// URL returns the address of a rule's documentation.
func URL(name string) string {
	return "https://github.com/blockcheck/blockcheck/blob/main/docs/rules/" + name + ".md"
}
