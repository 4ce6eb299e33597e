#!/usr/bin/env bash
# Runs blockcheck check (and explain-order where it applies) on hostile
# inputs and prints one line per case: exit status, wall time, peak memory
# and the first line of output. Needs GNU time (/usr/bin/time).
#   bench/hostile.sh [CORPUS]   (CORPUS: JS files to build the big inputs from)
set -uo pipefail
corpus=${1:-/tmp/corpus}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/blockcheck" "$root/cmd/blockcheck" || exit 1
bc="$work/blockcheck"
cd "$work"

python3 - "$corpus" <<'PY'
import os, sys, glob
corpus = sys.argv[1]
os.makedirs('in', exist_ok=True)
w = lambda name, data: open('in/' + name, 'wb').write(data if isinstance(data, bytes) else data.encode())
w('empty.js', b'')
w('deep-10000.js', 'x = ' + '[' * 10000 + ']' * 10000 + ';\n')
w('invalid-utf8.js', b'const s = "\xff\xfe\xc3";\nsetTimeout(() => require("fs").readFileSync(s));\n')
w('utf16-bom.js', '\ufeffconst a = 1;\n'.encode('utf-16-le'))
w('binary.js', bytes(range(256)) * 4096)
w('crlf.js', b'const fs = require("fs");\r\nsetTimeout(() => {\r\n  fs.statSync("x");\r\n});\r\n')
w('u2028.js', 'const fs = require("fs");\u2028setTimeout(() => {\u2029  fs.statSync("x");\n});\n')
# A 50 MB file from real code: TypeScript's compiler bundle, repeated, each
# copy wrapped in a function so the declarations do not clash.
ts = [f for f in glob.glob(os.path.join(corpus, '**', 'typescript', 'lib', 'typescript.js'), recursive=True)]
if ts:
    body = b'(function () {\n' + open(ts[0], 'rb').read() + b'\n})();\n'
    w('big-50mb.js', body * (50_000_000 // len(body) + 1))
PY
# A 1 MB single-line bundle: a real library minified with terser.
src=$(find "$corpus" -path '*three/build/three.core.js' | head -1)
if [ -n "$src" ] && npm install --silent --no-audit --no-fund --prefix "$work/terser" terser@5.36.0 >/dev/null 2>&1; then
  "$work/terser/node_modules/.bin/terser" "$src" --module --compress --mangle -o in/minified-1mb.js 2>/dev/null
fi
mkdir -p many && python3 -c "
import os
for i in range(100000):
    d = 'many/d%03d' % (i // 1000)
    os.makedirs(d, exist_ok=True)
    open('%s/f%05d.js' % (d, i), 'w').write('module.exports = %d;\n' % i)
"
mkdir -p loop/a && ln -s .. loop/a/up && echo 'x()' > loop/a/x.js
mkdir -p locked && echo 'x()' > locked/secret.js && chmod 000 locked/secret.js
mkdir -p lockeddir/inner && echo 'x()' > lockeddir/inner/x.js && chmod 000 lockeddir/inner
mkdir -p vanish && for i in $(seq 1 2000); do echo "setTimeout(() => require('fs').statSync('$i'))" > vanish/f$i.js; done

run() { # name, command...
  local name=$1; shift
  local out; out=$( { /usr/bin/time -f '%e s %M KB' "$@" > "$work/stdout" 2> "$work/stderr"; echo "exit=$?"; } 2>&1 )
  local t; t=$(grep -E ' s [0-9]+ KB$' "$work/stderr" | tail -1)
  local first; first=$( (grep -vE ' s [0-9]+ KB$|^Command exited' "$work/stderr"; cat "$work/stdout") | head -1 | cut -c1-110)
  printf '%-26s %-7s %-22s %s\n' "$name" "${out##*exit=}" "$t" "$first"
}
printf '%-26s %-7s %-22s %s\n' CASE EXIT 'TIME / PEAK RSS' 'FIRST LINE OF OUTPUT'
for f in in/*.js; do run "check $(basename "$f")" "$bc" check "$f"; done
for f in in/empty.js in/deep-10000.js in/invalid-utf8.js in/utf16-bom.js in/binary.js in/minified-1mb.js in/big-50mb.js; do
  run "explain $(basename "$f")" "$bc" explain-order "$f"
done
run "check 100,000 files" "$bc" check many
run "check symlink loop" "$bc" check loop
# Permissions do not bind root: drop to an unprivileged user when we are root.
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$work" "$work/locked" "$work/lockeddir"; chmod 755 "$bc"
fi
run "check unreadable file" "${as_user[@]}" "$bc" check locked
run "check unreadable dir" "${as_user[@]}" "$bc" check lockeddir
( sleep 0.05; rm -rf vanish ) & run "check vanishing dir" "$bc" check vanish; wait
run "check missing path" "$bc" check does-not-exist
