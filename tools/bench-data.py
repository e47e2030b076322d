#!/usr/bin/env python3
"""Writes fictional agency chronologies for the benchmark.

    bench-data.py OUTDIR TOTAL_ROWS [N_FILES]

Each file has its own template (headers, date style, delimiter), as agencies'
files do; the events are invented and repeat a small vocabulary. Deterministic.
"""

import csv
import os
import random
import sys
from datetime import date, timedelta

TEMPLATES = [
    ("Date,Time,Type,Details,Action,Worker,Date recorded", ",", "%d/%m/%Y"),
    ("Date of contact;Contact;Outcome;Practitioner;Date entered", ";", "%d.%m.%y"),
    ("Occurrence Date\tSource\tDetails\tAction Taken\tOfficer", "\t", "%d/%m/%Y %H:%M"),
    ("Date/Time,Significant Event,Outcome,Seen Y/N,Entered", ",", "%Y-%m-%d"),
]
AGENCIES = ["Police", "Children's Social Care", "Health Visiting", "GP Practice",
            "Emergency Department", "Ambulance Service", "School", "Housing", "Probation",
            "Midwifery", "Nursery", "CAMHS", "Adult Mental Health", "Substance Misuse Service",
            "IDVA Service", "Early Help", "Youth Offending", "Dental Practice",
            "Community Paediatrics", "Children's Centre"]
WHAT = ["Home visit, child seen and well.", "Telephone call with mother about appointments.",
        "Strategy discussion held with partner agencies.", "Referral received and screened.",
        "Child not brought to appointment.", "Domestic incident reported; PPN submitted.",
        "Letter sent offering a new appointment.", "Attendance at the Emergency Department.",
        "Core group meeting held.", "Information shared with the health visitor.",
        "School attendance concerns discussed with the family.", "Assessment completed."]


VERBS = ["Discussed", "Reviewed", "Recorded", "Checked", "Explained", "Agreed", "Noted"]
TOPICS = ["sleep routine", "rent arrears", "medication", "nursery place", "weight gain",
          "attendance", "injury to arm", "missed appointment", "contact arrangements",
          "immunisations", "speech delay", "tenancy", "probation order", "bruising"]
WHO = ["mother", "father", "grandmother", "the child", "a neighbour", "the landlord",
       "the key worker", "the family"]
PLANS = ["review in two weeks", "no further action", "letter to follow", "advice given",
         "leaflet provided", "to be discussed at supervision", "case remains open"]


def main(outdir, total, n_files):
    rng = random.Random(20211231)
    os.makedirs(outdir, exist_ok=True)
    per_file = total // n_files
    start = date(2012, 1, 1)
    with open(os.path.join(outdir, "agencies.txt"), "w", encoding="utf-8") as index:
        for f in range(n_files):
            header, delim, fmt = TEMPLATES[f % len(TEMPLATES)]
            name = f"agency{f + 1:02d}.csv"
            delim_name = {",": "comma", ";": "semicolon", "\t": "tab"}[delim]
            index.write(f"{name}|{AGENCIES[f % len(AGENCIES)]}|{delim_name}\n")
            rows = per_file + (total - per_file * n_files if f == n_files - 1 else 0)
            with open(os.path.join(outdir, name), "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh, delimiter=delim, lineterminator="\r\n")
                cols = header.split(delim)
                writer.writerow(cols)
                day = start
                for r in range(rows):
                    day += timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
                    when = day.strftime(fmt).replace("%H:%M", "")
                    if "%H" in fmt:
                        when = day.strftime("%d/%m/%Y") + f" {rng.randrange(24):02d}:{rng.randrange(60):02d}"
                    if rng.random() < 0.05:
                        text = rng.choice(WHAT) + f" Note {r}."
                    else:
                        text = (f"{rng.choice(VERBS)} {rng.choice(TOPICS)} with "
                                f"{rng.choice(WHO)}; {rng.choice(PLANS)}. Entry {f}-{r}.")
                    recorded = (day + timedelta(days=rng.choice((0, 0, 0, 1, 5)))).strftime("%d/%m/%Y")
                    values = {
                        0: when, 1: f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                    }
                    row = []
                    for i, col in enumerate(cols):
                        lower = col.lower()
                        if i == 0:
                            row.append(when)
                        elif lower == "time":
                            row.append(values[1])
                        elif "record" in lower or "entered" in lower:
                            row.append(recorded)
                        elif lower in ("details", "contact", "significant event"):
                            row.append(text)
                        elif "seen" in lower:
                            row.append(rng.choice("YN"))
                        elif lower in ("worker", "officer", "practitioner"):
                            row.append(f"Worker {rng.randrange(40)}")
                        else:
                            row.append(rng.choice(("Visit", "Call", "Meeting", "Letter", "No further action")))
                    writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 20)
