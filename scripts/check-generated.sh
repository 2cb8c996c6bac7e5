#!/usr/bin/env bash
# Generates ALL types of the real Graph $metadata files in ../shared/metadata
# into a throw-away crate per file, and `cargo check`s each with warnings
# denied. Prints lines/files/generate time/check time per file.
# Use: scripts/check-generated.sh [v1.0.xml beta-USNat.xml ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/metadata"
if [ ! -d "$shared" ]; then
  echo "skipping: $shared is not present"; exit 0
fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(v1.0.xml beta-USNat.xml)
work="${GENERATED_WORK_DIR:-$root/target/generated-check}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release -q -p graph-model-codegen --manifest-path "$root/Cargo.toml"
gen="$CARGO_TARGET_DIR/release/graph-model-codegen"
for f in "${files[@]}"; do
  name=$(basename "$f" .xml | tr '.' '_' | tr 'A-Z' 'a-z')
  crate="$work/$name"
  rm -rf "$crate"; mkdir -p "$crate/src"
  cat > "$crate/Cargo.toml" <<TOML
[package]
name = "generated-$name"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = { path = "$root/graph-model" }
[workspace]
TOML
  echo 'pub mod generated { include!("gen/mod.rs"); }' > "$crate/src/lib.rs"
  start=$(date +%s.%N)
  "$gen" generate "$shared/$f" --all --navigation --out "$crate/src/gen"
  mid=$(date +%s.%N)
  (cd "$crate" && RUSTFLAGS="-D warnings" cargo check -q)
  end=$(date +%s.%N)
  lines=$(cat "$crate"/src/gen/*.rs | wc -l)
  nfiles=$(ls "$crate"/src/gen/*.rs | wc -l)
  printf '%s: %s lines in %s files; generate %.1f s; cargo check %.1f s (warnings denied)\n' \
    "$f" "$lines" "$nfiles" "$(awk "BEGIN{print $mid - $start}")" "$(awk "BEGIN{print $end - $mid}")"
done
