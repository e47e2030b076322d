#!/bin/sh
# Set up, build, and run every test suite. Ends with "N passed, N failed".
set -eu

cd "$(dirname "$0")/.."
CHRONOGRAM_TEST_PACKAGES=1 sh tools/setup.sh

status=0
meson test -C _build --print-errorlogs --num-processes 2 || status=$?

# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer over the core,
# the CLI (faults and crashes at small sizes) and the fuzz corpora.
bash tools/sanitize.sh || status=1

python3 tools/test-summary.py _build/meson-logs/testlog.json \
  _build-asan/meson-logs/testlog.json || status=1
exit $status
