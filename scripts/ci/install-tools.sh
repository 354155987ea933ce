#!/usr/bin/env bash
# Installs real k6 and real Toxiproxy on a CI runner (GitHub Actions) from their GitHub releases,
# at the versions .env pins for the compose stack (K6_IMAGE, TOXIPROXY_IMAGE), and hands them to the
# tests as K6_BIN and TOXIPROXY_BIN (appended to $GITHUB_ENV when set, else printed as exports).
# Tests that need them skip with the reason when they are absent, so this step is optional.
#
# Usage: scripts/ci/install-tools.sh [--print-urls] [DIR]   (DIR default: $RUNNER_TEMP/faultline-tools)
set -euo pipefail
cd "$(dirname "$0")/../.."

print_only=0
if [[ ${1:-} == --print-urls ]]; then
  print_only=1
  shift
fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
fi
dir=${1:-${RUNNER_TEMP:-/tmp}/faultline-tools}

# The tag of an image pinned in .env, without a leading v: `image_version K6_IMAGE` -> 1.3.0.
image_version() {
  local line
  line=$(grep -E "^$1=" .env) || {
    echo "install-tools: .env has no $1" >&2
    exit 1
  }
  line=${line##*:}
  printf '%s\n' "${line#v}"
}

case $(uname -m) in
x86_64 | amd64) arch=amd64 ;;
aarch64 | arm64) arch=arm64 ;;
*)
  echo "install-tools: no k6/Toxiproxy release for $(uname -m)" >&2
  exit 1
  ;;
esac
k6_version=$(image_version K6_IMAGE)
toxiproxy_version=$(image_version TOXIPROXY_IMAGE)
k6_url="https://github.com/grafana/k6/releases/download/v$k6_version/k6-v$k6_version-linux-$arch.tar.gz"
toxiproxy_url="https://github.com/Shopify/toxiproxy/releases/download/v$toxiproxy_version/toxiproxy-server-linux-$arch"

if ((print_only)); then
  printf '%s\n' "$k6_url" "$toxiproxy_url"
  exit 0
fi

mkdir -p "$dir"
echo "install-tools: k6 $k6_version and Toxiproxy $toxiproxy_version into $dir"
curl -fsSL --retry 3 "$k6_url" | tar -xz -C "$dir" --strip-components 1 "k6-v$k6_version-linux-$arch/k6"
curl -fsSL --retry 3 -o "$dir/toxiproxy-server" "$toxiproxy_url"
chmod +x "$dir/k6" "$dir/toxiproxy-server"
"$dir/k6" version
"$dir/toxiproxy-server" -version

if [[ -n ${GITHUB_ENV:-} ]]; then
  printf 'K6_BIN=%s\nTOXIPROXY_BIN=%s\n' "$dir/k6" "$dir/toxiproxy-server" >>"$GITHUB_ENV"
  echo "install-tools: K6_BIN and TOXIPROXY_BIN set for the next steps"
else
  printf 'export K6_BIN=%q TOXIPROXY_BIN=%q\n' "$dir/k6" "$dir/toxiproxy-server"
fi
