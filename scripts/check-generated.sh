#!/usr/bin/env bash
# Generates ALL types of the real Graph $metadata files in ../shared/metadata
# into a throw-away crate per file and `cargo check`s each with warnings
# denied; then generates v1.0 with one Cargo feature per namespace and checks
# it with no namespace, one small namespace, and all of them.
# Prints lines / files / generate time / check time.
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
export RUSTFLAGS="-D warnings"
cargo build --release -q -p graph-model-codegen --manifest-path "$root/Cargo.toml"
gen="$CARGO_TARGET_DIR/release/graph-model-codegen"
now() { date +%s.%N; }
secs() { awk "BEGIN{printf \"%.1f\", $2 - $1}"; }

# new_crate DIR NAME: a crate that includes src/gen/mod.rs
new_crate() {
  rm -rf "$1"; mkdir -p "$1/src"
  cat > "$1/Cargo.toml" <<TOML
[package]
name = "generated-$2"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = { path = "$root/graph-model" }
[workspace]
TOML
  echo 'pub mod generated { include!("gen/mod.rs"); }' > "$1/src/lib.rs"
}

for f in "${files[@]}"; do
  name=$(basename "$f" .xml | tr '.A-Z' '_a-z')
  crate="$work/$name"
  new_crate "$crate" "$name"
  t0=$(now)
  "$gen" generate "$shared/$f" --all --navigation --out "$crate/src/gen"
  t1=$(now)
  (cd "$crate" && cargo check -q)
  t2=$(now)
  lines=$(cat "$crate"/src/gen/*.rs | wc -l)
  echo "$f: $lines lines in $(ls "$crate"/src/gen/*.rs | wc -l) files; generate $(secs "$t0" "$t1") s; cargo check $(secs "$t1" "$t2") s (warnings denied)"
done

crate="$work/v1_0_features"
new_crate "$crate" v1_0_features
"$gen" generate "$shared/v1.0.xml" --all --navigation --namespace-features --out "$crate/src/gen"
sed -n '/^\[features\]/,$p' "$crate/src/gen/features.toml" >> "$crate/Cargo.toml"
for features in "" "microsoft-graph-call-records" "full"; do
  t0=$(now)
  (cd "$crate" && cargo check -q --features "$features")
  echo "v1.0.xml with namespace features [${features:-none}]: cargo check $(secs "$t0" "$(now)") s (warnings denied)"
done
