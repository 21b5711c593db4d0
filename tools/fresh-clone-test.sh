#!/usr/bin/env bash
# A newcomer's first run, reproducible: clones this repository at its current commit (HEAD: uncommitted
# changes are not part of it) into a temporary directory and runs Quick start line 2 there as someone with
# only Node.js and npm would:
#   - HOME is a new empty directory: no npm cache, no pnpm store, no npm or pnpm config;
#   - `npm install -g` installs into a private prefix, first on PATH (the machine's own pnpm is untouched);
#   - the environment holds only PATH (without any node_modules or pnpm directory), the locale, and the
#     machine's CA and proxy settings.
# Then it runs the line a second time in the same clone (warm caches), prints both wall times, and fails if
# either run fails or leaves a process behind.
#
# Usage: tools/fresh-clone-test.sh [--once] [--keep] [--load N]
#   --once    only the first (cold) run        --keep  keep the temporary directory (clone, HOME) afterwards
#   --load N  run beside N CPU-bound processes (a busy laptop or a shared CI runner), ended afterwards
set -euo pipefail

usage() { echo "usage: $0 [--once] [--keep] [--load N]" >&2; exit 2; }
once=0
keep=0
load=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --once) once=1 ;;
    --keep) keep=1 ;;
    --load)
      [[ ${2:-} =~ ^[0-9]+$ ]] || usage
      load=$2
      shift
      ;;
    *) usage ;;
  esac
  shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse HEAD)
line=$(node "$repo/tools/quick-start-line.mjs" 2)
work=$(mktemp -d "${TMPDIR:-/tmp}/aidp-fresh-clone-XXXXXX")
load_pids=()
cleanup() {
  if [[ ${#load_pids[@]} -gt 0 ]]; then kill "${load_pids[@]}" 2>/dev/null || true; fi
  if [[ $keep == 1 ]]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

git clone --quiet --no-checkout "$repo" "$work/repo"
git -C "$work/repo" checkout --quiet --detach "$commit"
mkdir "$work/home" "$work/npm-global"

# PATH as a fresh shell has it: no node_modules/.bin, no pnpm home; the private npm prefix first.
system_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e node_modules -e pnpm | paste -sd: -)
environment=(HOME="$work/home" PATH="$work/npm-global/bin:$system_path" npm_config_prefix="$work/npm-global")
for name in LANG LC_ALL TERM TZ CI NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR \
  HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  if [[ -n ${!name:-} ]]; then environment+=("$name=${!name}"); fi
done

# Every process of a run inherits its HOME, so one still running afterwards is one the run left behind.
leftovers() {
  local environ
  for environ in /proc/[0-9]*/environ; do
    if grep -qsxzF "HOME=$work/home" "$environ"; then
      local pid=${environ#/proc/}
      pid=${pid%/environ}
      echo "  pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
    fi
  done
}

run() {
  local label=$1 started status
  echo "=== $label run in $work/repo (commit ${commit:0:12}), HOME=$work/home"
  echo "+ $line"
  started=$(date +%s)
  set +e
  (cd "$work/repo" && env -i "${environment[@]}" bash -c "$line")
  status=$?
  set -e
  local seconds=$(($(date +%s) - started))
  local left
  left=$(leftovers)
  echo "=== $label run: exit $status, $seconds s wall time"
  if [[ -n $left ]]; then
    echo "=== $label run left processes behind:"
    echo "$left"
    return 1
  fi
  return "$status"
}

# The load: each process spins one core at full use until the trap above ends it.
for ((i = 0; i < load; i++)); do
  bash -c 'while :; do :; done' &
  load_pids+=($!)
done
if [[ $load -gt 0 ]]; then echo "=== beside $load CPU-bound processes (pids ${load_pids[*]})"; fi

run cold
if [[ $once == 0 ]]; then run warm; fi
