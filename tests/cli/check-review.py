#!/usr/bin/env python3
"""Check chronogram-cli's analysis of one test review against its ground truth.

    check-review.py CLI CASE_DIR [--keep] [--timeout SECONDS]

CASE_DIR holds the agency files, the family files and `expected.json` (the ground-truth
format of the acceptance contract, section 5). The case is built in a temporary
folder exactly as the contract describes (new, import each file, family, analyse,
export json, genogram svg); the export and the SVG are then checked against the truth.

One line per metric: `CASE METRIC VALUE BAR ok|SHORT` (`info` for unscored metrics),
followed by `#` lines naming what was missed. Exit status 0 when every metric meets its
bar, 1 when one does not (or the case could not be built), 2 for a usage error.
Python 3 standard library only.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from itertools import combinations

BARS = {
    "rows": 1.0,
    "dates": 0.95,
    "clustering_precision": 0.9,
    "clustering_recall": 0.85,
    "retrospective_precision": 0.9,
    "retrospective_recall": 0.9,
    "contemporaneous": 0.9,
    "discrepancy_recall": 0.8,
    "discrepancy_precision": 0.7,
    "import_issues": 1.0,
    "people": 1.0,
    "genogram": 1.0,
}
CONFLICTS = ("date_conflict", "time_conflict", "fact_conflict")
SHOW = 10  # notes shown per metric


# --------------------------------------------------------------------------- helpers

def key_of(file, row):
    """'FILE:ROW' from a file path (any folder, either slash) and a row number."""
    if not isinstance(file, str) or not file or isinstance(row, bool):
        return None
    try:
        row = int(row)
    except (TypeError, ValueError):
        return None
    return "%s:%d" % (file.replace("\\", "/").split("/")[-1], row)


def group_pairs(keys):
    keys = sorted({k for k in keys if isinstance(k, str)})
    return {(a, b) for a, b in combinations(keys, 2)}


def frac(num, den, when_empty):
    return num / den if den else when_empty


def strict_eq(a, b):
    """Equal, and of one type (so that false is not 0 and null is not '')."""
    return type(a) is type(b) and a == b


def fold(text):
    return " ".join(str(text).split()).casefold()


# --------------------------------------------------------------------------- running the CLI

def build_case(cli, case_dir, truth, work, timeout):
    """Run the CLI steps; return {step: error} for the steps that failed."""
    case = os.path.join(work, "review.chronogram")
    info = truth.get("case") or {}
    argv = [cli, "new", case, "--title", str(info.get("title") or os.path.basename(case_dir))]
    scope = info.get("scope")
    if isinstance(scope, list):
        scope = "%s..%s" % (scope[0] or "", scope[1] or "")
    if not scope and (info.get("scope_from") or info.get("scope_to")):
        scope = "%s..%s" % (info.get("scope_from") or "", info.get("scope_to") or "")
    for option, value in (("--subject", info.get("subject")), ("--scope", scope),
                          ("--incident", info.get("incident", info.get("incident_date"))),
                          ("--retrospective-days", info.get("retrospective_days"))):
        if value is not None and value != "":
            argv += [option, str(value)]
    steps = [("new", argv)]
    for imp in truth.get("imports") or []:
        steps.append(("import " + imp["file"],
                      [cli, "import", case, "--agency", imp["agency"],
                       os.path.join(case_dir, imp["file"])]))
    family = truth.get("family") or {}
    if family.get("people"):
        argv = [cli, "family", case, "--people", os.path.join(case_dir, family["people"])]
        for option in ("relationships", "households"):
            if family.get(option):
                argv += ["--" + option, os.path.join(case_dir, family[option])]
        steps.append(("family", argv))
    steps.append(("analyse", [cli, "analyse", case]))
    steps.append(("export", [cli, "export", case, "--format", "json",
                             "-o", os.path.join(work, "export.json")]))
    steps.append(("genogram", [cli, "genogram", case, "--format", "svg",
                               "-o", os.path.join(work, "genogram.svg")]))

    failed = {}
    for name, argv in steps:
        if "new" in failed:
            failed[name] = "no case file"
            continue
        try:
            proc = subprocess.run(argv, cwd=work, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=timeout)
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            if proc.returncode != 0:
                failed[name] = "exit %d: %s" % (proc.returncode, err[-1] if err else "")
            print("# step %s: exit %d%s" % (name, proc.returncode,
                                           " (%d stderr lines)" % len(err) if err else ""))
            if proc.returncode != 0:
                for line in err[-5:]:
                    print("#   | " + line)
        except subprocess.TimeoutExpired:
            failed[name] = "timed out after %gs" % timeout
            print("# step %s: timed out" % name)
        except OSError as exc:
            failed[name] = str(exc)
            print("# step %s: cannot run: %s" % (name, exc))
    return failed


# --------------------------------------------------------------------------- the checks

class Checker:
    def __init__(self, truth, export, case_dir, svg):
        self.truth, self.export, self.case_dir, self.svg = truth, export, case_dir, svg
        self.events = [e for e in export.get("events") or [] if isinstance(e, dict)]
        self.key = {}            # event id -> FILE:ROW
        self.by_key = {}         # FILE:ROW -> event (the first)
        for ev in self.events:
            src = ev.get("source") if isinstance(ev.get("source"), dict) else {}
            k = key_of(src.get("file"), src.get("row"))
            self.key[str(ev.get("id"))] = k or "?" + str(ev.get("id"))
            if k:
                self.by_key.setdefault(k, ev)

    def list(self, name):
        value = self.truth.get(name)
        return value if isinstance(value, list) else []

    def keys(self, ids):
        return [self.key.get(str(i), "?" + str(i)) for i in (ids or [])]

    # rows kept per file
    def rows(self):
        counts, seen, notes = {}, {}, []
        for ev in self.events:
            src = ev.get("source") if isinstance(ev.get("source"), dict) else {}
            k = key_of(src.get("file"), src.get("row"))
            if not k:
                notes.append("event %s has no readable source" % ev.get("id"))
                continue
            f = k.rsplit(":", 1)[0]
            counts[f] = counts.get(f, 0) + 1
            seen[k] = seen.get(k, 0) + 1
        want = self.truth.get("row_counts") or {}
        good = 0
        for f, n in want.items():
            twice = sorted(k for k, c in seen.items() if c > 1 and k.rsplit(":", 1)[0] == f)
            if counts.get(f, 0) == n and not twice:
                good += 1
            else:
                notes.append("%s: %d events, expected %d%s" % (
                    f, counts.get(f, 0), n, "; twice: " + ", ".join(twice) if twice else ""))
        return frac(good, len(want), 1.0), notes

    # dates
    def dates(self):
        want_all = self.truth.get("dates") or {}
        good, notes = 0, []
        for k, want in want_all.items():
            ev = self.by_key.get(k)
            if ev is None:
                notes.append("%s: no event" % k)
                continue
            got = ev.get("date") if isinstance(ev.get("date"), dict) else {}
            bad = []
            for field in ("start", "end", "precision", "uncertain"):
                if field in want and not strict_eq(want[field], got.get(field)):
                    bad.append("%s %r (want %r)" % (field, got.get(field), want[field]))
            if "end" not in want and want.get("precision") == "day" and \
                    got.get("end") is not None and got.get("end") != want.get("start"):
                bad.append("end %r (want %r)" % (got.get("end"), want.get("start")))
            if "time" in want and not strict_eq(want["time"], ev.get("time")):
                bad.append("time %r (want %r)" % (ev.get("time"), want["time"]))
            if bad:
                notes.append("%s [%s]: %s" % (k, got.get("text"), "; ".join(bad)))
            else:
                good += 1
        return frac(good, len(want_all), 1.0), notes

    # clusters
    def clusters(self):
        true, dups, either = set(), set(), set()
        for g in self.list("same_occurrence"):
            true |= group_pairs(g)
        for g in self.list("duplicate_record"):
            dups |= group_pairs(g)
        true |= dups
        for g in self.list("either"):
            either |= group_pairs(g)
        got_kind = {}
        for cl in self.export.get("clusters") or []:
            if isinstance(cl, dict):
                for pair in group_pairs(self.keys(cl.get("events"))):
                    got_kind.setdefault(pair, set()).add(cl.get("kind"))
        predicted = set(got_kind) - (either - true)
        hit = predicted & true
        precision = frac(len(hit), len(predicted), 0.0 if true else 1.0)
        recall = frac(len(hit), len(true), 1.0)
        p_notes = ["clustered but different occurrences: %s + %s" % p
                   for p in sorted(predicted - true)]
        r_notes = ["not clustered: %s + %s" % p for p in sorted(true - predicted)]
        found = dups & set(got_kind)
        wrong = sorted(p for p in found if "duplicate_record" not in got_kind[p])
        kind = (frac(len(found) - len(wrong), len(found), 1.0),
                ["duplicate clustered as %s: %s + %s" % (sorted(map(str, got_kind[p])), *p)
                 for p in wrong])
        return (precision, p_notes), (recall, r_notes), kind

    # recording
    def recording(self):
        want = set(self.list("retrospective"))
        got = {self.key[str(ev.get("id"))] for ev in self.events
               if ev.get("recording") == "retrospective"}
        precision = frac(len(got & want), len(got), 0.0 if want else 1.0)
        recall = frac(len(got & want), len(want), 1.0)
        contemp = self.list("contemporaneous")
        wrong = [k for k in contemp
                 if (self.by_key.get(k) or {}).get("recording") != "contemporaneous"]
        return ((precision, ["marked retrospective, should not be: " + k
                             for k in sorted(got - want)]),
                (recall, ["not marked retrospective: " + k for k in sorted(want - got)]),
                (frac(len(contemp) - len(wrong), len(contemp), 1.0),
                 ["%s: %r, expected contemporaneous" % (
                     k, (self.by_key.get(k) or {}).get("recording")) for k in wrong]))

    # discrepancies
    def slack(self, rows):
        out = set()
        for g in self.list("either"):
            if set(g) & rows:
                out |= set(g)
        return out

    def matches(self, truth_item, kind, keys):
        rows = set(truth_item.get("rows") or [])
        need = min(len(rows), 2 if truth_item.get("kind") in CONFLICTS else 1)
        return (kind == truth_item.get("kind") and bool(keys)
                and len(keys & rows) >= need and keys <= rows | self.slack(rows))

    def discrepancies(self):
        got = [(d.get("kind"), set(self.keys(d.get("events"))), d.get("summary"))
               for d in self.export.get("discrepancies") or []
               if isinstance(d, dict) and d.get("kind") != "silence"]
        want = [d for d in self.list("discrepancies") if isinstance(d, dict)]
        optional = [d for d in self.list("optional_discrepancies") if isinstance(d, dict)]
        used, missed = set(), []
        for w in want:
            n = next((i for i, (kind, keys, _) in enumerate(got)
                      if i not in used and self.matches(w, kind, keys)), None)
            if n is None:
                missed.append("missed %s: %s" % (w.get("kind"), ", ".join(w.get("rows") or [])))
            else:
                used.add(n)
        extra = ["unexpected %s: %s (%s)" % (kind, ", ".join(sorted(keys)), summary)
                 for i, (kind, keys, summary) in enumerate(got)
                 if i not in used and not any(self.matches(o, kind, keys) for o in optional)]
        return ((frac(len(want) - len(missed), len(want), 1.0), missed),
                (frac(len(got) - len(extra), len(got), 0.0 if want else 1.0), extra))

    # import issues
    def import_issues(self):
        issues = [i for i in self.export.get("import_issues") or [] if isinstance(i, dict)]
        got = {key_of(i.get("file"), i.get("row")) for i in issues}
        want = self.list("import_issues")
        missed = [k for k in want if k not in got]
        errors = [key_of(i.get("file"), i.get("row")) for i in issues
                  if i.get("severity") == "error"]
        stray = [k for k in errors if k not in want]
        return ((frac(len(want) - len(missed), len(want), 1.0),
                 ["no import issue at " + k for k in missed]),
                (frac(len(errors) - len(stray), len(errors), 1.0),
                 ["error at %s, which the truth does not list" % k for k in stray]))

    # people
    def people(self):
        spec = self.truth.get("people") or {}
        people = [p for p in self.export.get("people") or [] if isinstance(p, dict)]
        checks, notes = [], []
        if "count" in spec:
            checks.append(len(people) == spec["count"])
            if not checks[-1]:
                notes.append("%d people, expected %d" % (len(people), spec["count"]))
        if "subject_label" in spec:
            subjects = [p.get("label") for p in people if p.get("subject") is True]
            checks.append(subjects == [spec["subject_label"]])
            if not checks[-1]:
                notes.append("subject labels %r, expected [%r]" % (subjects, spec["subject_label"]))
        return frac(sum(checks), len(checks), 1.0), notes

    # genogram
    def genogram(self):
        family = self.truth.get("family") or {}
        if not family.get("people"):
            return 1.0, []
        if not os.path.isfile(self.svg):
            return 0.0, ["no SVG written"]
        try:
            root = ET.parse(self.svg).getroot()
        except ET.ParseError as exc:
            return 0.0, ["SVG is not well-formed: %s" % exc]
        texts = set()
        for el in root.iter():
            if el.text and el.text.strip():
                texts.add(fold(el.text))
            if el.tag.rsplit("}", 1)[-1] == "text":
                texts.add(fold("".join(el.itertext())))

        def shown(s):
            s = fold(s)
            return bool(s) and any(t == s or (t.startswith(s) and not t[len(s)].isalnum())
                                   for t in texts)
        with open(os.path.join(self.case_dir, family["people"]), encoding="utf-8-sig",
                  newline="") as fh:
            rows = list(csv.DictReader(fh))
        missing = []
        for row in rows:
            label, name = (row.get("label") or "").strip(), (row.get("name") or "").strip()
            if not (shown(label) or shown(name)):
                missing.append(label or name)
        return frac(len(rows) - len(missing), len(rows), 1.0), \
            ["no text node for %r" % m for m in missing]


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cli")
    ap.add_argument("case_dir")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()

    cli = os.path.abspath(args.cli) if os.sep in args.cli else (shutil.which(args.cli) or args.cli)
    if not (os.path.isfile(cli) and os.access(cli, os.X_OK)):
        ap.error("not an executable: %s" % args.cli)
    case_dir = os.path.abspath(args.case_dir)
    name = os.path.basename(case_dir.rstrip(os.sep))
    try:
        with open(os.path.join(case_dir, "expected.json"), encoding="utf-8") as fh:
            truth = json.load(fh)
    except (OSError, ValueError) as exc:
        print("%s: cannot read expected.json: %s" % (name, exc))
        return 1

    work = tempfile.mkdtemp(prefix="check-review-%s-" % name)
    short = []
    try:
        print("# %s: building the case in %s" % (name, work))
        failed = build_case(cli, case_dir, truth, work, args.timeout)
        export = None
        if "export" not in failed:
            try:
                with open(os.path.join(work, "export.json"), encoding="utf-8") as fh:
                    export = json.load(fh)
                if not isinstance(export, dict):
                    raise ValueError("not a JSON object")
            except (OSError, ValueError) as exc:
                failed["export"] = "export unreadable: %s" % exc
                export = None

        def report(metric, value, notes=(), bar=None):
            bar = BARS.get(metric) if bar is None else bar
            if bar is None:
                verdict, bar_text = "info", "-"
            else:
                verdict, bar_text = ("ok" if value >= bar - 1e-9 else "SHORT"), "%.2f" % bar
                if verdict == "SHORT":
                    short.append(metric)
            print("%s %s %.3f %s %s" % (name, metric, value, bar_text, verdict))
            notes = list(notes)
            for n in notes[:SHOW]:
                print("#   " + n)
            if len(notes) > SHOW:
                print("#   ... and %d more" % (len(notes) - SHOW))

        imports = [s for s in failed if s.startswith("import ")]
        needs = {  # metric -> steps it depends on
            "rows": ["new", "export"] + imports, "dates": ["new", "export"] + imports,
            "clustering": ["analyse", "export"], "recording": ["analyse", "export"],
            "discrepancies": ["analyse", "export"], "import_issues": ["export"] + imports,
            "people": ["family", "export"], "genogram": ["family", "genogram"],
        }

        def broken(group):
            why = [failed[s] for s in needs[group] if s in failed]
            return ["scored 0: " + w for w in why]

        chk = Checker(truth, export or {}, case_dir, os.path.join(work, "genogram.svg"))
        for group, metrics, func in (
                ("rows", ["rows"], lambda: [chk.rows()]),
                ("dates", ["dates"], lambda: [chk.dates()]),
                ("clustering", ["clustering_precision", "clustering_recall",
                                "duplicate_kind"], chk.clusters),
                ("recording", ["retrospective_precision", "retrospective_recall",
                               "contemporaneous"], chk.recording),
                ("discrepancies", ["discrepancy_recall", "discrepancy_precision"],
                 chk.discrepancies),
                ("import_issues", ["import_issues", "import_error_precision"],
                 chk.import_issues),
                ("people", ["people"], lambda: [chk.people()]),
                ("genogram", ["genogram"], lambda: [chk.genogram()])):
            why = broken(group)
            if why:
                for metric in metrics:
                    report(metric, 0.0, why)
                continue
            try:
                results = list(func())
            except Exception as exc:  # a malformed export must not stop the check
                results = [(0.0, ["cannot check: %s: %s" % (type(exc).__name__, exc)])] * len(metrics)
            for metric, (value, notes) in zip(metrics, results):
                report(metric, value, notes)
    finally:
        if args.keep:
            print("# work folder kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%s RESULT %s" % (name, "ok" if not short else "SHORT: " + ", ".join(short)))
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
