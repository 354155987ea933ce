#!/usr/bin/env bash
# The main job (`npm run demo`): set up idempotently, then run the default experiment end to end on
# the embedded environment (fault proxy, OTLP receiver, the fleet and a Prometheus, all on free
# loopback ports, stopped at the end): a 20 s PSP outage under checkout load, about two minutes in
# all. Prints every check, the verdict and the path of the HTML report, and exits with the run's
# code (`faultline exit-codes`). FAULTLINE_SKIP_SETUP=1 skips the set-up; FAULTLINE_DEMO_EXPERIMENT
# runs another experiment file. The fleet walk-through (place an order, watch it complete and
# compensate) is `npm run demo:fleet`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${FAULTLINE_SKIP_SETUP:-} != 1 ]]; then bash scripts/setup.sh; fi

EXPERIMENT=${FAULTLINE_DEMO_EXPERIMENT:-experiments/psp-outage.yaml}
RUNS_DIR=${FAULTLINE_RUNS_DIR:-runs}
OUT=$(mktemp -t faultline-demo-XXXX.log)
trap 'rm -f "$OUT"' EXIT

echo "demo: faultline run $EXPERIMENT --runs-dir $RUNS_DIR"
started=$SECONDS
code=0
node bin/faultline.js run "$EXPERIMENT" --runs-dir "$RUNS_DIR" 2>&1 | tee "$OUT" || code=${PIPESTATUS[0]}

report=$(grep -o '[^ ]*report\.html' "$OUT" | tail -n 1 || true)
verdict=$(grep -oE 'verdict:? +[a-z]+' "$OUT" | tail -n 1 | grep -oE '[a-z]+$' || true)
echo
echo "demo: verdict ${verdict:-unknown} (exit $code) after $((SECONDS - started)) s"
echo "demo: HTML report ${report:-not written}"
exit "$code"
