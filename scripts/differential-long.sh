#!/usr/bin/env bash
# The typed-versus-dynamic differential harness, long: every model-aware
# mutation of every block and BLIND (default 300) blind ones each, through
# the generated types of all of v1.0 and beta-USNat, in both modes — over a
# million documents. Builds the crates with scripts/check-generated.sh first
# (skip with SKIP_BUILD=1 when they are built already).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
target="${CARGO_TARGET_DIR:-$root/target}"
[ "${SKIP_BUILD:-0}" = 1 ] || PER_KIND=1 BLIND=1 bash "$root/scripts/check-generated.sh"
samples=("$shared"/seeds/*.txt "$shared"/doc-samples/*.jsonl)
for pair in "v1_0 v1.0.xml" "beta_usnat beta-USNat.xml"; do
  set -- $pair
  start=$(date +%s)
  "$target/debug/generated-$1" --metadata "$shared/metadata/$2" --per-kind 100000 \
    --blind "${BLIND:-300}" --samples "${samples[@]}" | tail -1
  echo "$2: $(( $(date +%s) - start )) s"
done
