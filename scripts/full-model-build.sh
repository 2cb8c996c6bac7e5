#!/usr/bin/env bash
# What all of Graph v1.0 as Rust types costs a dependent (issue #30's table).
# A crate outside the workspace depends on graph-model with
# `default-features = false, features = ["codegen"]`, generates all of
# v1.0.xml reachable from `microsoft.graph.user` with every navigation
# property followed (GRAPH_MODEL_NAVIGATION=all: nearly the whole model), and
# its `main` reads one user from stdin with serde_json and writes it back.
# Each build starts from an empty target directory; one run each:
#   release   clean `cargo build --release`: wall time, peak memory, binary
#             size stripped (the binary is run on a user to show it works)
#   debug     clean `cargo build` of the same crate: wall time, peak memory
#   user      the same program with only the user's closure (no navigation):
#             release binary size stripped (reported)
# Peak memory is the largest resident set of any one process of the build
# (/usr/bin/time's %M of cargo, which waits for each rustc).
# Usage: scripts/full-model-build.sh [CHECKOUT]
#   CHECKOUT: the repository to measure (default this one); give a git
#   worktree of an older commit to measure "before" in the same session.
# Ends with one line:
#   release <s> s, peak <MB> MB, binary <MB> MB stripped, debug <s> s, debug peak <MB> MB
set -euo pipefail
root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
here="$(cd "$(dirname "$0")/.." && pwd)"
v1="$here/../shared/metadata/v1.0.xml"
if [ ! -f "$v1" ]; then echo "skipping: $v1 is not present"; exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dep="$work/dep"
mkdir -p "$dep/src"
cat > "$dep/Cargo.toml" <<TOML
[package]
name = "full-model"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = { path = "$root/graph-model", default-features = false, features = ["codegen"] }
serde_json = "1"
[workspace]
TOML
cat > "$dep/src/main.rs" <<'RS'
fn main() {
    let text = std::io::read_to_string(std::io::stdin()).expect("stdin");
    let user: graph_model::graph::User = serde_json::from_str(&text).expect("a user");
    println!("{}", serde_json::to_string(&user).expect("written"));
}
RS
user='{"id":"1","displayName":"Adele Vance","manager":{"@odata.type":"#microsoft.graph.user","id":"2"},"extra":true}'
export GRAPH_MODEL_METADATA="$v1" CARGO_INCREMENTAL=0
mb() { awk "BEGIN{printf \"%.1f\", $1 / 1048576}"; }

# build NAME PROFILE-ARGS...: clean build, sets $secs and $peak (MB).
build() {
  local name=$1; shift
  rm -rf "$work/target"
  if ! /usr/bin/time -f "%e %M" -o "$work/time" \
      cargo build -q --timings --manifest-path "$dep/Cargo.toml" --target-dir "$work/target" "$@" \
      >"$work/$name.log" 2>&1; then
    echo "$name: build failed" >&2; tail -30 "$work/$name.log" >&2; exit 1
  fi
  read -r secs kib < "$work/time"
  peak=$(awk "BEGIN{printf \"%.0f\", $kib / 1024}")
  # Where the time went: the two crates that hold the model's code
  # (cargo's --timings data; graph-model's build script generates it).
  python3 - "$work"/target/cargo-timings/cargo-timing-*.html <<'PY' >&2
import json, re, sys
text = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", text, re.S).group(1))
parts = [f'{u["name"]}{u["target"]} {u["duration"]:.1f} s'
         for u in units if u["name"] in ("graph-model", "full-model")]
print("  of which: " + ", ".join(parts))
PY
  rm -rf "$work"/target/cargo-timings
}

# stripped BINARY: its size in MB once stripped, after running it on a user.
stripped() {
  local out
  out=$(echo "$user" | "$1")
  [ "$out" = "$user" ] || { echo "the binary did not write the user back: $out" >&2; exit 1; }
  strip -o "$work/stripped" "$1"
  mb "$(stat -c %s "$work/stripped")"
}

export GRAPH_MODEL_NAVIGATION=all GRAPH_MODEL_ROOTS=microsoft.graph.user
build release --release
r_secs=$secs r_peak=$peak
r_bin=$(stripped "$work/target/release/full-model")
echo "release (all navigation from user): $r_secs s, peak $r_peak MB, binary $r_bin MB stripped ($(mb "$(stat -c %s "$work/target/release/full-model")") MB unstripped)"

build debug
d_secs=$secs d_peak=$peak
echo "debug (all navigation from user): $d_secs s, peak $d_peak MB"

export GRAPH_MODEL_NAVIGATION=none
build user --release
echo "release, the user's closure only: $secs s, peak $peak MB, binary $(stripped "$work/target/release/full-model") MB stripped"

echo "release $r_secs s, peak $r_peak MB, binary $r_bin MB stripped, debug $d_secs s, debug peak $d_peak MB"
