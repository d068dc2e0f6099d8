#!/usr/bin/env bash
# The test command: README's second set-up command, and exactly what CI runs (.ci/run).
# Builds everything in release mode once (tests, the simulator and the server share that build), then runs every
# test target. Swift Testing runs suites in parallel. CI judges by the exit code, never by the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive Sources Tests   # style guide: unformatted code fails CI
swift build -c release --build-tests
swift test -c release --skip-build
