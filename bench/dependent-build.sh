#!/usr/bin/env bash
# Clean debug build of tests/dependent (a crate depending on graph-model as
# a user's does) with graph-model's default features, RUNS times, the
# target directory emptied before each: wall time and peak memory, and the
# dependency count. Usage: bench/dependent-build.sh [CHECKOUT] [RUNS] [-- cargo args]
# CHECKOUT defaults to this repository; give an older checkout (a git
# worktree) to measure "before" in the same session.
set -euo pipefail
root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
runs="${2:-2}"
shift $(( $# > 2 ? 2 : $# )) || true
[ "${1:-}" = "--" ] && shift
manifest="$root/tests/dependent/Cargo.toml"
target="$(mktemp -d)"
trap 'rm -rf "$target"' EXIT
for i in $(seq "$runs"); do
  rm -rf "$target"/*
  /usr/bin/time -f "%e s %M KiB" -o "$target.time" \
    cargo build -q --manifest-path "$manifest" --target-dir "$target" "$@" >/dev/null 2>&1 || {
      echo "build failed" >&2; exit 1; }
  echo "run $i: $(cat "$target.time")"
done
echo "crates in the dependency tree (normal + build, the dependent included): $(cargo tree -q --manifest-path "$manifest" -e normal,build --prefix none "$@" 2>/dev/null | awk '{print $1}' | sort -u | wc -l)"
rm -f "$target.time"
