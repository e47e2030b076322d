#!/bin/bash
# Benchmarks Chronogram against its targets (run after tools/setup.sh):
#  - new + 20 imports of 100,000 rows in all, against sqlite3's own .import of
#    the same files (target: under 2 s and under 2x sqlite3);
#  - analyse at 10,000 and 100,000 rows (target: under 2 s at 100,000 and
#    time(100k)/time(10k) under 12).
set -eu

cd "$(dirname "$0")/.."
cli="${CLI:-$PWD/_build/src/chronogram-cli}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now () { echo "$EPOCHREALTIME"; }
elapsed () { python3 -c "print(f'{$2 - $1:.3f}')"; }

python3 tools/bench-data.py "$work/data100k" 100000 20
python3 tools/bench-data.py "$work/data10k" 10000 20

# new, then one `import` command per file: 21 processes.
import_each () {
  data="$1"; case_file="$2"
  "$cli" new "$case_file" --title "Benchmark" --scope 2012-01-01..2030-12-31
  while IFS='|' read -r file agency delim; do
    "$cli" import "$case_file" --agency "$agency" "$data/$file" 2>/dev/null
  done < "$data/agencies.txt"
}

# new, then one `import` command given all 20 files (still one transaction
# per file), as sqlite3 below loads them all in one process.
import_together () {
  data="$1"; case_file="$2"
  set --
  while IFS='|' read -r file agency delim; do
    set -- "$@" --agency "$agency" "$data/$file"
  done < "$data/agencies.txt"
  "$cli" new "$case_file" --title "Benchmark" --scope 2012-01-01..2030-12-31
  "$cli" import "$case_file" "$@" 2>/dev/null
}

# The sqlite3 shell's .import of the same files, one table per file, in one
# process, as the floor.
{
  i=0
  while IFS='|' read -r file agency delim; do
    i=$((i + 1))
    case "$delim" in
      semicolon) sep=';' ;;
      tab) sep='\t' ;;
      *) sep=',' ;;
    esac
    printf '.mode csv\n.separator "%s" "\\r\\n"\n.import %s t%d\n' "$sep" "$work/data100k/$file" "$i"
  done < "$work/data100k/agencies.txt"
} > "$work/import.sql"
sqlite_import () { sqlite3 "$2" < "$work/import.sql"; }

# The median of three runs of "$1 DATA CASE" on a fresh case file each time;
# each run starts after a sync, so that none pays for the writes of the one
# before, and they take turns so that a busy moment of the machine falls on
# all three.
time_runs () {
  local times=()
  for run in 1 2 3; do
    for what in "$@"; do
      rm -f "$work/$what.case"
      sync; t0=$(now)
      "$what" "$work/data100k" "$work/$what.case"
      t1=$(now)
      times+=("$what $(elapsed "$t0" "$t1")")
    done
  done
  printf '%s\n' "${times[@]}" > "$work/times"
}
time_runs sqlite_import import_together import_each
median () { awk -v w="$1" '$1 == w { print $2 }' "$work/times" | sort -n | sed -n 2p; }
theirs=$(median sqlite_import)
ours=$(median import_together)
each=$(median import_each)
cp "$work/import_together.case" "$work/bench100k.chronogram"

import_together "$work/data10k" "$work/bench10k.chronogram"
sync; t0=$(now); "$cli" analyse "$work/bench10k.chronogram"; t1=$(now)
a10=$(elapsed "$t0" "$t1")
sync; t0=$(now); "$cli" analyse "$work/bench100k.chronogram"; t1=$(now)
a100=$(elapsed "$t0" "$t1")

python3 - "$ours" "$each" "$theirs" "$a10" "$a100" <<'PY'
import sys
ours, each, theirs, a10, a100 = map(float, sys.argv[1:])
print("import, medians of three runs:")
print(f"import: sqlite3 .import of the 20 files (one process): {theirs:.3f} s")
print(f"import: new + one import command with the 20 files, 100,000 rows: {ours:.3f} s "
      f"(target < 2 s); ratio {ours / theirs:.2f} (target < 2)")
print(f"import: new + 20 import commands, one per file: {each:.3f} s; ratio {each / theirs:.2f}")
print(f"analyse: 10,000 rows {a10:.3f} s; 100,000 rows {a100:.3f} s (target < 2 s); "
      f"ratio {a100 / a10:.1f} (target < 12)")
PY
