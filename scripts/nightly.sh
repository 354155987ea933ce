#!/usr/bin/env bash
# The nightly resilience run: the one entry point the GitHub workflows call (and `npm run nightly`
# locally), so that no logic lives in workflow YAML. See docs/ci-workflows.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage:
  scripts/nightly.sh [run] [options] [paths...]
      README set-up, then `faultline suite` over paths (default: experiments).
      Unsharded by default: then it also appends the history and writes the step summary.
  scripts/nightly.sh merge [options] <shard-dir>...
      `faultline suite merge` of shard outputs: appends the history, writes the step summary,
      exits by --fail-on. A shard dir is a suite-<timestamp>/ folder, or a folder holding exactly one.

Options (run):
  --shard i/n         run shard i of n (1 <= i <= n); a shard writes no history and exits 0 on a
                      finished run whatever its verdicts: the merge judges
  --tag T             only experiments tagged T (repeatable; "a,b" is two tags)
  --exclude-tag T     leave out experiments tagged T (repeatable; "a,b" is two tags)
  --trials N          run each experiment N times (default 1)
Options (run and merge):
  --out DIR           where suite folders go (default runs/nightly; merge: runs/nightly/merged)
  --history PATH      the history file (default .faultline/history.duckdb)
  --history-init      start a new history file (faultline refuses a missing one otherwise);
                      also FAULTLINE_HISTORY_INIT=1 (scripts/ci/history-branch.sh sets it)
  --fail-on LIST      fail,regression,flaky,inconclusive (default fail,regression)
  --skip-setup        skip `bash scripts/setup.sh` (also FAULTLINE_SKIP_SETUP=1)
  -h, --help          this text

Environment (defaults for the options, so that workflows pass inputs without quoting them):
  NIGHTLY_SHARD, NIGHTLY_TAGS, NIGHTLY_EXCLUDE_TAGS (comma-separated), NIGHTLY_TRIALS,
  NIGHTLY_FAIL_ON; an empty value is the same as unset. Options override them (--tag and
  --exclude-tag add to them).
  GITHUB_STEP_SUMMARY  when set, summary.md is appended to it (merge, or an unsharded run)
Exit: faultline's code (`node bin/faultline.js exit-codes`); 4 (invalid input) for bad arguments.
EOF
}

INVALID=4
die() {
  printf 'nightly: %s\n' "$1" >&2
  printf 'nightly: see scripts/nightly.sh --help\n' >&2
  exit "$INVALID"
}
log() { printf 'nightly: %s\n' "$*"; }

mode=run
if [[ ${1:-} == run || ${1:-} == merge ]]; then
  mode=$1
  shift
fi

shard=${NIGHTLY_SHARD:-} trials=${NIGHTLY_TRIALS:-} out='' history=''
fail_on=${NIGHTLY_FAIL_ON:-fail,regression}
history_init=${FAULTLINE_HISTORY_INIT:-0}
skip_setup=${FAULTLINE_SKIP_SETUP:-0}
tags=() exclude_tags=() paths=()

# Value of option $1 given as $2; refuses a missing value or one that looks like another option.
need_value() {
  [[ $# -ge 2 && -n $2 && $2 != --* ]] || die "$1 needs a value"
}
add_tags() {
  local -n into=$1
  local t split
  IFS=',' read -r -a split <<<"$2"
  for t in "${split[@]}"; do
    t=${t//[[:space:]]/}
    [[ -n $t ]] || continue
    [[ $t =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "tag '$t' is not lower-case words joined by -"
    into+=("$t")
  done
}

[[ -z ${NIGHTLY_TAGS:-} ]] || add_tags tags "$NIGHTLY_TAGS"
[[ -z ${NIGHTLY_EXCLUDE_TAGS:-} ]] || add_tags exclude_tags "$NIGHTLY_EXCLUDE_TAGS"
while (($#)); do
  case $1 in
  -h | --help)
    usage
    exit 0
    ;;
  --shard)
    need_value "$@"
    shard=$2
    shift 2
    ;;
  --tag)
    need_value "$@"
    add_tags tags "$2"
    shift 2
    ;;
  --exclude-tag)
    need_value "$@"
    add_tags exclude_tags "$2"
    shift 2
    ;;
  --trials)
    need_value "$@"
    trials=$2
    shift 2
    ;;
  --out)
    need_value "$@"
    out=$2
    shift 2
    ;;
  --history)
    need_value "$@"
    history=$2
    shift 2
    ;;
  --history-init)
    history_init=1
    shift
    ;;
  --fail-on)
    need_value "$@"
    fail_on=$2
    shift 2
    ;;
  --skip-setup)
    skip_setup=1
    shift
    ;;
  --)
    shift
    paths+=("$@")
    break
    ;;
  -*) die "unknown option $1" ;;
  *)
    paths+=("$1")
    shift
    ;;
  esac
done

# Validation: everything the arguments can get wrong is refused here, before any set-up.
if [[ -n $shard ]]; then
  [[ $shard =~ ^([0-9]+)/([0-9]+)$ ]] || die "--shard '$shard' is not i/n"
  ((BASH_REMATCH[2] >= 1 && BASH_REMATCH[1] >= 1 && BASH_REMATCH[1] <= BASH_REMATCH[2])) ||
    die "--shard '$shard': need 1 <= i <= n"
