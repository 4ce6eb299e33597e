#!/bin/sh
# Scores the redos analysis on the labelled regex corpus: recall on
# vulnerable.json, false-positive rate on safe.json, and the median / p99
# time per regex. Usage: bench/redos-corpus/run.sh [corpus-dir] [-v]
set -e
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/corpus/block/regex}
[ $# -gt 0 ] && shift
exec go run ./jsregex/redos/cmd/redoscore -corpus "$corpus" "$@"
