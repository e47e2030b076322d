#!/bin/bash
# test-cli-crash.sh: SIGKILL at many points of a large import and of an
# analysis, as a flat battery or a forced power-off would.
#
# After each kill the case file must open, PRAGMA integrity_check must say
# ok, and the work must be wholly present or wholly absent: an import adds
# all of its rows or none, an analysis stores all of its results or none.
#
# Environment: CHRONOGRAM_CLI (the CLI), G_TEST_SRCDIR (<source>/tests);
# CHRONOGRAM_CRASH_MB (size of the agency file, default 10),
# CHRONOGRAM_CRASH_PAIRS (records of one occurrence in two agencies' files for
# the analysis, default 10000) and CHRONOGRAM_CRASH_KILLS (kills per command,
# default 30).
set -euo pipefail

CLI=${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the path of chronogram-cli}
SRC=${G_TEST_SRCDIR:?set G_TEST_SRCDIR to the tests folder of the source tree}
MB=${CHRONOGRAM_CRASH_MB:-10}
PAIRS=${CHRONOGRAM_CRASH_PAIRS:-10000}
KILLS=${CHRONOGRAM_CRASH_KILLS:-30}

for tool in sqlite3 awk timeout; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool is needed by this test"; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cg-crash-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

n=0
failures=0
ok ()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
check ()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
now_ms () { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

# What each kind of work leaves in the case file.
import_state () {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM record) || ' records, ' ||
                       (SELECT count(*) FROM source_file) || ' files, ' ||
                       (SELECT count(*) FROM import_issue) || ' issues';"
}
analysis_state () {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM cluster) || ' clusters, ' ||
                       (SELECT count(*) FROM cluster_member) || ' members, ' ||
                       (SELECT count(*) FROM discrepancy) || ' discrepancies, ' ||
                       (SELECT count(*) FROM discrepancy_member) || ' flagged, ' ||
                       (SELECT total(record_id) FROM cluster_member) || ' sum';"
}

# The base review, and an agency file of about $MB MB with a few bad rows.
"$CLI" new base.chronogram --title "Crash review" >/dev/null
"$CLI" import base.chronogram --agency Police "$SRC/data/child-a/police.csv" 2>/dev/null
awk -v mb="$MB" 'BEGIN {
  print "Date,Time,Details,Action Taken,Officer"; size = 0; i = 0;
  while (size < mb * 1048576) {
    date = (i % 997 == 0) ? "not known" : sprintf("%02d/%02d/%d", 1 + i % 28, 1 + int(i / 28) % 12,
                                                   2000 + int(i / 336) % 22);
    line = sprintf("%s,%02d:%02d,\"Record %d: home visit, mother and partner present.\",Referral %d,PC %d",
                   date, i % 24, i % 60, i, i % 7, i % 5000);
    print line; size += length(line) + 1; i++ }
  print i > "big.rows" }' >big.csv
ROWS=$(cat big.rows)

# For the analysis: each occurrence recorded by two agencies, so that it finds
# (and writes) many clusters.
awk -v n="$PAIRS" 'BEGIN {
  print "Date,Time,Details,Action Taken,Officer" > "police.csv";
  print "Date,Time,Details,Outcome,Clinician" > "health.csv";
  for (i = 0; i < n; i++) {
    d = sprintf("%02d/%02d/%d", 1 + i % 28, 1 + int(i / 28) % 12, 1900 + int(i / 336));
    printf "%s,10:%02d,\"Home visit %d: mother present, child seen and spoken to alone.\",Referral,PC %d\n",
           d, i % 60, i, i % 50 > "police.csv";
    printf "%s,10:%02d,\"Home visit %d by police: mother present, child seen alone.\",Noted,Dr %d\n",
           d, (i + 3) % 60, i, i % 30 > "health.csv" } }'

# timed_run CASE ARGS…: runs the command to its end, watching for its rollback
# journal, the sign that it is writing. Sets run_ms, write_from_ms, write_to_ms.
timed_run () {
  local case=$1 pid start t
  shift
  start=$(now_ms)
  "$CLI" "${@/CASE/$case}" >/dev/null 2>&1 &
  pid=$!
  write_from_ms=-1
  write_to_ms=-1
  while kill -0 "$pid" 2>/dev/null; do
    if [ -e "$case-journal" ]; then
      t=$(( $(now_ms) - start ))
      [ "$write_from_ms" -lt 0 ] && write_from_ms=$t
      write_to_ms=$t
    fi
    sleep 0.005
  done
  wait "$pid"
  run_ms=$(( $(now_ms) - start ))
}

# A complete run of each command gives the "wholly present" states, the
# timings and when it writes.
cp base.chronogram imported.chronogram
timed_run imported.chronogram import CASE --agency Big big.csv
IMPORT_MS=$run_ms
IMPORT_WRITE=("$write_from_ms" "$write_to_ms")
ABSENT=$(import_state base.chronogram)
PRESENT=$(import_state imported.chronogram)
check "a complete import of $ROWS rows ($MB MB) takes ${IMPORT_MS} ms, writing from \
${IMPORT_WRITE[0]} to ${IMPORT_WRITE[1]} ms, and stores them: $PRESENT" \
  test "$(sqlite3 imported.chronogram 'SELECT count(*) FROM record;')" -eq \
       $(( $(sqlite3 base.chronogram 'SELECT count(*) FROM record;') + ROWS ))

