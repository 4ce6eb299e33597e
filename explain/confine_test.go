package explain

import (
	"io/fs"
	"strings"
	"testing"
)

// TestReadsStayInProject checks that a predicted program cannot read a
// file outside its project folder, even one the reader could serve.
func TestReadsStayInProject(t *testing.T) {
	files := map[string]string{
		"/proj/package.json": `{"name":"p"}`,
		"/proj/data.txt":     "inside",
		"/secret.txt":        "outside",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	src := []byte(`const fs = require('fs');
fs.readFile('/proj/data.txt', 'utf8', (err, d) => console.log('in:', err ? err.code : d));
fs.readFile('/secret.txt', 'utf8', (err, d) => console.log('out:', err ? err.code : d));
`)
	p, err := Predict("/proj/main.js", src, Options{Node: 22, ReadFile: read})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range p.Outcomes {
		text := strings.Join(o.Lines, "\n")
		if strings.Contains(text, "outside") {
			t.Errorf("the program read a file outside its project:\n%s", text)
		}
		if !strings.Contains(text, "in: inside") {
			t.Errorf("the program could not read its own file:\n%s", text)
		}
	}
}
