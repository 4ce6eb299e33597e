#!/usr/bin/env bash
# Times, in one run on the same corpus: the parse floor (tdewolff parse
# only, one worker), blockcheck check with every rule, oxlint with
# node/no-sync and ESLint with n/no-sync + regexp/no-super-linear-
# backtracking + security/detect-unsafe-regex; prints medians and ratios.
#
#   bench/speed/run.sh [CORPUS]        (default: $BLOCKCHECK_CORPUS or /tmp/corpus)
#
# The corpus is built with ../shared/bench/make-corpus.sh when missing
# (pinned npm packages, node_modules renamed to nm so no tool skips them).
# The --cache row's warm-up run fills the cache, so its timed runs are
# warm (nothing changed). RUNS (default 5) runs per tool after a warm-up; ESLint runs once unless
# ESLINT_RUNS is set; SKIP_ESLINT=1 leaves it out.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS=${1:-${BLOCKCHECK_CORPUS:-/tmp/corpus}}
RUNS=${RUNS:-5}

if [ ! -d "$CORPUS/npm" ]; then
  MAKE=${MAKE_CORPUS:-$ROOT/../shared/bench/make-corpus.sh}
  [ -x "$MAKE" ] || MAKE=/work/shared/bench/make-corpus.sh
  echo "== building the corpus in $CORPUS with $MAKE" >&2
  "$MAKE" "$CORPUS" >&2
fi
TARGET=$CORPUS
echo "== corpus: $(find "$TARGET" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \) -printf '%s\n' |
  awk '{n++; s+=$1} END {printf "%d JS files, %.1f MB", n, s/1e6}') in $TARGET; $(nproc) cores" >&2

echo "== installing the linters (bench/speed/package.json)" >&2
(cd "$HERE" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)

BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT
(cd "$ROOT" && go build -o "$BIN/blockcheck" ./cmd/blockcheck &&
  go build -o "$BIN/parsefloor" ./bench/speed/parsefloor &&
  go build -o "$BIN/timeit" ./bench/speed/timeit)

ESLINT_NAME='ESLint (3 rules)!'
[ -n "${ESLINT_RUNS:-}" ] && ESLINT_NAME='ESLint (3 rules)'
cmds=(
  "parse floor (tdewolff, 1 worker)=GOMAXPROCS=1 $BIN/parsefloor $TARGET"
  "blockcheck check (all rules)=$BIN/blockcheck check --quiet --include-node-modules --no-gitignore --format=json $TARGET"
  "blockcheck check --cache (warm)=$BIN/blockcheck check --quiet --include-node-modules --no-gitignore --format=json --cache --cache-location $BIN/cache $TARGET"
  "oxlint node/no-sync=$HERE/node_modules/.bin/oxlint --node-plugin -A all -D node/no-sync --format=unix $TARGET"
)
if [ -z "${SKIP_ESLINT:-}" ]; then
  # ESLint lints only under its base path, the working directory with -c.
  cmds+=("$ESLINT_NAME=cd $TARGET && NODE_OPTIONS=--max-old-space-size=8192 $HERE/node_modules/.bin/eslint --no-config-lookup -c $HERE/eslint.config.mjs .")
fi
"$BIN/timeit" -runs "$RUNS" "${cmds[@]}"
