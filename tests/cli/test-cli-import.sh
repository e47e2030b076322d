#!/bin/bash
# End-to-end: chronogram-cli new, import, info and export as the contract says.
set -euo pipefail

cli="${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the chronogram-cli to test}"
data="$(cd "$(dirname "$0")/../data" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case_file="$work/review.chronogram"
failures=0

fail () { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_status () {
  local want="$1"; shift
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  if [ "$got" != "$want" ]; then
    fail "exit $got (wanted $want): $*"; sed 's/^/  | /' "$work/err"
  fi
}

# Usage errors exit 2; help exits 0.
expect_status 2 "$cli"
expect_status 2 "$cli" frobnicate
expect_status 0 "$cli" --help
for command in new import family analyse export genogram info; do
  expect_status 0 "$cli" "$command" --help
done
expect_status 2 "$cli" new "$case_file"
expect_status 2 "$cli" new "$case_file" --title T --scope 2021-13-01..2022-01-01
expect_status 2 "$cli" import "$case_file" "$data/child-a/gp.csv"

expect_status 0 "$cli" new "$case_file" --title "Child A" --subject "Child A" \
  --scope 2020-06-01..2022-01-31 --incident 2022-01-20 --retrospective-days 2
[ "$(stat -c %a "$case_file")" = 600 ] || fail "case file is not 0600"
expect_status 1 "$cli" new "$case_file" --title "Again"
grep -q "already exists" "$work/err" || fail "no clear message for an existing case file"

while IFS='|' read -r file agency; do
  expect_status 0 "$cli" import "$case_file" --agency "$agency" "$data/child-a/$file"
done <<'LIST'
police.csv|Police
csc.csv|Children's Social Care
hv.csv|Health Visiting
ed.csv|Emergency Department
ambulance.csv|Ambulance Service
school.csv|School
gp.csv|GP Practice
LIST
# The last import printed its one problem as FILE:ROW: message.
grep -q '^gp.csv:7: ' "$work/err" || fail "gp.csv:7 not reported on stderr"
[ "$(wc -l < "$work/err")" = 1 ] || fail "gp.csv printed more than its one problem"

# A file that is not text, or whose quote never closes, is refused whole.
printf 'PK\003\004\024\000\006\000' > "$work/workbook.csv"
expect_status 1 "$cli" import "$case_file" --agency Police "$work/workbook.csv"
grep -q 'workbook.csv: ' "$work/err" || fail "refusal does not name the file"
expect_status 1 "$cli" import "$case_file" --agency Police "$data/csv-test-data/csv/bad-missing-quote.csv"
grep -q 'bad-missing-quote.csv: row 2' "$work/err" || fail "unclosed quote does not name row 2"
# A stray quote is kept with a warning; import succeeds.
expect_status 0 "$cli" import "$case_file" --agency Other "$data/csv-test-data/csv/bad-unescaped-quote.csv"
grep -q 'bad-unescaped-quote.csv:2: ' "$work/err" || fail "stray quote not warned about at row 2"

expect_status 0 "$cli" info "$case_file"
grep -q 'Records: 37 in 8 files' "$work/out" || { fail "info counts"; cat "$work/out"; }
grep -q 'hv.csv, 6 rows, Windows-1252' "$work/out" || fail "info does not show hv.csv's encoding"

expect_status 0 "$cli" export "$case_file" --format json -o "$work/out.json"
[ "$(stat -c %a "$work/out.json")" = 600 ] || fail "export is not 0600"
python3 - "$work/out.json" <<'PY' || fail "JSON export"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "chronogram-export" and d["version"] == 1
assert d["case"]["scope_from"] == "2020-06-01" and d["case"]["incident_date"] == "2022-01-20"
files = {f["name"]: f for a in d["agencies"] for f in a["files"]}
assert files["police.csv"]["rows"] == 8 and files["police.csv"]["encoding"] == "UTF-8 with BOM"
assert files["ed.csv"]["delimiter"] == ";"
events = {(e["source"]["file"], e["source"]["row"]): e for e in d["events"]}
assert len(events) == 37
e = events[("police.csv", 2)]
assert e["date"] == {"start": "2021-03-12", "end": "2021-03-12", "precision": "day",
                     "uncertain": False, "text": "12/03/2021 23:40"}, e["date"]
assert e["time"] == "23:40"
assert list(e["fields"])[:3] == ["Occurrence Date", "Occurrence Ref", "Source"]
e = events[("hv.csv", 6)]
assert e["date"]["precision"] == "month" and e["date"]["uncertain"] is True
e = events[("gp.csv", 7)]
assert e["date"]["precision"] == "unknown" and e["date"]["start"] is None
issues = [(i["file"], i["row"], i["severity"]) for i in d["import_issues"]]
assert ("gp.csv", 7, "error") in issues
# the suite file has no date column: its one row is kept with an unknown date
assert sorted(i for i in issues if i[2] == "error") == [("bad-unescaped-quote.csv", 2, "error"),
                                                       ("gp.csv", 7, "error")]
PY

expect_status 0 "$cli" export "$case_file" --format csv -o "$work/out.csv"
head -c 3 "$work/out.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV export has no BOM"
[ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' "$work/out.csv")" = 38 ] \
  || fail "CSV export row count"

# Several files in one command: each its own transaction, a refused one
# named and skipped, the others stored exactly as one at a time.
multi="$work/multi.chronogram"
expect_status 0 "$cli" new "$multi" --title "Child A"
expect_status 2 "$cli" import "$multi" --agency Police --agency School "$data/child-a/police.csv"
expect_status 1 "$cli" import "$multi" --agency Police "$data/child-a/police.csv" \
  --agency Police "$work/workbook.csv" --agency "Health Visiting" "$data/child-a/hv.csv"
grep -q 'workbook.csv: ' "$work/err" || fail "multi-file import does not name the refused file"
expect_status 0 "$cli" import "$multi" --agency School "$data/child-a/school.csv" "$data/child-a/gp.csv"
grep -q '^gp.csv:7: ' "$work/err" || fail "multi-file import does not report gp.csv:7"
expect_status 0 "$cli" info "$multi"
grep -q 'Records: 23 in 4 files' "$work/out" || { fail "multi-file info counts"; cat "$work/out"; }
grep -q 'School: gp.csv' "$work/out" || fail "one --agency for all the files"
expect_status 0 "$cli" export "$multi" --format json -o "$work/multi.json"
python3 - "$work/out.json" "$work/multi.json" <<'PY' || fail "multi-file import differs from one at a time"
import json, sys
one, multi = (json.load(open(p)) for p in sys.argv[1:])
def rows(d, names):
    return sorted((e["source"]["file"], e["source"]["row"], json.dumps(e["date"]), json.dumps(e["fields"]))
                  for e in d["events"] if e["source"]["file"] in names)
names = {"police.csv", "hv.csv", "school.csv", "gp.csv"}
assert rows(one, names) == rows(multi, names) and len(rows(multi, names)) == 23
PY

# A case file that is not one is refused with its name, and left alone.
cp "$data/child-a/gp.csv" "$work/not-a-case.chronogram"
expect_status 1 "$cli" info "$work/not-a-case.chronogram"
grep -q 'not-a-case.chronogram: this is not a Chronogram case file' "$work/err" || fail "not-a-case message"
cmp -s "$data/child-a/gp.csv" "$work/not-a-case.chronogram" || fail "not-a-case file was changed"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI import checks passed"
