#!/bin/bash
# End-to-end: chronogram-cli family and genogram.
set -euo pipefail

cli="${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the chronogram-cli to test}"
data="$(cd "$(dirname "$0")/../data" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case_file="$work/review.chronogram"
failures=0
fail () { echo "FAIL: $*"; failures=$((failures + 1)); }

"$cli" new "$case_file" --title "Child A" --subject "Child A" --incident 2022-01-20
fam="$data/child-a"
"$cli" family "$case_file" --people "$fam/people.csv" --relationships "$fam/relationships.csv" \
  --households "$fam/households.csv" > "$work/out"

# A relationship naming an unknown person is refused naming file and row; the family stays.
printf 'a,b,kind,from,to,note\np1,p9,married,,,\n' > "$work/relationships.csv"
status=0
"$cli" family "$case_file" --people "$fam/people.csv" --relationships "$work/relationships.csv" \
  2> "$work/err" || status=$?
[ "$status" = 1 ] || fail "bad family exit $status"
grep -q 'relationships.csv:2' "$work/err" || fail "bad family message does not name relationships.csv:2"

"$cli" export "$case_file" --format json -o "$work/out.json"
python3 - "$work/out.json" <<'PY' || fail "people in the export"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["people"]) == 7
assert [p["label"] for p in d["people"] if p["subject"]] == ["Child A"]
assert len(d["relationships"]) == 13
PY

"$cli" genogram "$case_file" --format svg -o "$work/g.svg"
python3 - "$work/g.svg" <<'PY' || fail "genogram SVG"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
texts = [" ".join((t.text or "").split()) for t in root.iter() if t.tag.endswith("text")]
for label in ["Mother", "Child A", "Sibling B", "Partner 1", "Maternal Grandmother"]:
    assert any(t == label or t.startswith(label + " ") for t in texts), label
PY
"$cli" genogram "$case_file" --format svg --anonymise -o "$work/anon.svg"
for name in Kayleigh Brennan Lily Mason Ryan Dean Walsh Sandra Jason; do
  if grep -qi "$name" "$work/anon.svg"; then fail "anonymised genogram contains $name"; fi
done
"$cli" genogram "$case_file" --format png -o "$work/g.png"
head -c 8 "$work/g.png" | od -An -tx1 | grep -q '89 50 4e 47' || fail "PNG genogram"
"$cli" genogram "$case_file" --format pdf --as-at 2021-06-15 -o "$work/g.pdf"
head -c 5 "$work/g.pdf" | grep -q '%PDF-' || fail "PDF genogram"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all CLI family checks passed"
