#!/usr/bin/env bash
# Generates ALL types of the real Graph $metadata files in ../shared/metadata
# (with the type visitor) into a throw-away crate per file, builds it with
# warnings denied, and runs the typed-versus-dynamic differential harness
# (tests/src/differential.rs) through the generated types over every sample
# file: every block the model types, read into its Rust type and written
# back, plus mutations of each, must give the same findings as the dynamic
# validator. Then generates v1.0 with one Cargo feature per namespace and
# checks it with no namespace, one small namespace, and all of them.
# Prints lines / files / generate / build times and the harness results.
# Use: scripts/check-generated.sh [v1.0.xml beta-USNat.xml ...]
# Environment: PER_KIND and BLIND set the mutations per block (default 2, 4).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
if [ ! -d "$shared/metadata" ]; then
  if [ -n "${CI:-}" ]; then echo "error: $shared/metadata is not present, and CI is set" >&2; exit 1; fi
  echo "skipping: $shared/metadata is not present"; exit 0
fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(v1.0.xml beta-USNat.xml)
work="${GENERATED_WORK_DIR:-$root/target/generated-check}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export RUSTFLAGS="-D warnings"
# The generated crates are built once and thrown away: no incremental
# cache, and no debug info beyond line tables (v1.0's library is several
# gigabytes with full debug info).
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
cargo build --release -q -p graph-model-codegen --features cli --manifest-path "$root/Cargo.toml"
gen="$CARGO_TARGET_DIR/release/graph-model-codegen"
now() { date +%s.%N; }
secs() { awk "BEGIN{printf \"%.1f\", $2 - $1}"; }

# new_crate DIR NAME: a crate whose library includes src/gen/mod.rs and whose
# binary runs the differential harness through it.
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
graph-model-tools = { path = "$root/graph-model-tools", default-features = false }
graph-model-tests = { path = "$root/tests" }
[profile.dev.package."*"]
opt-level = 1
[workspace]
TOML
  echo 'pub mod generated { include!("gen/mod.rs"); }' > "$1/src/lib.rs"
  cat > "$1/src/main.rs" <<RS
use graph_model_tools::validate::{Context, Mode, Model, Report, TypedCheck};

/// Typed validation by name through this crate's generated types.
fn typed(model: &Model, name: &str, collection: bool, text: &str, mode: Mode, context: Context) -> Option<Report> {
    let check = TypedCheck { model, text, mode, collection, context };
    generated_$2::generated::visit_type(name, check)
}

fn main() -> std::process::ExitCode {
    graph_model_tests::differential::main_with(typed)
}
RS
}

# drop_crate DIR NAME: removes a generated crate and its build artifacts
# once it has been checked, so that the disk holds one at a time.
drop_crate() {
  rm -rf "$1" "$CARGO_TARGET_DIR"/debug/deps/*generated_"$2"-* \
    "$CARGO_TARGET_DIR"/debug/generated-"$2" "$CARGO_TARGET_DIR"/debug/*generated_"$2".* \
    "$CARGO_TARGET_DIR"/debug/.fingerprint/generated-"$2"-*
}

samples=("$shared"/seeds/*.txt "$shared"/doc-samples/*.jsonl)
for f in "${files[@]}"; do
  name=$(basename "$f" .xml | tr '.A-Z-' '_a-z_')
  crate="$work/$name"
  new_crate "$crate" "$name"
  t0=$(now)
  "$gen" generate "$shared/metadata/$f" --all --navigation --type-visitor --out "$crate/src/gen" 2>/dev/null
  t1=$(now)
  # The workspace's lock file, so that the crate builds with the same versions.
  cp "$root/Cargo.lock" "$crate/Cargo.lock"
  (cd "$crate" && cargo build -q)
  t2=$(now)
  lines=$(cat "$crate"/src/gen/*.rs | wc -l)
  echo "$f: $lines lines in $(ls "$crate"/src/gen/*.rs | wc -l) files; generate $(secs "$t0" "$t1") s; cargo build (debug, warnings denied) $(secs "$t1" "$t2") s"
  "$CARGO_TARGET_DIR/debug/generated-$name" --metadata "$shared/metadata/$f" \
    --per-kind "${PER_KIND:-2}" --blind "${BLIND:-4}" --samples "${samples[@]}"
  echo "$f: differential harness $(secs "$t2" "$(now)") s; target $(du -sh "$CARGO_TARGET_DIR" | cut -f1), $(df -h "$CARGO_TARGET_DIR" | tail -1 | awk '{print $4}') free"
  drop_crate "$crate" "$name"
done

crate="$work/v1_0_features"
new_crate "$crate" v1_0_features
rm "$crate/src/main.rs"
cp "$root/Cargo.lock" "$crate/Cargo.lock"
"$gen" generate "$shared/metadata/v1.0.xml" --all --navigation --namespace-features --out "$crate/src/gen" 2>/dev/null
sed -n '/^\[features\]/,$p' "$crate/src/gen/features.toml" >> "$crate/Cargo.toml"
for features in "" "microsoft-graph-call-records" "full"; do
  t0=$(now)
  (cd "$crate" && cargo check -q --features "$features")
  echo "v1.0.xml with namespace features [${features:-none}]: cargo check $(secs "$t0" "$(now)") s (warnings denied)"
done
drop_crate "$crate" v1_0_features

# Root closures without navigation: user, message, group and driveItem of
# v1.0 generate a few hundred types instead of most of the model; every
# documentation block typed as one of them (or a subtype) must still read
# into the trimmed types and write back unchanged, expanded navigation
# properties included (untyped fields), with the validator's findings.
roots=(microsoft.graph.user microsoft.graph.message microsoft.graph.group microsoft.graph.driveItem)
crate="$work/v1_0_roots"
new_crate "$crate" v1_0_roots
cp "$root/Cargo.lock" "$crate/Cargo.lock"
t0=$(now)
root_args=(); for r in "${roots[@]}"; do root_args+=(--root "$r"); done
"$gen" closure "$shared/metadata/v1.0.xml" "${root_args[@]}" >/dev/null
"$gen" generate "$shared/metadata/v1.0.xml" "${root_args[@]}" --type-visitor --out "$crate/src/gen" 2>/dev/null
t1=$(now)
(cd "$crate" && cargo build -q)
t2=$(now)
echo "v1.0.xml roots ${roots[*]}: $(cat "$crate"/src/gen/*.rs | wc -l) lines; generate $(secs "$t0" "$t1") s; cargo build $(secs "$t1" "$t2") s"
"$CARGO_TARGET_DIR/debug/generated-v1_0_roots" --metadata "$shared/metadata/v1.0.xml" \
  --per-kind "${PER_KIND:-2}" --blind "${BLIND:-4}" --expect-types "$(IFS=,; echo "${roots[*]}")" \
  --samples "${samples[@]}"
drop_crate "$crate" v1_0_roots
