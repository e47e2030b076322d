#!/bin/bash
# Fuzzes the CSV importer and the date parser with libFuzzer (clang 14,
# AddressSanitizer and UndefinedBehaviorSanitizer).
#
#   tools/fuzz.sh [SECONDS] [TARGET…]     (default: 60 seconds; fuzz-csv fuzz-date fuzz-import)
#
# Builds a separate build folder (_build-fuzz, or $CHRONOGRAM_FUZZ_BUILD) with
# CC=clang, runs the targets side by side for SECONDS each, then merges the
# inputs that reach new code into tests/fuzz/corpus/<target>/, which the normal
# test suite replays. An input that crashes is copied there too, as
# crash-<sha1>, so the replay test fails until the bug is fixed.
# Needs: clang libclang-rt-14-dev llvm (Debian 12).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(fuzz-csv fuzz-date fuzz-import)
fi
BUILD=${CHRONOGRAM_FUZZ_BUILD:-_build-fuzz}
MERGE=${CHRONOGRAM_FUZZ_MERGE:-1}

die () { echo "fuzz.sh: $*" >&2; exit 1; }

case $SECONDS_EACH in
  ''|*[!0-9]*) die "SECONDS must be a whole number, not '$SECONDS_EACH'" ;;
esac
command -v clang >/dev/null || die "clang is not installed (apt-get install clang libclang-rt-14-dev llvm)"

# Coverage instrumentation for the whole core (fuzzer-no-link), and every
# UndefinedBehaviorSanitizer report is fatal, so libFuzzer keeps the input.
if [ ! -f "$BUILD/build.ninja" ]; then
  echo "fuzz.sh: configuring $BUILD with clang"
  CC=clang \
  CFLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only" \
    meson setup "$BUILD" -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false \
      -Dbuildtype=debugoptimized -Dsanitize_suppressions="$ROOT/tools/lsan.supp" >/dev/null \
    || die "meson setup of $BUILD failed"
fi
for t in "${TARGETS[@]}"; do
  [ -f "tests/fuzz/$t.c" ] || die "no fuzz target tests/fuzz/$t.c"
done
executables=()
for t in "${TARGETS[@]}"; do executables+=("tests/fuzz/$t-libfuzzer"); done
ninja -C "$BUILD" "${executables[@]}" >"$BUILD/fuzz-build.log" 2>&1 ||
  die "building the libFuzzer targets failed (is subdir('fuzz') in tests/meson.build?)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tools/lsan.supp:print_suppressions=0}
# Case files and temporary agency files go to memory, not to the disk.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi

declare -A max_len=([fuzz-csv]=16384 [fuzz-import]=16384 [fuzz-date]=256)
# A leak check after each new input cuts fuzz-import (SQLite, a case file per
# input) from about 60 to 12 runs a second; its leaks are still caught at exit
# and when tools/sanitize.sh replays the corpus under LeakSanitizer.
declare -A leak_check=([fuzz-csv]=1 [fuzz-import]=0 [fuzz-date]=1)
pids=()
for t in "${TARGETS[@]}"; do
  work="$BUILD/fuzz-work/$t"
  mkdir -p "$work/new" "$work/artifacts"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  echo "fuzz.sh: $t for ${SECONDS_EACH}s (log: $work/log)"
  "$BUILD/tests/fuzz/$t-libfuzzer" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    -timeout=20 -rss_limit_mb=2048 -max_len="${max_len[$t]:-16384}" "${dict[@]}" \
    -detect_leaks="${leak_check[$t]:-1}" \
    -artifact_prefix="$work/artifacts/" "$work/new" "tests/fuzz/corpus/$t" \
    >"$work/log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!TARGETS[@]}"; do
  t=${TARGETS[$i]}
  work="$BUILD/fuzz-work/$t"
  rc=0
  wait "${pids[$i]}" || rc=$?
  crashes=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
                                            -o -name 'oom-*' \) | sort)
  if [ "$rc" != 0 ] || [ -n "$crashes" ]; then
    status=1
    echo "fuzz.sh: $t FAILED (exit $rc); the report is in $work/log:" >&2
    grep -m 5 -E 'ERROR:|runtime error:|invariant failed|SUMMARY' "$work/log" >&2 || true
    for c in $crashes; do
      cp "$c" "tests/fuzz/corpus/$t/$(basename "$c")"
      echo "fuzz.sh: kept $c as tests/fuzz/corpus/$t/$(basename "$c")" >&2
    done
  fi
  before=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
  if [ "$MERGE" = 1 ]; then
    # The smallest set of inputs that reaches everything reached so far; named
    # seeds, regressions and crashes are always kept as they are.
    merged="$work/merged"
    rm -rf "$merged" && mkdir -p "$merged"
    if "$BUILD/tests/fuzz/$t-libfuzzer" -merge=1 -max_len="${max_len[$t]:-16384}" \
         "$merged" "tests/fuzz/corpus/$t" "$work/new" >"$work/merge.log" 2>&1; then
      kept=$(find "tests/fuzz/corpus/$t" -type f \( -name 'seed-*' -o -name 'regression-*' \
               -o -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
               -exec sha1sum {} + | cut -d' ' -f1 | sort -u)
      find "tests/fuzz/corpus/$t" -type f ! \( -name 'seed-*' -o -name 'regression-*' \
             -o -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -delete
      for f in "$merged"/*; do
        [ -e "$f" ] || continue
        grep -qx "$(sha1sum <"$f" | cut -d' ' -f1)" <<<"$kept" || cp "$f" "tests/fuzz/corpus/$t/"
      done
    else
      status=1
      echo "fuzz.sh: merging $t failed, see $work/merge.log" >&2
    fi
  fi
  after=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$work/log" | tail -1)
  printf 'fuzz.sh: %-12s %ss, %s executions (%s/s), %s, peak RSS %s MB, corpus %s -> %s files\n' \
    "$t" "$SECONDS_EACH" "${runs:-?}" "$(( ${runs:-0} / (SECONDS_EACH > 0 ? SECONDS_EACH : 1) ))" \
    "${cov:-cov ?}" "${rss:-?}" "$before" "$after"
done

if [ $status != 0 ]; then
  echo "fuzz.sh: crashes found; each is kept in tests/fuzz/corpus/<target>/ as a regression test" >&2
fi
exit $status
