#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine (run as root) or an already prepared one:
#   1. installs the system packages the project needs (apt-get), only if missing;
#   2. starts PostgreSQL and RabbitMQ if they are stopped, enables RabbitMQ's management and
#      Prometheus plugins;
#   3. creates the fleet's databases;
#   4. runs `npm ci` when node_modules does not match package-lock.json, then builds.
# Safe to run any number of times. Prints one line per step.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*"; }

PACKAGES=(rabbitmq-server postgresql prometheus chromium)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "system packages present"
fi
# Debian's prometheus package starts a system-wide server on :9090 through systemd when systemd
# exists; we never rely on it: the controller starts its own Prometheus with a generated config.

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting PostgreSQL"
  cluster=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL did not start"; exit 1; }
log "PostgreSQL ready"
# The fleet and the tests connect as postgres over loopback without a password. Debian's default
# pg_hba.conf asks for one on 127.0.0.1 (a fresh machine, e.g. a CI container): trust loopback.
if ! psql -h 127.0.0.1 -U postgres -w -tAc 'select 1' >/dev/null 2>&1; then
  cluster=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$cluster/main/pg_hba.conf
  log "trusting loopback connections in $hba"
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main reload
  psql -h 127.0.0.1 -U postgres -w -tAc 'select 1' >/dev/null || { log "PostgreSQL refuses postgres on 127.0.0.1"; exit 1; }
fi

# RabbitMQ
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  log "starting RabbitMQ"
  rabbitmq-server -detached || true
fi
rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 || {
  # The node is up but the app was stopped (e.g. by an outage test that died): start it.
  rabbitmqctl -q start_app >/dev/null 2>&1 || true
  rabbitmqctl -q await_startup --timeout 60 >/dev/null
}
rabbitmqctl -q start_app >/dev/null 2>&1 || true
rabbitmq-plugins -q enable rabbitmq_management rabbitmq_prometheus >/dev/null
log "RabbitMQ ready (management and prometheus plugins enabled)"

# Databases (the services also create and migrate their own at start).
for db in order_db payment_db inventory_db shipping_db; do
  if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
    log "created database $db"
  fi
done

# Node dependencies and build.
stamp=node_modules/.faultline-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
else
  log "node_modules up to date"
fi
npm run --silent build
