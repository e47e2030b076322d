#!/bin/bash
# The test suites under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, in their own build folder (_build-asan, or
# $CHRONOGRAM_ASAN_BUILD). Fails on any test failure and on any sanitizer
# report, even one a test did not notice.
#
#   tools/sanitize.sh [meson test arguments…]   (default: --suite core --suite cli --suite fuzz)
#
# The fault and crash tests run at smaller sizes here (each import is slower
# under the sanitizers); set CHRONOGRAM_FAULT_MB, CHRONOGRAM_CRASH_MB,
# CHRONOGRAM_CRASH_PAIRS or CHRONOGRAM_CRASH_KILLS to change them.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${CHRONOGRAM_ASAN_BUILD:-_build-asan}

die () { echo "sanitize.sh: $*" >&2; exit 1; }

if [ ! -f "$BUILD/build.ninja" ]; then
  echo "sanitize.sh: configuring $BUILD"
  meson setup "$BUILD" -Db_sanitize=address,undefined -Db_lundef=false -Dgui=disabled \
    -Dsanitize_suppressions="$ROOT/tools/lsan.supp" >/dev/null || die "meson setup of $BUILD failed"
fi
ninja -C "$BUILD" || die "the sanitizer build failed"

# A sanitizer report must never look like an ordinary failure: the CLI tests
# expect exit status 1 for a refused file, and ASan exits 1 by default.
# Whole allocation stacks (fast_unwind_on_malloc=0): Debian's Graphviz and
# fontconfig have no frame pointers, and tools/lsan.supp names functions inside
# them, never a whole library.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=30:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=87:print_stacktrace=1}
export CHRONOGRAM_FAULT_MB=${CHRONOGRAM_FAULT_MB:-5}
# libcsv grows a cell 128 bytes at a time; glibc's realloc moves big blocks
# with mremap, ASan's copies them, so a 10 MB cell takes minutes here only.
export CHRONOGRAM_FAULT_CELL_MB=${CHRONOGRAM_FAULT_CELL_MB:-1}
export CHRONOGRAM_CRASH_MB=${CHRONOGRAM_CRASH_MB:-1}
export CHRONOGRAM_CRASH_PAIRS=${CHRONOGRAM_CRASH_PAIRS:-1500}
export CHRONOGRAM_CRASH_KILLS=${CHRONOGRAM_CRASH_KILLS:-12}

if [ $# -eq 0 ]; then
  set -- --suite core --suite cli --suite fuzz
fi

status=0
meson test -C "$BUILD" --print-errorlogs --num-processes 2 --timeout-multiplier 3 "$@" || status=$?

# A report inside a test that still passed (a leak at exit of a CLI run whose
# status the script did not check, say) fails the pass too.
log="$BUILD/meson-logs/testlog.txt"
if grep -nE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' \
     "$log" >"$BUILD/sanitizer-reports.txt"; then
  echo "sanitize.sh: sanitizer reports (all in $log):" >&2
  head -40 "$BUILD/sanitizer-reports.txt" >&2
  status=1
fi

if [ $status -eq 0 ]; then
  echo "sanitize.sh: every test passed with no sanitizer report"
else
  echo "sanitize.sh: FAILED" >&2
fi
exit $status
