#!/bin/bash
# test-cli-faults.sh: what a desk, a laptop battery or an agency's export can
# do to a review, through chronogram-cli.
#
# Each fault must give a clear one-line message naming the file, exit status
# 1 (never a crash or a hang), and leave the review as it was: the same
# content (an SQL dump of the case file) and PRAGMA integrity_check = ok.
#
# Environment: CHRONOGRAM_CLI (the CLI), G_TEST_SRCDIR (<source>/tests);
# CHRONOGRAM_FAULT_MB sets the size of the large file (default 50) and
# CHRONOGRAM_FAULT_CELL_MB the size of the large cell (default 10).
set -euo pipefail

CLI=${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the path of chronogram-cli}
SRC=${G_TEST_SRCDIR:?set G_TEST_SRCDIR to the tests folder of the source tree}
BIG_MB=${CHRONOGRAM_FAULT_MB:-50}
CELL_MB=${CHRONOGRAM_FAULT_CELL_MB:-10}
DATA=$SRC/data/child-a

for tool in sqlite3 python3 timeout; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool is needed by this test"; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cg-faults-XXXXXX")
cleanup () { chmod -R u+rwX "$WORK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

n=0
failures=0
ok ()      { n=$((n + 1)); echo "ok $n - $*"; }
not_ok ()  { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
skip ()    { n=$((n + 1)); echo "ok $n # SKIP $*"; }
check ()   { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

# run CMD…: runs with a time limit; sets $status, $out and $err (files).
out=$WORK/stdout
err=$WORK/stderr
run () {
  status=0
  timeout -k 5 300 "$@" >"$out" 2>"$err" || status=$?
}

# The review as it is: integrity and a digest of its whole content. A
# read-write sqlite3 first plays back any journal a failed write left behind,
# as the next open by Chronogram would.
state () {
  local case=$1 integrity
  integrity=$(sqlite3 "$case" 'PRAGMA integrity_check;' 2>&1 | tr '\n' ' ')
  echo "integrity=${integrity% } dump=$(sqlite3 "$case" .dump | sha256sum | cut -c1-16)"
}

records () { sqlite3 "$1" 'SELECT count(*) FROM record;'; }

# expect_refusal WHAT NAME: exit 1, one line on stderr naming NAME, no crash.
expect_refusal () {
  local what=$1 name=$2 lines
  lines=$(wc -l <"$err")
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    not_ok "$what: hung (stopped by the time limit)"
  elif [ "$status" -ge 128 ]; then
    not_ok "$what: crashed (exit $status): $(head -c 300 "$err")"
  elif [ "$status" -ne 1 ]; then
    not_ok "$what: exit status $status, expected 1: $(head -c 300 "$err")"
  elif ! grep -qF -- "$name" "$err"; then
    not_ok "$what: the message does not name $name: $(head -c 300 "$err")"
  elif [ "$lines" -ne 1 ]; then
    not_ok "$what: the reason takes $lines lines, not one: $(head -c 300 "$err" | tr '\n' '|')"
  else
    ok "$what: $(head -c 200 "$err")"
  fi
}

# expect_unchanged WHAT CASE BEFORE
expect_unchanged () {
  local now
  now=$(state "$2")
  if [ "$now" = "$3" ]; then
    ok "$1: the review is as it was"
  else
    not_ok "$1: the review changed: before $3, after $now"
  fi
}

expect_success () {
  local what=$1
  if [ "$status" -eq 0 ]; then
    ok "$what"
  else
    not_ok "$what: exit status $status: $(head -c 300 "$err")"
  fi
}

# A case with one agency's records, copied fresh for each fault.
cd "$WORK"
run "$CLI" new base.chronogram --title "Fault review" --subject "Child F"
expect_success "new case file"
run "$CLI" import base.chronogram --agency Police "$DATA/police.csv"
expect_success "import police.csv"
BASE_RECORDS=$(records base.chronogram)
check "the base case holds records ($BASE_RECORDS)" test "$BASE_RECORDS" -gt 0
fresh () { rm -f "$1" "$1"-journal; cp base.chronogram "$1"; chmod 0600 "$1"; }

# A medium file (about 1.6 MB) that needs far more room than the case has.
awk 'BEGIN { print "Date,Details,Officer";
             for (i = 0; i < 20000; i++)
               printf "%02d/%02d/2021,Record %d of a long chronology with enough words to fill a page,PC %d\n",
                      1 + i % 28, 1 + i % 12, i, i % 900 }' >medium.csv
MEDIUM_ROWS=20000

# ---------------------------------------------------------------- full disk
# RLIMIT_FSIZE stands for a full disk. The shell ignores SIGXFSZ, as the CLI
# inherits it, so a write past the limit fails with EFBIG instead of killing it.
full_disk () {
  local limit_kb=$1; shift
  status=0
  ( trap '' XFSZ; ulimit -f "$limit_kb"; exec timeout -k 5 300 "$@" ) >"$out" 2>"$err" || status=$?
}

fresh fsize.chronogram
before=$(state fsize.chronogram)
full_disk $(( $(stat -c %s fsize.chronogram) / 1024 + 64 )) \
  "$CLI" import fsize.chronogram --agency Big medium.csv
expect_refusal "import onto a full disk (file size limit)" fsize.chronogram
expect_unchanged "import onto a full disk (file size limit)" fsize.chronogram "$before"
run "$CLI" info fsize.chronogram
expect_success "the case opens after the failed import"
check "the next import works once there is room" \
  "$CLI" import fsize.chronogram --agency Big medium.csv 2>/dev/null
check "and stores every row" test "$(records fsize.chronogram)" -eq $((BASE_RECORDS + MEDIUM_ROWS))

fresh fsize-analyse.chronogram
before=$(state fsize-analyse.chronogram)
full_disk 8 "$CLI" analyse fsize-analyse.chronogram
expect_refusal "analyse on a full disk" fsize-analyse.chronogram
expect_unchanged "analyse on a full disk" fsize-analyse.chronogram "$before"

full_disk 4 "$CLI" new fsize-new.chronogram --title "No room"
expect_refusal "new on a full disk" fsize-new.chronogram
check "new on a full disk leaves no half-made case file" test ! -e fsize-new.chronogram

# With SIGXFSZ at its default (a shell that does not ignore it): the CLI
# ignores the signal itself, so the write fails and the user gets a message.
fresh xfsz.chronogram
before=$(state xfsz.chronogram)
status=0
( trap - XFSZ; ulimit -f $(( $(stat -c %s xfsz.chronogram) / 1024 + 64 ));
  exec "$CLI" import xfsz.chronogram --agency Big medium.csv ) >/dev/null 2>"$err" || status=$?
check "import past the file size limit fails with a message, not the signal (exit $status)" \
  test "$status" = 1
check "the file size limit reads as a full disk" grep -q "disk is full" "$err"
expect_unchanged "import past the file size limit" xfsz.chronogram "$before"

# A really full file system: a small tmpfs, where mounting is allowed.
if [ "$(id -u)" = 0 ]; then ns=(unshare -m); else ns=(unshare -rm); fi
cat >tmpfs-faults.sh <<'EOF'
set -u
cli=$1; work=$2; mnt=$work/tmpfs
mkdir -p "$mnt"
mount -t tmpfs -o size=512k tmpfs "$mnt" || exit 77
cp "$work/base.chronogram" "$mnt/full.chronogram"
sqlite3 "$mnt/full.chronogram" .dump | sha256sum >"$work/tmpfs-before"
timeout -k 5 300 "$cli" import "$mnt/full.chronogram" --agency Big "$work/medium.csv" \
  >/dev/null 2>"$work/tmpfs-import.err"
echo $? >"$work/tmpfs-import.status"
sqlite3 "$mnt/full.chronogram" 'PRAGMA integrity_check;' >"$work/tmpfs-integrity" 2>&1
sqlite3 "$mnt/full.chronogram" .dump | sha256sum >"$work/tmpfs-after"
head -c 600k /dev/zero >"$mnt/filler" 2>/dev/null
timeout -k 5 300 "$cli" new "$mnt/new.chronogram" --title "No room" \
  >/dev/null 2>"$work/tmpfs-new.err"
echo $? >"$work/tmpfs-new.status"
test -e "$mnt/new.chronogram" && echo yes >"$work/tmpfs-new.left" || echo no >"$work/tmpfs-new.left"
exit 0
EOF
tmpfs_rc=0
"${ns[@]}" bash tmpfs-faults.sh "$CLI" "$WORK" >/dev/null 2>&1 || tmpfs_rc=$?
if [ "$tmpfs_rc" -eq 0 ] && [ -f tmpfs-import.status ]; then
  status=$(cat tmpfs-import.status); cp tmpfs-import.err "$err"
  expect_refusal "import onto a full tmpfs" full.chronogram
  check "import onto a full tmpfs: the message says the disk is full" grep -q "disk is full" "$err"
  check "import onto a full tmpfs: integrity ok" grep -qx ok tmpfs-integrity
  check "import onto a full tmpfs: the review is as it was" cmp -s tmpfs-before tmpfs-after
  status=$(cat tmpfs-new.status); cp tmpfs-new.err "$err"
  expect_refusal "new on a full tmpfs" new.chronogram
  check "new on a full tmpfs leaves no half-made case file" grep -qx no tmpfs-new.left
else
  skip "a small tmpfs cannot be mounted here (${ns[*]}); the file size limit stands in"
fi

# -------------------------------------------------------- read-only case file
fresh ro.chronogram
mkdir -p ro && mv ro.chronogram ro/ && chmod 0444 ro/ro.chronogram
before=$(state ro/ro.chronogram)
# root writes through file modes, so root gets a read-only bind mount.
if [ "$(id -u)" = 0 ]; then
  # shellcheck disable=SC2016 # expanded by the inner shell
  ro=(unshare -m bash -c 'mount --bind -o ro "$1" "$1" && shift && exec "$@"' - "$WORK/ro")
  if ! "${ro[@]}" true 2>/dev/null; then ro=(); fi
else
  ro=(env)
fi
if [ ${#ro[@]} -gt 0 ]; then
  run "${ro[@]}" "$CLI" import ro/ro.chronogram --agency Big medium.csv
  expect_refusal "import into a read-only case file" ro.chronogram
  run "${ro[@]}" "$CLI" analyse ro/ro.chronogram
  expect_refusal "analyse a read-only case file" ro.chronogram
  run "${ro[@]}" "$CLI" info ro/ro.chronogram
  expect_success "a read-only case file can still be read"
  run "${ro[@]}" "$CLI" export ro/ro.chronogram --format json -o "$WORK/ro.json"
  expect_success "a read-only case file can still be exported"
  chmod 0644 ro/ro.chronogram
  expect_unchanged "read-only case file" ro/ro.chronogram "$before"
else
  skip "running as root without mount namespaces: a read-only file cannot be made"
fi

# ------------------------------------------------------- damaged case files
damaged () {
  local what=$1 case=$2 name sum
  name=$(basename "$case")
  sum=$(sha256sum <"$case")
  run "$CLI" info "$case"
  expect_refusal "$what: info" "$name"
  run "$CLI" analyse "$case"
  expect_refusal "$what: analyse" "$name"
  run "$CLI" import "$case" --agency Big medium.csv
  expect_refusal "$what: import" "$name"
  check "$what: the file is left exactly as it was" test "$(sha256sum <"$case")" = "$sum"
}

fresh truncated.chronogram
truncate -s $(( $(stat -c %s truncated.chronogram) / 2 )) truncated.chronogram
damaged "truncated case file" truncated.chronogram

fresh header-only.chronogram
truncate -s 50 header-only.chronogram
damaged "case file cut inside its header" header-only.chronogram

head -c "$(stat -c %s base.chronogram)" /dev/urandom >garbage.chronogram
damaged "case file overwritten with garbage" garbage.chronogram

fresh page.chronogram
head -c 4096 /dev/urandom | dd of=page.chronogram bs=4096 seek=3 conv=notrunc 2>/dev/null
damaged "case file with a garbled page" page.chronogram

: >empty.chronogram
damaged "zero-length case file" empty.chronogram

run "$CLI" info missing.chronogram
expect_refusal "case file that does not exist" missing.chronogram

mkdir folder.chronogram
run "$CLI" info folder.chronogram
expect_refusal "case file that is a folder" folder.chronogram

mkfifo pipe.chronogram
run timeout 20 "$CLI" info pipe.chronogram
expect_refusal "case file that is a named pipe" pipe.chronogram

# ------------------------------------------------- agency files that are not
import_refused () {
  local what=$1 file=$2 case=refused.chronogram
  fresh "$case"
  local before
  before=$(state "$case")
  run timeout 60 "$CLI" import "$case" --agency Health "$file"
  expect_refusal "$what" "$(basename "$file")"
  expect_unchanged "$what" "$case" "$before"
}

python3 - <<'EOF'
import zipfile
with zipfile.ZipFile('workbook.csv', 'w') as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
    z.writestr('xl/workbook.xml', '<workbook/>')
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData/></worksheet>')
EOF
import_refused "an .xlsx workbook renamed .csv" workbook.csv
check "the message says it is a workbook" grep -q "xlsx" "$err"

printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%%%EOF\n' \
  >chronology.csv
import_refused "a PDF renamed .csv" chronology.csv
check "the message says it is a PDF" grep -q "PDF" "$err"

printf 'Date,Details\n12/03/2021,a\0b\n' >nul-start.csv
import_refused "NUL bytes near the start" nul-start.csv

mkdir folder.csv
import_refused "an agency file that is a folder" folder.csv

mkfifo pipe.csv
import_refused "an agency file that is a named pipe" pipe.csv

import_refused "an agency file that does not exist" absent.csv

if [ "$(id -u)" != 0 ]; then
  printf 'Date,Details\n12/03/2021,x\n' >locked.csv && chmod 000 locked.csv
  import_refused "an agency file that cannot be read" locked.csv
else
  skip "root reads any file: an unreadable file is tested through the folder and the pipe"
fi

printf 'Date,Details\n12/03/2021,"this quote is never closed\n13/03/2021,x\n' >open-quote.csv
import_refused "a quoted cell never closed" open-quote.csv
check "the message names the row where the quote opened" grep -q "row 2" "$err"

# A header row longer than the part of the file read to find it.
awk 'BEGIN { printf "Date,Details"; for (i = 0; i < 100000; i++) printf ",Column heading %d", i;
             printf "\n12/03/2021,x\n" }' >long-header.csv
import_refused "a header row of 2 MB" long-header.csv

# ------------------------------------------- large and odd files that import
import_ok () {
  local what=$1 file=$2 rows=$3 case=$4
  run "$CLI" import "$case" --agency "$5" "$file"
  expect_success "$what imports"
  check "$what: every row is stored ($rows)" \
    test "$(sqlite3 "$case" "SELECT count(*) FROM record r JOIN source_file f ON f.id = r.file_id
                             WHERE f.name = '$(basename "$file")';")" -eq "$rows"
  check "$what: integrity ok" test "$(sqlite3 "$case" 'PRAGMA integrity_check;')" = ok
}

fresh large.chronogram
awk -v mb="$BIG_MB" 'BEGIN {
  print "Date,Time,Details,Action Taken,Officer"; size = 0; i = 0;
  while (size < mb * 1048576) {
    line = sprintf("%02d/%02d/%d,%02d:%02d,\"Record %d: home visit, mother and partner present, child seen alone.\",Referral considered,PC %d",
                   1 + i % 28, 1 + int(i / 28) % 12, 2000 + int(i / 336) % 22, i % 24, i % 60, i, i % 5000);
    print line; size += length(line) + 1; i++ }
  print i > "large.rows" }' >large.csv
rss=""
sanitized=no
case "$(ldd "$CLI" 2>/dev/null || true)" in *libasan*) sanitized=yes ;; esac
if [ -x /usr/bin/time ] && [ "$sanitized" = no ]; then
  run /usr/bin/time -f "peak-rss-kb %M" "$CLI" import large.chronogram --agency Big large.csv
  rss=$(sed -n 's/^peak-rss-kb //p' "$err")
  expect_success "a ${BIG_MB} MB CSV imports"
else
  run "$CLI" import large.chronogram --agency Big large.csv
  expect_success "a ${BIG_MB} MB CSV imports"
fi
check "a ${BIG_MB} MB CSV: every row is stored" \
  test "$(records large.chronogram)" -eq $((BASE_RECORDS + $(cat large.rows)))
if [ -n "$rss" ]; then
  # Streaming: memory does not grow with the file (the file alone is $BIG_MB MB).
  check "a ${BIG_MB} MB CSV imports in bounded memory (peak ${rss} KB < 64 MB)" test "$rss" -lt 65536
else
  skip "peak memory is not measured under AddressSanitizer or without /usr/bin/time"
fi
rm -f large.csv large.chronogram

fresh odd.chronogram
{ printf 'Date,Details\n12/03/2021,"'; head -c $((CELL_MB * 1048576)) /dev/zero | tr '\0' 'x';
  printf '"\n13/03/2021,after\n'; } >big-cell.csv
import_ok "a ${CELL_MB} MB cell" big-cell.csv 2 odd.chronogram Cell
check "a ${CELL_MB} MB cell is kept whole" \
  test "$(sqlite3 odd.chronogram "SELECT max(length(text)) FROM record;")" -eq $((CELL_MB * 1048576))

awk 'BEGIN { printf "Date,Details"; for (i = 3; i <= 100000; i++) printf ","; printf "Last\n";
             printf "12/03/2021,x"; for (i = 3; i < 100000; i++) printf ",%d", i % 10; printf ",end\n" }' \
  >wide.csv
