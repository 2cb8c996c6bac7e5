#!/usr/bin/env bash
# What a root closure costs a dependent: for each case, the closure size
# (`graph-model-codegen closure`), then a clean debug build of a small crate
# that depends on graph-model (default-features = false) generated from
# GRAPH_MODEL_METADATA with GRAPH_MODEL_ROOTS (and GRAPH_MODEL_NAVIGATION),
# each in an empty target directory: wall time, peak memory, generated lines.
# Use: scripts/closure-build.sh [CASE...]   where CASE is one of
#   seed          the bundled model (no environment)
#   user | message | group | driveItem   that root of v1.0.xml, no navigation
#   user-nav      microsoft.graph.user with all navigation (the old default; slow)
#   four          user, message, group and driveItem together
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
v1="$root/../shared/metadata/v1.0.xml"
work="${CLOSURE_WORK_DIR:-$root/target/closure-build}"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(seed user message group driveItem four)
mkdir -p "$work"
cargo build -q --release -p graph-model-codegen --features cli --manifest-path "$root/Cargo.toml"
gen="$root/target/release/graph-model-codegen"
now() { date +%s.%N; }

for c in "${cases[@]}"; do
  nav=none; roots=""; metadata=""; ty="graph::CustomDataProvidedResourceFile"
  case "$c" in
    seed) ;;
    user|message|group|driveItem) roots="microsoft.graph.$c"; ty="graph::$(echo "${c:0:1}" | tr a-z A-Z)${c:1}" ;;
    user-nav) roots="microsoft.graph.user"; nav=all; ty="graph::User" ;;
    four) roots="microsoft.graph.user,microsoft.graph.message,microsoft.graph.group,microsoft.graph.driveItem"; ty="graph::User" ;;
    *) echo "unknown case $c" >&2; exit 2 ;;
  esac
  if [ -n "$roots" ]; then
    if [ ! -f "$v1" ]; then echo "$c: skipped, $v1 is not present"; continue; fi
    metadata="$v1"
    args=(); IFS=, read -ra rs <<< "$roots"; for r in "${rs[@]}"; do args+=(--root "$r"); done
    [ "$nav" = all ] && args+=(--navigation)
    size=$("$gen" closure "$v1" "${args[@]}" 2>&1 >/dev/null | tr '\n' ';')
  else
    size=$("$gen" closure "$root/graph-model/metadata/graph-seed.xml" --root microsoft.graph.customDataProvidedResourceUploadSession --navigation 2>&1 >/dev/null | tr '\n' ';')
  fi
  crate="$work/$c"
  rm -rf "$crate"; mkdir -p "$crate/src"
  cat > "$crate/Cargo.toml" <<TOML
[package]
name = "closure-$(echo "$c" | tr 'A-Z' 'a-z')"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = { path = "$root/graph-model", default-features = false, features = ["codegen"] }
serde_json = "1"
[workspace]
TOML
  cat > "$crate/src/main.rs" <<RS
fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| "{}".into());
    let v: graph_model::$ty = serde_json::from_str(&text).expect("reads");
    println!("{}", serde_json::to_string(&v).expect("writes"));
}
RS
  cp "$root/tests/dependent/Cargo.lock" "$crate/Cargo.lock"
  t0=$(now)
  (cd "$crate" && env ${metadata:+GRAPH_MODEL_METADATA="$metadata"} ${roots:+GRAPH_MODEL_ROOTS="$roots"} GRAPH_MODEL_NAVIGATION="$nav" \
     CARGO_TARGET_DIR="$crate/target" /usr/bin/time -f "%M" -o "$crate/peak" cargo build -q 2>"$crate/build.log") \
     || { echo "$c: build failed"; tail -20 "$crate/build.log"; exit 1; }
  t1=$(now)
  out=$(find "$crate/target/debug/build" -path '*graph-model-*/out/graph' -type d | head -1)
  lines=$(cat "$out"/*.rs | wc -l)
  peak=$(awk '{printf "%.0f", $1/1024}' "$crate/peak")
  echo "$c: closure ${size%;}; $lines generated lines; clean debug build $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s, peak $peak MiB"
done
