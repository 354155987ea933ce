#!/usr/bin/env bash
# The nightly walk-through (`npm run demo:nightly`): one real short night of two experiments
# (chaos/suite/fixtures/healthy) into a fresh history, copied into 5 backdated nights, then
# tonight's real suite with payment's retries switched off through environment.serviceConfig
# (chaos/suite/fixtures/weakened). Tonight's summary lists compensated-share as a regression with
# its margin, and the demo exits with the suite's code (6, regressed). A few minutes.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ ${FAULTLINE_SKIP_SETUP:-} != 1 ]]; then bash scripts/setup.sh || exit 5; fi
npm run -s build >/dev/null || exit 70

DEMO=${FAULTLINE_DEMO_DIR:-$(mktemp -d -t faultline-nightly-XXXX)}
HISTORY="$DEMO/history.duckdb"
TRIALS=${FAULTLINE_DEMO_TRIALS:-1}
mkdir -p "$DEMO" || exit 5
echo "demo: folder $DEMO"

echo "demo: a real healthy night (2 short experiments x $TRIALS trial(s))"
node bin/faultline.js suite chaos/suite/fixtures/healthy --trials "$TRIALS" --out "$DEMO/runs" \
  --history "$HISTORY" --history-init | tee "$DEMO/healthy.log" | grep '^\[suite\] \(score\|new\|stable\)\|^/'
FIRST=$(grep -E '/suite-[0-9]{8}T[0-9]{6}Z$' "$DEMO/healthy.log" | tail -1)
[[ -n $FIRST ]] || { echo "demo: the healthy night did not run"; exit 5; }

echo "demo: seeding 5 earlier nights from it (backdated)"
node dist/chaos/suite/demo/seed-nights.js "$HISTORY" "$FIRST/suite.json" 5 || exit 5

echo "demo: tonight, with payment's retries switched off (FAULTLINE_RETRIES=off)"
node bin/faultline.js suite chaos/suite/fixtures/weakened --trials "$TRIALS" --out "$DEMO/runs" \
  --history "$HISTORY" --fail-on regression | tee "$DEMO/tonight.log" | grep '^\[suite\] \(score\|regressed\|new-failure\|summary\|trend\)\|regressed'
CODE=${PIPESTATUS[0]}
TONIGHT=$(grep -E '/suite-[0-9]{8}T[0-9]{6}Z$' "$DEMO/tonight.log" | tail -1)
echo
echo "demo: summary.md  $TONIGHT/summary.md"
echo "demo: trend.html  $TONIGHT/trend.html"
echo "demo: the suite exited $CODE ($(node bin/faultline.js exit-codes | awk -v c="$CODE" '$1 == c {print $2}'))"
exit "$CODE"
