#!/usr/bin/env bash
# Keeps the nightly history file (DuckDB) on an orphan branch of the repository, one commit per
# night, so it survives any cache eviction and every night can be restored (docs/ci-workflows.md).
#
# Usage:
#   scripts/ci/history-branch.sh restore FILE   fetch FILE from the branch. No branch yet: FILE is
#                                               not written, and FAULTLINE_HISTORY_INIT=1 goes to
#                                               $GITHUB_ENV (the merge then starts a new history).
#                                               A branch without the file is an error (exit 5).
#   scripts/ci/history-branch.sh save FILE      commit FILE as the branch's next commit and push it.
# Environment: FAULTLINE_HISTORY_BRANCH (default resilience-history), FAULTLINE_HISTORY_REMOTE
# (default origin), GITHUB_SHA/GITHUB_RUN_ID/GITHUB_REF_NAME (in the commit message when set).
set -euo pipefail

branch=${FAULTLINE_HISTORY_BRANCH:-resilience-history}
remote=${FAULTLINE_HISTORY_REMOTE:-origin}
name=history.duckdb
log() { printf 'history-branch: %s\n' "$*"; }
fail() {
  printf 'history-branch: %s\n' "$1" >&2
  exit "${2:-5}"
}

usage() { awk 'NR > 4 && /^#/ { sub(/^# ?/, ""); print; next } NR > 4 { exit }' "$0"; }
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  usage
  exit 0
fi
[[ $# -eq 2 && ($1 == restore || $1 == save) ]] || {
  usage >&2
  exit 4
}
cmd=$1 file=$2
# In a job container the checkout belongs to another user than root: let git work in it.
if [[ ${GITHUB_ACTIONS:-} == true ]]; then git config --global --add safe.directory "$PWD"; fi

# 0 when the remote has the branch, 2 when it has not; anything else (no remote, no network) fails.
remote_has_branch() {
  local rc=0
  git ls-remote --exit-code --heads "$remote" "refs/heads/$branch" >/dev/null || rc=$?
  case $rc in
  0) return 0 ;;
  2) return 1 ;;
  *) fail "cannot list the branches of remote '$remote' (git ls-remote exit $rc)" ;;
  esac
}

if [[ $cmd == restore ]]; then
  if ! remote_has_branch; then
    log "no branch $branch on $remote yet: this night starts a new history"
    [[ -z ${GITHUB_ENV:-} ]] || echo 'FAULTLINE_HISTORY_INIT=1' >>"$GITHUB_ENV"
    exit 0
  fi
  git fetch --quiet --no-tags --depth=1 "$remote" "refs/heads/$branch"
  git cat-file -e "FETCH_HEAD:$name" 2>/dev/null ||
    fail "branch $branch has no $name: restore it from an earlier commit of the branch, or delete the branch to start afresh"
  mkdir -p "$(dirname "$file")"
  git show "FETCH_HEAD:$name" >"$file"
  log "restored $file ($(wc -c <"$file") bytes) from $branch $(git rev-parse --short FETCH_HEAD)"
  exit 0
fi

[[ -f $file ]] || fail "no history file $file to save"
parent=()
if remote_has_branch; then
  git fetch --quiet --no-tags --depth=1 "$remote" "refs/heads/$branch"
  parent=(-p "$(git rev-parse FETCH_HEAD)")
  if [[ $(git rev-parse "FETCH_HEAD:$name" 2>/dev/null) == "$(git hash-object "$file")" ]]; then
    log "$file equals the branch's latest: nothing to save"
    exit 0
  fi
fi
readme=$(
  git hash-object -w --stdin <<TXT
Faultline's nightly resilience history (written by scripts/ci/history-branch.sh).
$name is the DuckDB file of \`faultline suite\`; one commit per night. See docs/ci-workflows.md.
TXT
)
blob=$(git hash-object -w "$file")
tree=$(printf '100644 blob %s\tREADME.md\n100644 blob %s\t%s\n' "$readme" "$blob" "$name" | git mktree)
message="nightly history ${GITHUB_REF_NAME:-local} ${GITHUB_SHA:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)} run ${GITHUB_RUN_ID:-local}"
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-github-actions[bot]}
export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}
commit=$(git commit-tree "$tree" "${parent[@]}" -m "$message")
git push --quiet "$remote" "$commit:refs/heads/$branch" ||
  fail "push to $remote $branch was refused (another run pushed first?); the history file is still at $file"
log "saved $file to $branch $(git rev-parse --short "$commit")"
