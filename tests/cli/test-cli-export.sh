#!/bin/bash
# test-cli-export.sh: chronogram-cli export, end to end, on a copy of the child-a review
#
# Every format with and without --anonymise; the word-processor files opened
# with python3-docx and python3-odf and converted by LibreOffice; the PDF read
# back with pdftotext; every byte of every anonymised export (inside the zip
# containers too) searched for every name and alias of people.csv; planted
# postcodes, NHS numbers and phone numbers found by the scan.
#
# Needs: python3-docx python3-odf libreoffice-writer-nogui poppler-utils unzip.
# A missing tool fails the test: CI installs them all.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u -o pipefail

CLI=${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the chronogram-cli to test}
DATA=${G_TEST_SRCDIR:?set G_TEST_SRCDIR to the tests folder}/data/child-a
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cg-cli-export-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

failures=0
fail () { echo "not ok - $*"; failures=$((failures + 1)); }
pass () { echo "ok - $*"; }
check () { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

for tool in unzip pdftotext pdfinfo pdftoppm libreoffice; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool is missing (tools/setup.sh installs it)"; exit 1; }
done
# Debian's python3 has python3-docx and python3-odf; another python3 earlier on PATH may not.
PYTHON=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import docx, odf' 2>/dev/null; then PYTHON=$candidate; break; fi
done
[ -n "$PYTHON" ] || { echo "Bail out! python3-docx and python3-odf are needed"; exit 1; }
python3 () { "$PYTHON" "$@"; }

# ------------------------------------------------------------ the case
cp -r "$DATA" "$WORK/data"
CASE=$WORK/child-a.chronogram
"$CLI" new "$CASE" --title "Child A" --subject "Child A" --scope 2020-06-01..2022-01-31 \
  --incident 2022-01-20 --retrospective-days 2 >/dev/null || { echo "Bail out! new failed"; exit 1; }
while IFS=: read -r agency file; do
  "$CLI" import "$CASE" --agency "$agency" "$WORK/data/$file" >/dev/null 2>&1 \
    || { echo "Bail out! import of $file failed"; exit 1; }
done <<'EOF'
Police:police.csv
Children's Social Care:csc.csv
Health Visiting:hv.csv
Emergency Department:ed.csv
Ambulance Service:ambulance.csv
School:school.csv
GP Practice:gp.csv
EOF
"$CLI" family "$CASE" --people "$WORK/data/people.csv" --relationships "$WORK/data/relationships.csv" \
  --households "$WORK/data/households.csv" >/dev/null || { echo "Bail out! family failed"; exit 1; }
"$CLI" analyse "$CASE" || { echo "Bail out! analyse failed"; exit 1; }
"$CLI" export "$CASE" --format json -o "$WORK/count.json" >/dev/null \
  || { echo "Bail out! export --format json failed"; exit 1; }
N_RECORDS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$WORK/count.json")

# Every name and alias of the people register, one per line.
python3 - "$WORK/data/people.csv" > "$WORK/names.txt" <<'EOF'
import csv, sys
names = set()
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    for value in [row["name"]] + row["aliases"].split(";"):
        value = value.strip()
        if value:
            names.add(value)
            names.update(part for part in value.split() if len(part) > 1)
print("\n".join(sorted(names)))
EOF

# --------------------------------------------------------- the usage
check "export --help exits 0" "$CLI" export --help >/dev/null
"$CLI" export "$CASE" --format rtf -o "$WORK/x.rtf" 2>/dev/null; check "an unknown format is a usage error" test $? -eq 2
"$CLI" export "$CASE" --format csv 2>/dev/null; check "no -o is a usage error" test $? -eq 2
"$CLI" export "$CASE" --format csv --dates weekly -o "$WORK/x.csv" 2>/dev/null
check "an unknown --dates is a usage error" test $? -eq 2
"$CLI" export "$CASE" --format csv --from 2021-02-30 -o "$WORK/x.csv" 2>/dev/null
check "an impossible --from is a usage error" test $? -eq 2
"$CLI" export "$CASE" --format csv --agency Probation -o "$WORK/x.csv" 2>"$WORK/err.txt"
check "an unknown agency fails, naming the agencies" test $? -eq 1 -a ! -e "$WORK/x.csv"
check "the message names the review's agencies" grep -q "Police" "$WORK/err.txt"

# ------------------------------------------------------- every format
for format in docx odt pdf html csv json; do
  for mode in plain anon; do
    args=()
    [ "$mode" = anon ] && args=(--anonymise)
    out=$WORK/$mode.$format
    if "$CLI" export "$CASE" --format "$format" -o "$out" "${args[@]}" >"$WORK/$mode-$format.out" \
         2>"$WORK/$mode-$format.err"; then
      pass "export --format $format ($mode)"
    else
      fail "export --format $format ($mode): $(cat "$WORK/$mode-$format.err")"
      continue
    fi
    check "$mode.$format is readable by its owner only" test "$(stat -c %a "$out")" = 600
  done
done

check "the default JSON is the contract's version 1" python3 - "$WORK/plain.json" "$N_RECORDS" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "chronogram-export" and d["version"] == 1
assert len(d["events"]) == int(sys.argv[2]) == 36, len(d["events"])
assert any(p["name"] == "Lily Brennan" for p in d["people"])
EOF

check "the anonymised JSON carries role labels only" python3 - "$WORK/anon.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["events"]) == 36
for p in d["people"]:
    assert p["name"] == p["label"], p
    assert p["aliases"] == [], p
    assert p["born"] is None or len(p["born"]) == 4, p
texts = [e["text"] for e in d["events"]]
assert any("Child A" in t for t in texts)
assert any("Mother" in t for t in texts)
EOF

# ---------------------------------------------- the word-processor files
for mode in plain anon; do
  check "python3-docx reads the $mode .docx table: header and $N_RECORDS rows" \
    python3 - "$WORK/$mode.docx" "$N_RECORDS" <<'EOF'
import sys, docx
doc = docx.Document(sys.argv[1])
header = ["Date", "Time", "Agency", "Source", "What happened", "Action", "Recording", "Flags"]
tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == header]
assert len(tables) == 1, [[c.text for c in t.rows[0].cells] for t in doc.tables]
rows = tables[0].rows
assert len(rows) == int(sys.argv[2]) + 1, len(rows)
# the header row repeats on every page
assert rows[0]._tr.trPr.xpath("./w:tblHeader"), "no repeated header row"
sect = doc.sections[0]
assert sect.page_width > sect.page_height, "not landscape"
assert "Retrospective" in "\n".join(r.cells[6].text for r in rows[1:])
EOF

  check "python3-odf reads the $mode .odt table: header and $N_RECORDS rows" \
    python3 - "$WORK/$mode.odt" "$N_RECORDS" <<'EOF'
