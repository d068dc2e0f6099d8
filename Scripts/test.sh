#!/usr/bin/env bash
# The test command: README's second set-up command, and exactly what CI runs (.ci/run).
# Builds everything in release mode once (tests, the simulator and the server share that build), then runs every
# test target, one test at a time: several tests block on child processes (the storage crash harness, the
# zaqarclient check) and, run in parallel on a 2-core machine, they hold every thread of Swift's cooperative pool,
# starving the in-process cluster tests' deadlines; serially the suite takes about 2 minutes. CI judges by the exit
# code, never by the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/swift-toolchain.sh
swift format lint --strict --recursive Sources Tests   # style guide: unformatted code fails CI
swift build -c release --build-tests
swift test -c release --skip-build --no-parallel
