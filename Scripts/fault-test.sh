#!/usr/bin/env bash
# The long fault-injection run (issue 7): builds flotilla and flotilla-fault (release) and runs flotilla-fault.
#
#   Scripts/fault-test.sh                          20 rounds on 3 nodes, a random seed
#   Scripts/fault-test.sh --rounds 500             the long run
#   Scripts/fault-test.sh --nodes 5 --seed 7 --nemeses kill,partition --keep
#
# Every argument goes to `flotilla-fault run` (see `flotilla-fault run --help`). It prints one line per round and a
# summary (rounds, operations, acknowledged posts, lost, duplicates, other violations); on any violation or
# liveness failure it prints each one with its history excerpt, the seed and the command to replay it, keeps the
# run directory, and exits non-zero. The bounded CI run is Tests/FaultInjectionTests.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/swift-toolchain.sh
# SCRATCH lets a second build directory be used while another build owns the default one.
build=(swift build -c release)
if [ -n "${SCRATCH:-}" ]; then build+=(--scratch-path "$SCRATCH"); fi
echo "building flotilla and flotilla-fault (release)..."
"${build[@]}" --product flotilla >/dev/null 2>&1 || "${build[@]}" --product flotilla
"${build[@]}" --product flotilla-fault >/dev/null 2>&1 || "${build[@]}" --product flotilla-fault
BIN="$("${build[@]}" --show-bin-path)"
exec "$BIN/flotilla-fault" run "$@"
