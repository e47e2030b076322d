#!/bin/sh
# Set up, build, and run every test suite. Ends with "N passed, N failed".
set -eu

cd "$(dirname "$0")/.."
CHRONOGRAM_TEST_PACKAGES=1 sh tools/setup.sh

status=0
meson test -C _build --print-errorlogs --num-processes 2 || status=$?

python3 tools/test-summary.py _build/meson-logs/testlog.json || status=1
exit $status
