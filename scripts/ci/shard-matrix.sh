#!/usr/bin/env bash
# Turns the nightly workflow's `shards` input into its shard matrix: writes `count=N` and
# `matrix=[1,...,N]` to $GITHUB_OUTPUT (or prints them). Empty input (a scheduled run) means 2.
#
# Usage: scripts/ci/shard-matrix.sh [N]   (1 <= N <= 16)
set -euo pipefail

n=${1:-}
n=${n:-2}
[[ $n =~ ^[1-9][0-9]*$ && $n -le 16 ]] || {
  echo "shard-matrix: shards '$n' is not a whole number from 1 to 16" >&2
  exit 4
}
matrix=$(seq -s, 1 "$n")
lines="count=$n"$'\n'"matrix=[$matrix]"
if [[ -n ${GITHUB_OUTPUT:-} ]]; then printf '%s\n' "$lines" >>"$GITHUB_OUTPUT"; fi
printf '%s\n' "$lines"
