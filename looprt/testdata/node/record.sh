#!/usr/bin/env bash
# record.sh: runs every program here with each installed Node major and
# writes NAME.out: one line per distinct outcome, "MAJOR line|line|...".
# Usage: [ONLY="a.js b.mjs"] bash record.sh NODES_DIR [RUNS]   (NODES_DIR from shared/tools/install-nodes.sh)
set -euo pipefail
dir=${1:?nodes dir}; runs=${2:-10}
cd "$(dirname "$0")"
for f in ${ONLY:-*.js *.mjs}; do
  [ -e "$f" ] || continue
  out=${f%.*}.out; : > "$out.tmp"
  for m in 18 20 22 24 26; do
    for _ in $(seq "$runs"); do
      r=$(timeout 3 "$dir/node-$m/bin/node" "$f" 2>/dev/null | paste -sd'|' || true)
      [ -n "$r" ] || r="(no output)"
      echo "$m $r"
    done | sort -u >> "$out.tmp"
  done
  mv "$out.tmp" "$out"
done
