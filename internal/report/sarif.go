package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/docs"
	"github.com/blockcheck/blockcheck/internal/fingerprint"
)

// SARIF 2.1.0 (OASIS); only the parts blockcheck fills. Columns are UTF-16
// code units, SARIF's default columnKind, which the run states anyway.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                           `json:"columnKind"`
		Results            []sarifResult                    `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		HelpURI              string       `json:"helpUri,omitempty"`
		DefaultConfiguration struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifMessage      `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

const srcRoot = "%SRCROOT%"

func sarifLevel(s driver.Severity) string {
	switch s {
	case driver.Warning:
		return "warning"
	case driver.Info:
		return "note"
	}
	return "error"
}

func writeSARIF(w io.Writer, r *Report, opt Options) error {
	run := sarifRun{ColumnKind: "utf16CodeUnits", Results: []sarifResult{}}
	run.Tool.Driver = sarifDriver{Name: "blockcheck", Version: opt.Version, InformationURI: "https://github.com/blockcheck/blockcheck", Rules: []sarifRule{}}
	index := map[string]int{}
	addRule := func(id, summary string, sev driver.Severity) int {
		if i, ok := index[id]; ok {
			return i
		}
		rule := sarifRule{ID: id, ShortDescription: sarifMessage{summary}, HelpURI: docs.URL(id)}
		rule.DefaultConfiguration.Level = sarifLevel(sev)
		index[id] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule)
		return index[id]
	}
	for _, rule := range opt.Rules {
		addRule(rule.Name, rule.Summary, rule.Severity)
	}
	if opt.Dir != "" {
		dir := filepath.ToSlash(opt.Dir)
		if dir[len(dir)-1] != '/' {
			dir += "/"
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: (&url.URL{Scheme: "file", Path: dir}).String()}}
	}
	artifact := func(path string) sarifArtifactLocation {
		uri, rel := relURI(opt.Dir, path)
		if rel {
			return sarifArtifactLocation{URI: uri, URIBaseID: srcRoot}
		}
		return sarifArtifactLocation{URI: uri}
	}
	physical := func(l driver.Location) sarifPhysicalLocation {
		return sarifPhysicalLocation{ArtifactLocation: artifact(l.Path), Region: region(l)}
	}
	for i, d := range r.Diagnostics {
		res := sarifResult{
			RuleID: d.Rule, RuleIndex: addRule(d.Rule, d.Rule, d.Severity), Level: sarifLevel(d.Severity),
			Message:   sarifMessage{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: physical(d.Location)}},
		}
		if i < len(r.Fingerprints) {
			res.PartialFingerprints = map[string]string{fingerprint.Version: r.Fingerprints[i]}
		}
		for j, rel := range d.Related {
			id := j + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: physical(rel.Location), Message: &sarifMessage{rel.Message}})
		}
		for _, f := range d.Fixes {
			fix := sarifFix{Description: sarifMessage{f.Message}}
			byFile := map[string]int{}
			for _, e := range f.Edits {
				k, ok := byFile[e.Path]
				if !ok {
					k = len(fix.ArtifactChanges)
					byFile[e.Path] = k
					fix.ArtifactChanges = append(fix.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(e.Path)})
				}
				rep := sarifReplacement{DeletedRegion: *regionOrStart(e.Location)}
				if e.NewText != "" {
					rep.InsertedContent = &sarifMessage{e.NewText}
				}
				fix.ArtifactChanges[k].Replacements = append(fix.ArtifactChanges[k].Replacements, rep)
			}
			if len(fix.ArtifactChanges) > 0 {
				res.Fixes = append(res.Fixes, fix)
			}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// region is nil for a location without positions (a file that could not be
// parsed at all); SARIF lines and columns start at 1.
func region(l driver.Location) *sarifRegion {
	if l.Start.Line < 1 {
		return nil
	}
	return regionOrStart(l)
}

func regionOrStart(l driver.Location) *sarifRegion {
	r := &sarifRegion{StartLine: max(l.Start.Line, 1), StartColumn: max(l.Start.Column16, 1), EndLine: max(l.End.Line, 1), EndColumn: max(l.End.Column16, 1)}
	if r.EndLine < r.StartLine || r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
		r.EndLine, r.EndColumn = r.StartLine, r.StartColumn
	}
	return r
}
