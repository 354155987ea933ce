#!/usr/bin/env bash
# The long end-to-end tier: catalog experiments under both engines (parity with real k6), the
# controller SIGKILLed across fleet start-up, and sharded nights through scripts/nightly.sh. Each
# test runs several real experiments (minutes each), so this tier is kept out of `npm test` (CI's
# 90-minute budget) and belongs in the nightly job. Same set-up as npm test;
# real k6 and Toxiproxy are taken from ../shared/tools when K6_BIN / TOXIPROXY_BIN are not set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
tools="$(cd .. && pwd)/shared/tools"
if [[ -z ${K6_BIN:-} && -x $tools/k6/k6 ]]; then export K6_BIN="$tools/k6/k6"; fi
if [[ -z ${TOXIPROXY_BIN:-} && -x $tools/toxiproxy/toxiproxy-server ]]; then
  export TOXIPROXY_BIN="$tools/toxiproxy/toxiproxy-server"
fi
node dist/load/k6-build/main.js
npx mocha --config .mocharc.e2e.json 'dist/**/*.e2e.test.js' "$@"
