#!/bin/sh
# Benchmarks the genogram (target: a 200-person family laid out and written
# as SVG in under 0.5 s). Makes a fictional family of PERSONS people over five
# generations (divorces, remarriages, half-siblings, adoptions, households,
# emotional lines), loads it with `chronogram-cli family`, then times
#  - `chronogram-cli genogram --format svg` (open the case file, load the
#    family, lay it out with dot, draw, write the SVG), best of RUNS;
#  - plain `dot -Tsvg` on the very graph Chronogram gave to dot, best of RUNS.
#
# Usage: tools/bench-genogram.sh [PERSONS]
#        (CLI=path/to/chronogram-cli, RUNS=5, PNG=file.png to keep a picture)
set -eu

cd "$(dirname "$0")/.."
cli="${CLI:-$PWD/_build/src/chronogram-cli}"
persons="${1:-200}"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v dot >/dev/null || { echo "bench-genogram: needs Graphviz's dot" >&2; exit 1; }
[ -x "$cli" ] || { echo "bench-genogram: no CLI at $cli (set CLI=...)" >&2; exit 1; }

python3 - "$work" "$persons" <<'EOF'
import csv, random, sys

out, target = sys.argv[1], int(sys.argv[2])
rng = random.Random(4)
people, rels, homes = [], [], []

def person(sex, born, label):
    key = f"p{len(people) + 1}"
    died = str(born + rng.randint(55, 90)) if born < 1960 and rng.random() < 0.5 else ""
    people.append([key, f"Person {len(people) + 1} Surname{len(people) % 37}", "",
                   label, sex, str(born), died, "no"])
    return key

def couple(a, b, year):
    kind = rng.choice(["married", "married", "cohabiting", "partners"])
    rels.append([a, b, kind, str(year), "", ""])
    if rng.random() < 0.3:
        rels.append([a, b, rng.choice(["separated", "divorced"]), str(year + 8), "", ""])

def family(a, b, year, depth):
    children = []
    for i in range(rng.randint(1, 4)):
        if len(people) >= target:
            break
        c = person(rng.choice(["female", "male", "male", "female", "unknown"]),
                   year + 1 + 2 * i, f"Child {len(people) + 1}")
        kind = "parent" if rng.random() > 0.1 else rng.choice(["adoptive_parent", "foster_parent"])
        rels.append([a, c, kind, "", "", ""])
        rels.append([b, c, kind, "", "", ""])
        children.append((c, year + 1 + 2 * i))
    home = f"h{len(set(h[0] for h in homes)) + 1}"
    for k in [a, b] + [c for c, _ in children]:
        homes.append([home, k, str(year), ""])
    if rng.random() < 0.3 and children:
        rels.append([a, children[0][0], rng.choice(["close", "conflict", "abuse", "cutoff"]),
                     "", "", ""])
    return children

queue = []
while len(people) < target:
    if not queue:
        a = person("male", 1900, "Founder")
        b = person("female", 1902, "Founder")
        couple(a, b, 1925)
        queue.append((a, b, 1925, 0))
    a, b, year, depth = queue.pop(0)
    for c, born in family(a, b, year, depth):
        if len(people) >= target or depth > 4:
            break
        spouses = 2 if rng.random() < 0.2 else 1
        for s in range(spouses):
            if len(people) >= target:
                break
            sex = "male" if people[int(c[1:]) - 1][4] != "male" else "female"
            partner = person(sex, born + rng.randint(-3, 3), "Partner")
            couple(c, partner, born + 22 + 6 * s)
            queue.append((c, partner, born + 22 + 6 * s, depth + 1))

people[len(people) // 2][7] = "yes"
for name, header, rows in [
        ("people.csv", ["id", "name", "aliases", "label", "sex", "born", "died", "subject"], people),
        ("relationships.csv", ["a", "b", "kind", "from", "to", "note"], rels),
        ("households.csv", ["household", "person", "from", "to"], homes)]:
    with open(f"{out}/{name}", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
print(f"family: {len(people)} people, {len(rels)} relationships, "
      f"{len(set(h[0] for h in homes))} households")
EOF

"$cli" new "$work/bench.chronogram" --title "Benchmark" --incident 2060-01-20 >/dev/null
"$cli" family "$work/bench.chronogram" --people "$work/people.csv" \
  --relationships "$work/relationships.csv" --households "$work/households.csv" >/dev/null

# Best of $runs wall-clock runs of a command, in seconds.
best_of () {
  python3 - "$runs" "$@" <<'EOF'
import subprocess, sys, time
runs, argv = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    t0 = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    best = min(best or 1e9, time.monotonic() - t0)
print(f"{best:.3f}")
EOF
}

CHRONOGRAM_GENOGRAM_DOT="$work/graph.dot" \
  "$cli" genogram "$work/bench.chronogram" --format svg -o "$work/genogram.svg"
ours=$(best_of "$cli" genogram "$work/bench.chronogram" --format svg -o "$work/genogram.svg")
dot=$(best_of dot -Tsvg -o "$work/dot.svg" "$work/graph.dot")
texts=$(grep -c '<text class="label"' "$work/genogram.svg" || true)
[ -z "${PNG:-}" ] || "$cli" genogram "$work/bench.chronogram" --format png -o "$PNG"

echo "genogram of $persons people (best of $runs):"
echo "  chronogram-cli genogram --format svg: ${ours} s  ($texts labels as <text>)"
echo "  dot -Tsvg on the same graph:          ${dot} s"
python3 -c "import sys; t=float('$ours'); print('  target under 0.5 s:', 'met' if t < 0.5 else 'MISSED')"
