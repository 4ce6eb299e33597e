#!/usr/bin/env bash
# Checks the timing model's estimates against real Node: runs the cost
# fixtures' loops with the node on PATH and compares the measured block with
# each diagnostic's predicted range. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BLOCKCHECK_TIMING=1 go test -count=1 -run TestEstimatesAgainstNode -v ./analyzer/cpuloop
