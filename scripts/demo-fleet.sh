#!/usr/bin/env bash
# The fleet walk-through (`npm run demo:fleet`): set up idempotently, start the fleet, place
# a real order through the gateway and watch it complete, place one for SKU-OOS and watch it
# compensate, then stop the fleet cleanly. Ports: the defaults (gateway 8080); override with
# FAULTLINE_PORT_BASE / FAULTLINE_ADMIN_PORT_BASE if they are taken.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${FAULTLINE_SKIP_SETUP:-} != 1 ]]; then bash scripts/setup.sh; fi

PORT_BASE=${FAULTLINE_PORT_BASE:-8080}
ADMIN_BASE=${FAULTLINE_ADMIN_PORT_BASE:-9180}
GATEWAY="http://127.0.0.1:${PORT_BASE}"
LOG=$(mktemp -t faultline-demo-XXXX.log)

node bin/faultline.js fleet up --port-base "$PORT_BASE" --admin-port-base "$ADMIN_BASE" >"$LOG" 2>&1 &
FLEET_PID=$!
stop_fleet() {
  if kill -0 "$FLEET_PID" 2>/dev/null; then
    echo "demo: stopping the fleet (pid $FLEET_PID)"
    kill -TERM "$FLEET_PID"
    wait "$FLEET_PID" || true
  fi
}
trap stop_fleet EXIT

echo "demo: starting the fleet (logs: $LOG)"
for _ in $(seq 1 120); do
  grep -q '^fleet ready' "$LOG" && break
  kill -0 "$FLEET_PID" 2>/dev/null || { echo "demo: the fleet failed to start:"; tail -n 30 "$LOG"; exit 1; }
  sleep 0.5
done
grep -q '^fleet ready' "$LOG" || { echo "demo: the fleet was not ready in 60 s"; tail -n 30 "$LOG"; exit 1; }
grep '^fleet ready' "$LOG"

json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);console.log(o[process.argv[1]]??"")})' "$1"; }

# place_and_watch <sku> <expected status>
place_and_watch() {
  local sku=$1 expected=$2 body id status=""
  body=$(printf '{"customerId":"demo-customer","items":[{"sku":"%s","quantity":1}]}' "$sku")
  echo
  echo "demo: curl -X POST $GATEWAY/v1/orders -d '$body'"
  id=$(curl -sS -X POST "$GATEWAY/v1/orders" -H 'content-type: application/json' \
    -H "Idempotency-Key: demo-$sku-$$" -d "$body" | json_field id)
  echo "demo: order $id accepted; polling GET $GATEWAY/v1/orders/$id"
  for _ in $(seq 1 150); do
    status=$(curl -sS "$GATEWAY/v1/orders/$id" | json_field status)
    [[ $status == completed || $status == compensated ]] && break
    sleep 0.2
  done
  curl -sS "$GATEWAY/v1/orders/$id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);console.log(`  status: ${o.status}${o.reason?` (reason: ${o.reason})`:""}`);for(const h of o.history)console.log(`  ${h.at}  ${h.step.padEnd(18)} ${h.event}${h.reason?` (${h.reason})`:""}`)})'
  if [[ $status != "$expected" ]]; then
    echo "demo: expected $expected, got ${status:-nothing}"
    exit 1
  fi
}

place_and_watch SKU-0001 completed
place_and_watch SKU-OOS compensated
echo
echo "demo: both orders reached their expected terminal state"