import_ok "100,000 columns" wide.csv 1 odd.chronogram Wide
run "$CLI" export odd.chronogram --format json -o "$WORK/odd.json"
expect_success "export after the odd files"
check "100,000 columns: every cell is kept" python3 -c '
import json, sys
events = json.load(open(sys.argv[1]))["events"]
wide = [e for e in events if e["source"]["file"] == "wide.csv"]
sys.exit(0 if len(wide) == 1 and len(wide[0]["fields"]) == 100000 else 1)' "$WORK/odd.json"

{ printf 'Date,Details\n'; for i in $(seq 1 200); do printf '12/03/2021,padding row %03d to pass the first 4 KB\n' "$i"; done;
  printf '13/03/2021,a\0b\n'; } >nul-later.csv
import_ok "a NUL byte deep in the file" nul-later.csv 201 odd.chronogram Nul
check "a NUL byte deep in the file is reported on its row" grep -q "nul-later.csv:202:" "$err"

# ------------------------------------------------------------ cut-off write
# A write killed after it grew the header's page count but before the file
# grew: the header claims more pages than the file has, and the journal holds
# the page as it was. Opening plays the journal back; the case is whole.
fresh cutoff.chronogram
python3 - "$WORK/cutoff.chronogram" <<'PY'
import os, sqlite3, struct, sys
path = sys.argv[1]
pid = os.fork()
if pid == 0:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA cache_size = 5")   # spill: the journal is written, the file grows
    db.execute("BEGIN")
    for i in range(3000):
        db.execute("INSERT INTO audit (at, action, detail) VALUES ('2026-01-01', 'x', ?)", ("y" * 500,))
    os._exit(0)                          # killed: no commit, no rollback
os.waitpid(pid, 0)
with open(path, "r+b") as f:
    f.seek(28)
    f.write(struct.pack(">I", 100000))   # the header's page count, far past the end
PY
check "a cut-off write leaves its journal" test -s cutoff.chronogram-journal
run "$CLI" info cutoff.chronogram
expect_success "a case cut off mid-write opens once its journal is played back"
check "a case cut off mid-write keeps its records" grep -q "Records: $BASE_RECORDS in 1 files" "$out"
check "a case cut off mid-write passes integrity_check" \
  test "$(sqlite3 cutoff.chronogram 'PRAGMA integrity_check')" = ok

echo "1..$n"
if [ "$failures" -gt 0 ]; then
  echo "# $failures of $n checks failed" >&2
  exit 1
fi
