package config

import (
	"errors"
	"strings"
	"testing"
)

func TestUnknownKey(t *testing.T) {
	_, err := Parse("/p/blockcheck.json", []byte(`{"rules": {}, "startupp": "report"}`), "")
	var ce *Error
	if !errors.As(err, &ce) || ce.Key != "startupp" || ce.Path != "/p/blockcheck.json" {
		t.Fatalf("got %v, want an error naming the file and the key startupp", err)
	}
	_, err = Parse("/p/package.json", []byte(`{"blocking": {"x": 3}}`), "blockcheck.")
	if err == nil || !strings.Contains(err.Error(), `"blockcheck.blocking.x"`) {
		t.Errorf("got %v", err)
	}
}

func TestNearestAndIgnore(t *testing.T) {
	files := map[string]string{
		"/r/package.json":      `{"name": "r", "blockcheck": {"ignore": ["dist/**", "*.config.js"]}}`,
		"/r/a/blockcheck.json": `{"startup": "report"}`,
		"/r/a/package.json":    `{"blockcheck": {"startup": "ignore"}}`,
		"/r/b/package.json":    `{"name": "no settings here"}`,
	}
	l := &Loader{ReadFile: func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("missing")
	}}
	c, err := l.For("/r/a/x.js")
	if err != nil || c.Startup != "report" {
		t.Errorf("a: got %+v, %v; blockcheck.json wins in its folder", c, err)
	}
	c, _ = l.For("/r/b/c/x.js")
	if c.Path != "/r/package.json" {
		t.Errorf("b: got %q, want the root package.json", c.Path)
	}
	for file, want := range map[string]bool{
		"/r/dist/x.js": true, "/r/dist/deep/y.js": true, "/r/src/webpack.config.js": true,
		"/r/src/app.js": false, "/r/distx/app.js": false,
	} {
		if got := c.Ignored(file); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", file, got, want)
		}
	}
}