import sys
from odf.opendocument import load
from odf import table, teletype
doc = load(sys.argv[1])
chronology = [t for t in doc.getElementsByType(table.Table) if t.getAttribute("name") == "Chronology"]
assert len(chronology) == 1
t = chronology[0]
headers = t.getElementsByType(table.TableHeaderRows)
assert len(headers) == 1, "no repeated header rows"
header = [teletype.extractText(c) for c in headers[0].getElementsByType(table.TableCell)]
assert header == ["Date", "Time", "Agency", "Source", "What happened", "Action", "Recording", "Flags"], header
rows = t.getElementsByType(table.TableRow)
assert len(rows) == int(sys.argv[2]) + 1, len(rows)
EOF
done

# LibreOffice converts both, with a profile of its own so that runs in parallel do not meet.
mkdir -p "$WORK/lo"
for mode in plain anon; do
  for format in docx odt; do
    mkdir -p "$WORK/lo/$mode-$format"
    if timeout 180 libreoffice -env:UserInstallation="file://$WORK/lo/profile" --headless \
         --convert-to pdf --outdir "$WORK/lo/$mode-$format" "$WORK/$mode.$format" \
         >"$WORK/lo/$mode-$format.log" 2>&1 \
       && [ -s "$WORK/lo/$mode-$format/$mode.pdf" ]; then
      pass "LibreOffice converts the $mode .$format to PDF"
      pages=$(pdfinfo "$WORK/lo/$mode-$format/$mode.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
      check "the converted $mode .$format has pages ($pages)" test "${pages:-0}" -ge 3
      pdftotext -layout "$WORK/lo/$mode-$format/$mode.pdf" "$WORK/lo/$mode-$format.txt"
      check "the converted $mode .$format shows the header row on every table page" \
        test "$(grep -c 'What happened' "$WORK/lo/$mode-$format.txt")" -ge 2
      if [ -n "${CG_EXPORT_PNG_DIR:-}" ]; then
        pdftoppm -png -r 70 "$WORK/lo/$mode-$format/$mode.pdf" "$CG_EXPORT_PNG_DIR/export-lo-$mode-$format"
      fi
    else
      fail "LibreOffice converts the $mode .$format to PDF: $(tail -3 "$WORK/lo/$mode-$format.log")"
    fi
  done
done

# ----------------------------------------------------------------- PDF
for mode in plain anon; do
  pdftotext -layout "$WORK/$mode.pdf" "$WORK/$mode.pdf.txt"
  check "the $mode PDF has the table's header" grep -q "What happened" "$WORK/$mode.pdf.txt"
  check "the $mode PDF repeats the header row on every table page" \
    test "$(grep -c 'What happened' "$WORK/$mode.pdf.txt")" -ge 2
  check "the $mode PDF has page numbers" grep -q "Page 2 of" "$WORK/$mode.pdf.txt"
  check "the $mode PDF marks retrospective records in words" grep -q "Retrospective" "$WORK/$mode.pdf.txt"
  check "the $mode PDF is landscape A4" \
    sh -c "pdfinfo '$WORK/$mode.pdf' | grep -q 'Page size: *841.89 x 595.28'"
  if [ -n "${CG_EXPORT_PNG_DIR:-}" ]; then
    pdftoppm -png -r 70 "$WORK/$mode.pdf" "$CG_EXPORT_PNG_DIR/export-pdf-$mode"
  fi
done
check "the PDF has a known row" grep -q "12/03/2021 *23:40 *POL" "$WORK/plain.pdf.txt"
check "the anonymised PDF has the known row, anonymised" grep -q "between Mother and Partner 1" "$WORK/anon.pdf.txt"
check "the PDF's DRAFT mark" grep -q "DRAFT" "$WORK/plain.pdf.txt"

# ------------------------------------------------------------ HTML, CSV
check "the CSV starts with a byte-order mark" sh -c "head -c 3 '$WORK/plain.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "the CSV has a header and a line per record" \
  test "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' "$WORK/plain.csv")" -eq $((N_RECORDS + 1))
check "the HTML is one file with print styles" sh -c "grep -q '@page' '$WORK/plain.html' && ! grep -q '<script\|<link\|src=\"http' '$WORK/plain.html'"
check "the HTML repeats the header row when printed" grep -q "table-header-group" "$WORK/plain.html"
check "the HTML holds the genogram" grep -q "<svg" "$WORK/plain.html"

# --------------------------------------------- no name in anonymised exports
mkdir -p "$WORK/unzipped/docx" "$WORK/unzipped/odt"
(cd "$WORK/unzipped/docx" && unzip -q "$WORK/anon.docx")
(cd "$WORK/unzipped/odt" && unzip -q "$WORK/anon.odt")
leaks=0
while read -r name; do
  [ -z "$name" ] && continue
  for target in "$WORK/anon.csv" "$WORK/anon.json" "$WORK/anon.html" "$WORK/anon.pdf" \
                "$WORK/anon.pdf.txt" "$WORK/unzipped" "$WORK/lo/anon-docx.txt" "$WORK/lo/anon-odt.txt"; do
    if grep -r -q -i -w -F -- "$name" "$target"; then
      fail "“$name” is still in $(basename "$target")"
      leaks=$((leaks + 1))
    fi
  done
done < "$WORK/names.txt"
check "no name or alias of people.csv in any anonymised export ($(wc -l < "$WORK/names.txt") names)" test "$leaks" -eq 0
check "the plain exports do have the names (the search works)" grep -q -w "Kayleigh" "$WORK/plain.pdf.txt"
check "the practitioner is named by role" sh -c "grep -q 'HV 1' '$WORK/anon.csv' && ! grep -q 'Adams' '$WORK/anon.csv'"

# --------------------------------------------------------- date options
"$CLI" export "$CASE" --format csv --dates month -o "$WORK/month.csv" >/dev/null 2>&1
check "--dates month shows months, no days" \
  sh -c "grep -q 'March 2021' '$WORK/month.csv' && ! grep -q '12/03/2021' '$WORK/month.csv'"
"$CLI" export "$CASE" --format csv --dates age --anonymise -o "$WORK/age.csv" >/dev/null 2>&1
check "--dates age shows Child A's age" sh -c "grep -q 'Age of Child A' '$WORK/age.csv' && grep -q '1 year 7 months' '$WORK/age.csv'"
"$CLI" export "$CASE" --format csv --from 2022-01-01 --to 2022-01-31 --agency Police -o "$WORK/range.csv" >/dev/null 2>&1
check "--from, --to and --agency choose the records" \
  test "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' "$WORK/range.csv")" -eq 4
"$CLI" export "$CASE" --format json --flagged-only -o "$WORK/flagged.json" >/dev/null 2>&1
check "--flagged-only leaves out records without a flag" python3 - "$WORK/flagged.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
flagged = {e for x in d["discrepancies"] for e in x["events"]}
assert 0 < len(d["events"]) < 36
assert all(e["id"] in flagged for e in d["events"])
EOF

# --------------------------------------- the scan of an anonymised export
cat > "$WORK/planted.csv" <<'EOF'
Date,Details,Officer
01/09/2021,Visited Kayleigh at 14 Elm Road M1 1AE; NHS number 943 476 5919 (the old one 943 476 5918 is wrong).,PC 4471
02/09/2021,Kayleigh rang from 07700 900123 and asked that Jayden Okafor be told.,PC 4471
EOF
cp "$CASE" "$WORK/planted.chronogram"
"$CLI" import "$WORK/planted.chronogram" --agency "Police" "$WORK/planted.csv" >/dev/null 2>&1
"$CLI" analyse "$WORK/planted.chronogram"
printf 'term,placeholder,kind\n14 Elm Road,,address\n' > "$WORK/glossary.csv"
"$CLI" export "$WORK/planted.chronogram" --format docx --anonymise -o "$WORK/planted.docx" \
  >/dev/null 2>"$WORK/planted.err"
check "an anonymised export with warnings is still written" test -s "$WORK/planted.docx"
check "the scan finds the planted postcode" grep -q "postcode “M1 1AE”" "$WORK/planted.err"
check "the scan finds the planted NHS number" grep -q "NHS number “943 476 5919”" "$WORK/planted.err"
check "the scan leaves out an NHS number with a wrong check digit" sh -c "! grep -q '5918' '$WORK/planted.err'"
check "the scan finds the planted phone number" grep -q "telephone number “07700 900123”" "$WORK/planted.err"
check "the scan finds an unknown name" grep -q "“Jayden”" "$WORK/planted.err"
check "the scan says where" grep -q "planted.csv row 2" "$WORK/planted.err"
"$CLI" export "$WORK/planted.chronogram" --format docx --anonymise --strict -o "$WORK/strict.docx" \
  >/dev/null 2>"$WORK/strict.err"
check "--strict fails on warnings and writes nothing" test $? -eq 1 -a ! -e "$WORK/strict.docx"
"$CLI" export "$WORK/planted.chronogram" --format csv --anonymise --glossary "$WORK/glossary.csv" \
  -o "$WORK/glossary-out.csv" >/dev/null 2>&1
check "a glossary term becomes its placeholder" \
  sh -c "grep -q 'Address 1 M1 1AE' '$WORK/glossary-out.csv' && ! grep -q 'Elm Road' '$WORK/glossary-out.csv'"

# ------------------------------------- the check after writing removes a leak
"$CLI" export "$CASE" --format pdf --anonymise -o "$WORK/Lily-appendix.pdf" >/dev/null 2>"$WORK/leak.err"
check "a real name in the output fails the export" test $? -eq 1
check "and leaves no file" test ! -e "$WORK/Lily-appendix.pdf"
check "and says so" grep -q "still contains the name" "$WORK/leak.err"

if [ "$failures" -gt 0 ]; then
  echo "# $failures failed"
  exit 1
fi
echo "# all passed"
