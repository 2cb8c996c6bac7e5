#!/usr/bin/env bash
# Regenerates graph-model's bundled Microsoft Graph v1.0 types from
# graph-model/metadata/v1.0.xml: the modules in graph-model/v1/, the table of
# areas in graph-model/FEATURES.md, and the `[features]` lines between the
# markers in graph-model/Cargo.toml. tests/tests/cases/bundled_v1.rs fails when any
# of them differs from what the generator writes.
# Use: scripts/generate-v1.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release -q -p graph-model-codegen --features cli --manifest-path "$root/Cargo.toml"
gen="${CARGO_TARGET_DIR:-$root/target}/release/graph-model-codegen"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" areas "$root/graph-model/metadata/v1.0.xml" --out "$tmp"
rm -rf "$root/graph-model/v1"
mkdir -p "$root/graph-model/v1"
mv "$tmp"/*.rs "$root/graph-model/v1/"
mv "$tmp/FEATURES.md" "$root/graph-model/FEATURES.md"
# The [features] lines between the markers, from features.toml.
python3 - "$root/graph-model/Cargo.toml" "$tmp/features.toml" <<'PY'
import sys
manifest, features = sys.argv[1], sys.argv[2]
text = open(manifest).read()
begin, end = "# BEGIN v1 features\n", "# END v1 features\n"
lines = [l for l in open(features).read().splitlines(True) if not l.startswith("#")]
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(manifest, "w").write(head + begin + "".join(lines) + end + tail)
PY
