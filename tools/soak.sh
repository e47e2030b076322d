#!/bin/bash
# The long runs that stand behind CI's short ones: a 1 GB agency file imported
# with its time and peak memory measured, then each fuzz target for 10
# minutes (tools/fuzz.sh). Prints the figures; run before a release.
#
#   tools/soak.sh [MB] [FUZZ-SECONDS]      (default: 1024 MB, 600 seconds; 0 skips a part)
#
# Needs about 5 times MB of free space in $TMPDIR (the file and the case file),
# /usr/bin/time (package "time"), sqlite3, and for fuzzing clang (see fuzz.sh).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
MB=${1:-1024}
FUZZ_SECONDS=${2:-600}
BUILD=${CHRONOGRAM_SOAK_BUILD:-_build-soak}

die () { echo "soak.sh: $*" >&2; exit 1; }

for v in "$MB" "$FUZZ_SECONDS"; do
  case $v in ''|*[!0-9]*) die "sizes and times are whole numbers, not '$v'" ;; esac
done
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (apt-get install time)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (apt-get install sqlite3)"

status=0
if [ "$MB" -gt 0 ]; then
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" -Dgui=disabled -Dbuildtype=release >/dev/null || die "meson setup failed"
  fi
  ninja -C "$BUILD" src/chronogram-cli src/chronogram-cli-render >/dev/null || die "building chronogram-cli failed"
  CLI=$ROOT/$BUILD/src/chronogram-cli

  WORK=$(mktemp -d "${TMPDIR:-/tmp}/cg-soak-XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  free_mb=$(df -Pm "$WORK" | awk 'NR == 2 { print $4 }')
  [ "$free_mb" -gt $((MB * 5)) ] || die "$WORK has $free_mb MB free; $((MB * 5)) MB are needed"

  echo "soak.sh: writing a $MB MB agency file in $WORK"
  # One row in a thousand has a date that cannot be read, as real files do.
  awk -v mb="$MB" 'BEGIN {
    print "Date,Time,Details,Action Taken,Officer"; size = 0; i = 0;
    while (size < mb * 1048576) {
      date = (i % 1000 == 999) ? "not known" : sprintf("%02d/%02d/%d", 1 + i % 28,
                                                        1 + int(i / 28) % 12, 1990 + int(i / 336) % 32);
      line = sprintf("%s,%02d:%02d,\"Record %d: home visit; mother and partner present, child seen alone, no concerns raised.\",Referral %d considered,PC %d",
                     date, i % 24, i % 60, i, i % 7, i % 5000);
      print line; size += length(line) + 1; i++ }
    print i > "/dev/stderr" }' >"$WORK/agency.csv" 2>"$WORK/rows"
  rows=$(cat "$WORK/rows")

  "$CLI" new "$WORK/soak.chronogram" --title "Soak review" >/dev/null
  echo "soak.sh: importing $rows rows"
  import_rc=0
  /usr/bin/time -v "$CLI" import "$WORK/soak.chronogram" --agency Soak "$WORK/agency.csv" \
    >/dev/null 2>"$WORK/import.log" || import_rc=$?
  elapsed=$(sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/import.log")
  peak_kb=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' "$WORK/import.log")
  issues=$(grep -c '^agency.csv:' "$WORK/import.log" || true)
  stored=$(sqlite3 "$WORK/soak.chronogram" 'SELECT count(*) FROM record;')
  start=$(date +%s)
  integrity=$(sqlite3 "$WORK/soak.chronogram" 'PRAGMA integrity_check;' | tr '\n' ' ')
  check_s=$(( $(date +%s) - start ))
  open_rc=0
  /usr/bin/time -f '%e %M' "$CLI" info "$WORK/soak.chronogram" >/dev/null 2>"$WORK/info.log" || open_rc=$?

  echo "soak.sh: import of $MB MB ($rows rows): exit $import_rc, ${elapsed} wall clock, peak RSS $((peak_kb / 1024)) MB"
  echo "soak.sh:   stored $stored rows, $issues issues reported, case file $(( $(stat -c %s "$WORK/soak.chronogram") / 1048576 )) MB"
  echo "soak.sh:   integrity_check: ${integrity% } (${check_s} s); info: exit $open_rc, $(tail -1 "$WORK/info.log" | awk '{ printf "%s s, peak RSS %d MB", $1, $2 / 1024 }')"
  if [ "$import_rc" -ne 0 ] || [ "$stored" -ne "$rows" ] || [ "$integrity" != "ok " ] || [ "$open_rc" -ne 0 ]; then
    echo "soak.sh: the large import FAILED" >&2
    status=1
  fi
  # Streaming: memory must not grow with the file.
  if [ "$peak_kb" -gt $((256 * 1024)) ]; then
    echo "soak.sh: the import held $((peak_kb / 1024)) MB: memory grows with the file" >&2
    status=1
  fi
  rm -f "$WORK/agency.csv" "$WORK/soak.chronogram"
fi

if [ "$FUZZ_SECONDS" -gt 0 ]; then
  echo "soak.sh: fuzzing each target for $FUZZ_SECONDS s"
  tools/fuzz.sh "$FUZZ_SECONDS" || status=1
fi

exit $status
