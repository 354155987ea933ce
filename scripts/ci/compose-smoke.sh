#!/usr/bin/env bash
# The nightly workflow's compose job: brings up docker-compose.yml, runs one smoke experiment
# (scripts/ci/compose-smoke.yaml: attach mode, real k6 as the load engine, a real Toxiproxy fault)
# against it, saves the stack's logs, and takes the stack down. Exits with the run's code.
#
# Usage: scripts/ci/compose-smoke.sh [--dry-run] [--runs-dir DIR]
#   --dry-run       everything that needs no Docker: build, k6 bundle, compose check, the
#                   experiment validated and planned, k6 found (what this machine can check)
#   --runs-dir DIR  where the run folder and compose.log go (default runs/compose-smoke)
# Needs Docker with the compose plugin, and k6 (K6_BIN or on PATH). Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/../.."

EXPERIMENT=scripts/ci/compose-smoke.yaml
dry_run=0 runs_dir=runs/compose-smoke
while (($#)); do
  case $1 in
  --dry-run)
    dry_run=1
    shift
    ;;
  --runs-dir)
    [[ $# -ge 2 && -n $2 ]] || {
      echo 'compose-smoke: --runs-dir needs a value' >&2
      exit 4
    }
    runs_dir=$2
    shift 2
    ;;
  -h | --help)
    awk 'NR > 4 && /^#/ { sub(/^# ?/, ""); print; next } NR > 4 { exit }' "$0"
    exit 0
    ;;
  *)
    echo "compose-smoke: unknown argument $1 (see --help)" >&2
    exit 4
    ;;
  esac
done
log() { printf 'compose-smoke: %s\n' "$*"; }

k6=${K6_BIN:-$(command -v k6 || true)}
[[ -n $k6 && -x $k6 ]] || {
  log "no k6: set K6_BIN or put k6 on PATH (scripts/ci/install-tools.sh installs it)"
  exit 5
}
log "k6 $("$k6" version | head -n 1)"
npm run --silent build
npm run --silent build:k6
npm run --silent compose:check
node bin/faultline.js validate "$EXPERIMENT"
node bin/faultline.js plan "$EXPERIMENT"
if ((dry_run)); then
  log "dry run: docker compose up and the run itself skipped"
  exit 0
fi

command -v docker >/dev/null || {
  log "no docker on PATH"
  exit 5
}
mkdir -p "$runs_dir"
# shellcheck disable=SC2317 # called by the EXIT trap
down() {
  docker compose logs --no-color --timestamps >"$runs_dir/compose.log" 2>&1 || true
  docker compose down --volumes --remove-orphans || true
}
trap down EXIT
log "docker compose up (build, wait until healthy)"
docker compose up --detach --build --wait --wait-timeout 900
docker compose ps
code=0
K6_BIN=$k6 node bin/faultline.js run "$EXPERIMENT" --runs-dir "$runs_dir" || code=$?
log "run exit $code; logs in $runs_dir/compose.log"
exit "$code"
