package jsregex

import (
	"encoding/json"
	"os"
	"testing"
)

// parse_cases.json was produced by running each pattern through
// new RegExp(p, f) in Node 20 and recording V8's SyntaxError message.
type parseCase struct {
	Pattern string `json:"pattern"`
	Flags   string `json:"flags"`
	Error   string `json:"error"`
}

func TestParseMatchesV8(t *testing.T) {
	data, err := os.ReadFile("testdata/parse_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []parseCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		re, err := Parse(c.Pattern, c.Flags)
		switch {
		case c.Error == "" && err != nil:
			t.Errorf("Parse(%q, %q): unexpected error %v", c.Pattern, c.Flags, err)
		case c.Error != "" && err == nil:
			t.Errorf("Parse(%q, %q): no error, V8 says %q", c.Pattern, c.Flags, c.Error)
		case err != nil && err.(*Error).Msg != c.Error:
			t.Errorf("Parse(%q, %q): error %q, V8 says %q", c.Pattern, c.Flags, err.(*Error).Msg, c.Error)
		case err == nil && re.Root == nil:
			t.Errorf("Parse(%q, %q): nil root", c.Pattern, c.Flags)
		}
	}
}