fi
if [[ -n $trials ]]; then
  [[ $trials =~ ^[1-9][0-9]*$ ]] || die "--trials '$trials' is not a positive integer"
fi
IFS=',' read -r -a fail_split <<<"$fail_on"
((${#fail_split[@]})) || die "--fail-on is empty"
for f in "${fail_split[@]}"; do
  case $f in
  fail | regression | flaky | inconclusive) ;;
  *) die "--fail-on '$f' is not one of fail, regression, flaky, inconclusive" ;;
  esac
done
if [[ $mode == merge ]]; then
  [[ -z $shard && -z $trials && ${#tags[@]} -eq 0 && ${#exclude_tags[@]} -eq 0 ]] ||
    die "merge takes no --shard, --trials, --tag or --exclude-tag (the shards carry their selection)"
  ((${#paths[@]})) || die "merge needs at least one shard dir"
elif [[ -n $shard && -n $history ]]; then
  die "a shard writes no history: give --history to the merge"
fi
for p in "${paths[@]}"; do
  if [[ ! -e $p && ($p == run || $p == merge) ]]; then die "'$p' is a subcommand: give it first (scripts/nightly.sh $p [options])"; fi
  [[ -e $p ]] || die "no such file or directory: $p"
done

# The suite folder inside a shard dir: the dir itself when it holds suite.json, else its one suite-*.
suite_dir() {
  local dir=$1
  [[ -d $dir ]] || die "shard dir $dir is not a directory"
  if [[ -f $dir/suite.json ]]; then
    printf '%s\n' "$dir"
    return
  fi
  local found=()
  for d in "$dir"/suite-*/; do [[ -d $d ]] && found+=("${d%/}"); done
  ((${#found[@]} == 1)) || die "shard dir $dir holds ${#found[@]} suite-* folders (want suite.json or exactly one)"
  printf '%s\n' "${found[0]}"
}

history_args() {
  [[ -z $history ]] || printf '%s\n' --history "$history"
  [[ $history_init != 1 ]] || printf '%s\n' --history-init
  printf '%s\n' --fail-on "$fail_on"
}

write_step_summary() {
  local summary=$1
  if [[ -z ${GITHUB_STEP_SUMMARY:-} ]]; then return; fi
  if [[ -f $summary ]]; then
    cat "$summary" >>"$GITHUB_STEP_SUMMARY"
    log "step summary written from $summary"
  else
    printf 'Nightly resilience: no summary.md was written (see the job log).\n' >>"$GITHUB_STEP_SUMMARY"
    log "no $summary to put in the step summary"
  fi
}

# Exit code of a named outcome, from faultline's own table (so a renumbering cannot drift).
code_of() { node bin/faultline.js exit-codes | awk -v n="$1" '$2 == n { print $1 }'; }

dirs=()
if [[ $mode == merge ]]; then
  for p in "${paths[@]}"; do dirs+=("$(suite_dir "$p")"); done
fi

if [[ $skip_setup != 1 ]]; then
  log "set-up: bash scripts/setup.sh"
  bash scripts/setup.sh
else
  log "set-up skipped"
fi

if [[ $mode == merge ]]; then
  out=${out:-runs/nightly/merged}
  mapfile -t extra < <(history_args)
  log "faultline suite merge ${dirs[*]} --out $out ${extra[*]}"
  code=0
  node bin/faultline.js suite merge "${dirs[@]}" --out "$out" "${extra[@]}" || code=$?
  write_step_summary "$out/summary.md"
  [[ ! -f $out/trend.html ]] || log "trend report $out/trend.html"
  log "merge exit $code"
  exit "$code"
fi

out=${out:-runs/nightly}
((${#paths[@]})) || paths=(experiments)
args=("${paths[@]}" --out "$out")
for t in "${tags[@]}"; do args+=(--tag "$t"); done
for t in "${exclude_tags[@]}"; do args+=(--exclude-tag "$t"); done
[[ -z $trials ]] || args+=(--trials "$trials")
if [[ -n $shard ]]; then
  args+=(--shard "$shard" --fail-on "$fail_on")
else
  mapfile -t extra < <(history_args)
  args+=("${extra[@]}")
fi
mkdir -p "$out"
before=$(find "$out" -maxdepth 1 -name 'suite-*' -type d | sort)
log "faultline suite ${args[*]}"
code=0
node bin/faultline.js suite "${args[@]}" || code=$?
made=$(comm -13 <(printf '%s\n' "$before") <(find "$out" -maxdepth 1 -name 'suite-*' -type d | sort))
made=${made//$'\n'/ }
log "suite exit $code, folder ${made:-none written}"

if [[ -z $shard ]]; then
  [[ -z $made ]] || write_step_summary "$made/summary.md"
  exit "$code"
fi
# A shard that finished reports its verdicts to the merge; only a broken run fails the shard job.
for name in fail inconclusive aborted regressed; do
  if [[ $code -ne 0 && $code == "$(code_of "$name")" ]]; then
    log "shard $shard finished with verdict '$name': the merge job judges (--fail-on $fail_on)"
    code=0
  fi
done
[[ $code -ne 0 || -n $made ]] || {
  log "shard $shard exited 0 but wrote no suite-* folder under $out"
  code=$(code_of internal)
}
exit "$code"
