package blocking

import (
	"testing"

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
