#!/usr/bin/env bash
# Builds a >10 MB real-world JavaScript file (TypeScript's compiler bundles,
# each wrapped in a function so their top-level declarations do not clash)
# and parses it with the front end, checking every span.
#   bench/bigfile.sh [CORPUS]   (CORPUS: a folder from /work/shared/bench/make-corpus.sh)
set -euo pipefail
corpus=${1:-/tmp/corpus}
ts=$(find "$corpus" -path '*typescript/lib/typescript.js' | head -1)
tsc=$(find "$corpus" -path '*typescript/lib/_tsc.js' | head -1)
out=$(mktemp --suffix=.js)
trap 'rm -f "$out"' EXIT
{ echo "(function () {"; cat "$ts"; echo "})();"; echo "(function () {"; cat "$tsc"; echo "})();"; } > "$out"
echo "file: $(du -h "$out" | cut -f1)"
cd "$(dirname "$0")/.."
BLOCKCHECK_BIGFILE=$out go test -count=1 -run TestBigFile -v ./jsast | grep -E 'bigfile_test|PASS|FAIL'
