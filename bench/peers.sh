#!/usr/bin/env bash
# Runs graph-model's CLIs and their peers on the same CSDL files, in the
# same run, several times each, and prints min / median wall time, peak
# memory and the ratio to ours. Writes target/peers/peers.md.
#
#   bash bench/peers.sh [RUNS] [CSDL...]     (defaults: 5, ../shared/metadata/v1.0.xml)
#
# Peers (installed here, into target/peers/): odata-openapi (npm,
# odata-openapi3: CSDL XML -> OpenAPI 3, the OASIS TC's generator) and
# odata-csdl (npm, odata-csdl-xml2json: CSDL XML -> CSDL JSON); Python's
# xml.etree (parse only); a quick-xml event scan (examples/xml-scan.rs, the
# floor for reading the bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
shift || true
FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=(../shared/metadata/v1.0.xml)
OUT=target/peers
mkdir -p "$OUT/work"

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }
if [ ! -x "$OUT/node/node_modules/.bin/odata-openapi3" ]; then
  echo "== installing odata-openapi and odata-csdl (npm)"
  npm install --silent --no-audit --no-fund --prefix "$OUT/node" odata-openapi odata-csdl >/dev/null
fi
echo "== building ours (release)"
cargo build -q --release -p graph-model-codegen --features cli --bin graph-model-codegen
cargo build -q --release -p graph-model-csdl --example xml-scan
BIN=target/release
NODE=$OUT/node/node_modules/.bin

# run CMD...: RUNS runs; prints "min median peak_kib" (wall seconds to the
# millisecond, peak resident set of the process from GNU time).
run() {
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$OUT/work/gen"
    local t0 t1 kib
    t0=$(date +%s.%N)
    /usr/bin/time -o "$OUT/work/time" -f "%M" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    kib=$(tail -1 "$OUT/work/time")
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local min median
  min=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "$min $median $peak"
}

report="$OUT/peers.md"
{
  echo "# Peers, $(date -u +%Y-%m-%d) on $(nproc) cores, $RUNS runs each"
  echo
} > "$report"
for f in "${FILES[@]}"; do
  name=$(basename "$f")
  echo "== $name"
  declare -A R=()
  R[scan]=$(run "$BIN/examples/xml-scan" "$f")
  R[etree]=$(run python3 -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$f")
  R[inspect]=$(run "$BIN/graph-model-codegen" inspect "$f")
  R[csdl]=$(run node "$NODE/odata-csdl-xml2json" -t "$OUT/work/out.json" "$f")
  R[openapi]=$(run node "$NODE/odata-openapi3" -t "$OUT/work/out.openapi3.json" "$f")
  R[generate]=$(run "$BIN/graph-model-codegen" generate --all --navigation --out "$OUT/work/gen" "$f")
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
  row() { # label key ours-key
    read -r min med kib <<<"${R[$2]}"
    read -r _ omed _ <<<"${R[$3]}"
    printf '| %s | %s | %s | %d | %s |\n' "$1" "$min" "$med" $((kib / 1024)) "$(ratio "$med" "$omed")"
  }
  {
    echo "## $name"
    echo
    echo "Reading the CSDL (ratio: median / ours, \`inspect\` = read + resolve + print counts):"
    echo
    echo "| tool | min s | median s | peak MiB | × ours |"
    echo "|---|---|---|---|---|"
    row "quick-xml event scan (floor)" scan inspect
    row "Python xml.etree parse" etree inspect
    row "odata-csdl xml2json (npm)" csdl inspect
    row "**graph-model-codegen inspect**" inspect inspect
    echo
    echo "Generating (peer: CSDL → OpenAPI 3; ours: Rust for every type, navigation followed):"
    echo
    echo "| tool | min s | median s | peak MiB | × ours |"
    echo "|---|---|---|---|---|"
    row "odata-openapi3 (npm)" openapi generate
    row "**generate --all --navigation**" generate generate
    echo
  } | tee -a "$report"
done
echo "written: $report"
