#!/usr/bin/env bash
# End-to-end check of the analysis on the test reviews in tests/data: each review is built
# with chronogram-cli exactly as the acceptance contract describes and its export is
# checked against the review's expected.json by check-review.py. Fails if any review fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$(cd "$here/../data" && pwd)"
cli="${CHRONOGRAM_CLI:?set CHRONOGRAM_CLI to the chronogram-cli executable}"
python="$(command -v python3)"

failed=()
for review in child-a child-b child-c; do
    echo "== $python $here/check-review.py $cli $data/$review"
    if "$python" "$here/check-review.py" "$cli" "$data/$review"; then
        echo "== $review: ok"
    else
        echo "== $review: FAILED"
        failed+=("$review")
    fi
done

if ((${#failed[@]})); then
    echo "FAILED: ${failed[*]}"
    exit 1
fi
echo "all reviews ok"
