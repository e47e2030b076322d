#!/bin/sh
# Builds the demo review case file from the fictional files in data/demo.
# usage: make-demo.sh CLI OUTPUT.chronogram
set -eu

cli="$1"
out="$2"
demo="$(dirname "$0")/../data/demo"

"$cli" new "$out" --title "Demo review: Child D" --subject "Child D" \
  --scope 2021-01-01..2023-03-31 --incident 2023-03-14 --retrospective-days 2 --silence-days 120
while IFS='|' read -r file agency; do
  case "$file" in ''|'#'*) continue ;; esac
  "$cli" import "$out" --agency "$agency" "$demo/$file" 2>/dev/null || {
    echo "could not import $file" >&2; exit 1; }
done < "$demo/agencies.txt"
"$cli" family "$out" --people "$demo/people.csv" --relationships "$demo/relationships.csv" \
  --households "$demo/households.csv"
"$cli" analyse "$out"
