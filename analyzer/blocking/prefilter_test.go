package blocking

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/checktest"
	"github.com/blockcheck/blockcheck/analyzer/jstokens"
	"github.com/blockcheck/blockcheck/internal/config"
	"github.com/blockcheck/blockcheck/jsast"
)

func TestPrefilter(t *testing.T) {
	none := func(string) (*config.Config, error) { return nil, nil }
	for _, c := range []struct {
		rule, src string
		want      bool
	}{
		{"sync-io", "fs.readFileSync(p); const fs = require('fs')", true}, // the member before the module
		{"sync-io", "const fs = require(\"node:fs\"); fs.readFileSync(p)", true},
		{"sync-io", "import {readFileSync} from `fs-extra`", true},
		{"sync-io", "const fs = require('fs'); fs.readFile(p, cb)", false},
		{"sync-io", "const x = 'fs '; x.readFileSync(p)", false},
		{"sync-io", "readFileSync(p)", false},
		{"sync-crypto", "const c = require('crypto'); c['pbkdf2Sync'](a, b, 1, 2, 'sha1')", true},
		{"sync-crypto", "const c = require('crypto'); c.pbkdf2(a, b, 1, 2, 'sha1', cb)", false},
		{"sync-process", "require('sync-exec')('ls')", true},
		{"sync-zlib", "const z = require('zlib'); z.gzipSync(b)", true},
		{"atomics-wait", "Atomics.wait(a, 0, 0)", true},
		{"atomics-wait", "x.Atomics; Atomics.notify(a, 0)", false},
		{"atomics-wait", "const s = 'Atomics'; wait()", false},
		{"", "const fs = require('fs'); fs.writeFileSync(p, d)", true},
		{"", "Atomics.wait(a, 0, 0)", false}, // not a chain sink
	} {
		toks := &jstokens.Tokens{Lexed: jsast.Lex("m.js", []byte(c.src)), Config: none}
		if got := Prefilter(c.rule)(toks); got != c.want {
			t.Errorf("%s: %q: kept %v, want %v", c.rule, c.src, got, c.want)
		}
	}
}

// TestNext checks that nextQuote and nextWord skip only tokens the loops
// of scanNames would file nothing of, on the rules' testdata,
// $BLOCKCHECK_CORPUS and a few modules made for it.
func TestNext(t *testing.T) {
	long := strings.Repeat("a", 60) // names of 64 bytes and more: lengths are read modulo 64
	srcs := []string{
		"const fs = require('fs'); x.a" + long + "Sync(p); " + long + "Sync; " + long + "aaaSync; " + long + "wait",
		"Atomics.wait(a, 0, 0); `zlib`; \"node:crypto\"; x.execSync; sync; exec; async; prng; rng",
		"x\ny",
		"",
	}
	roots, _ := filepath.Glob(filepath.Join("..", "*", "testdata"))
	if c := os.Getenv("BLOCKCHECK_CORPUS"); c != "" {
		roots = append(roots, c)
	}
	for _, root := range roots {
		paths, _ := checktest.JSFiles(root)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				srcs = append(srcs, string(src))
			}
		}
	}
	for _, s := range srcs {
		l := jsast.Lex("m.js", []byte(s))
		src, toks := l.Src, l.Tokens()
		for len(toks) > 0 && int(toks[len(toks)-1].Start) >= len(src) {
			toks = toks[:len(toks)-1]
		}
		for k, tok := range toks {
			w := src[tok.Start:tok.End]
			c := starts[w[0]]
			if (c == quote || w[0] == 'A') && nextQuote(src, toks, k) != k {
				t.Errorf("nextQuote skips %q", w)
			}
			var n names
			n.word(w)
			if (c == quote || c == name && n != names{}) && nextWord(src, toks, k) != k {
				t.Errorf("nextWord skips %q", w)
			}
		}
		l.Release()
	}
}