cp base.chronogram unanalysed.chronogram
"$CLI" import unanalysed.chronogram --agency Police police.csv 2>/dev/null
"$CLI" import unanalysed.chronogram --agency Health health.csv 2>/dev/null
cp unanalysed.chronogram analysed.chronogram
timed_run analysed.chronogram analyse CASE
ANALYSE_MS=$run_ms
ANALYSE_WRITE=("$write_from_ms" "$write_to_ms")
NOT_ANALYSED=$(analysis_state unanalysed.chronogram)
ANALYSED=$(analysis_state analysed.chronogram)
check "a complete analysis takes ${ANALYSE_MS} ms, writing from ${ANALYSE_WRITE[0]} to \
${ANALYSE_WRITE[1]} ms, and stores its results: $ANALYSED" \
  test "$ANALYSED" != "$NOT_ANALYSED"

# kill_at CASE FROM DELAY-MS ARGS…: starts the command and kills it DELAY-MS
# after it starts (FROM = start) or after its journal appears (FROM = write),
# so that kills meant for the writing land there however busy the machine is.
# Says whether it died, and whether in the middle of a write (a hot journal).
kill_at () {
  local case=$1 from=$2 delay_ms=$3 pid status=0
  shift 3
  "$CLI" "$@" >/dev/null 2>&1 &
  pid=$!
  if [ "$from" = write ]; then
    while kill -0 "$pid" 2>/dev/null && [ ! -e "$case-journal" ]; do sleep 0.002; done
  fi
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -KILL "$pid" 2>/dev/null || true
  { wait "$pid"; } 2>/dev/null || status=$?
  killed=$([ "$status" -eq 137 ] && echo yes || echo no)
  journal=$([ -s "$case-journal" ] && echo yes || echo no)
}

# crash_series NAME STATE-FUNCTION BEFORE-CASE ABSENT PRESENT DURATION-MS
#              WRITE-FROM-MS WRITE-TO-MS ARGS…
crash_series () {
  local name=$1 state_of=$2 source=$3 absent=$4 present=$5 duration=$6
  local write_from=$7 write_to=$8
  local i from delay state in_write=0 mid=0 absent_seen=0 present_seen=0
  shift 8
  for i in $(seq 1 "$KILLS"); do
    # Odd kills from the first moments to a little past the end, evenly; even
    # kills inside the stretch when the command writes, where a crash matters.
    if [ $((i % 2)) = 0 ] && [ "$write_from" -ge 0 ]; then
      from="write"
      delay=$(( (write_to - write_from + 20) * i / KILLS ))
    else
      from="start"
      delay=$(( duration * i * 11 / (KILLS * 10) ))
    fi
    rm -f crash.chronogram crash.chronogram-journal
    cp "$source" crash.chronogram
    kill_at crash.chronogram "$from" "$delay" "${@/CASE/crash.chronogram}"
    [ "$killed" = yes ] && mid=$((mid + 1))
    [ "$journal" = yes ] && in_write=$((in_write + 1))

    # Chronogram itself must open what the crash left (playing back any journal).
    if ! timeout 120 "$CLI" info crash.chronogram >/dev/null 2>"$WORK/info.err"; then
      not_ok "$name killed ${delay} ms after its $from (journal: $journal): the case does not open: $(cat "$WORK/info.err")"
      continue
    fi
    integrity=$(sqlite3 crash.chronogram 'PRAGMA integrity_check;' | tr '\n' ' ')
    state=$($state_of crash.chronogram)
    if [ "$integrity" != "ok " ]; then
      not_ok "$name killed ${delay} ms after its $from: integrity_check says $integrity"
    elif [ "$state" = "$absent" ]; then
      absent_seen=$((absent_seen + 1))
      ok "$name killed ${delay} ms after its $from (killed: $killed, journal: $journal): wholly absent"
    elif [ "$state" = "$present" ]; then
      present_seen=$((present_seen + 1))
      ok "$name killed ${delay} ms after its $from (killed: $killed, journal: $journal): wholly present"
    else
      not_ok "$name killed ${delay} ms after its $from: half there: $state (absent: $absent; present: $present)"
    fi
  done
  # The series proves something only if kills landed inside the work.
  check "$name: $mid of $KILLS kills landed while it ran, $in_write in the middle of a write" \
    test "$mid" -gt 0
  check "$name: the work was absent after $absent_seen kills and present after $present_seen" \
    test "$absent_seen" -gt 0
  series_in_write=$in_write
}

crash_series import import_state base.chronogram "$ABSENT" "$PRESENT" "$IMPORT_MS" \
  "${IMPORT_WRITE[@]}" import CASE --agency Big big.csv
check "import: kills landed in the middle of writing the records ($series_in_write)" \
  test "$series_in_write" -gt 0
crash_series analyse analysis_state unanalysed.chronogram "$NOT_ANALYSED" "$ANALYSED" "$ANALYSE_MS" \
  "${ANALYSE_WRITE[@]}" analyse CASE
check "analyse: kills landed in the middle of writing the results ($series_in_write)" \
  test "$series_in_write" -gt 0

echo "1..$n"
if [ "$failures" -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
