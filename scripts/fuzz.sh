#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader (cargo-fuzz, libFuzzer): runs one
# target, or all of them, for SECONDS each (default 60).
#   scripts/fuzz.sh [TARGET|all] [SECONDS]
# Targets (the properties are graph_model_tests::fuzz, tests/src/fuzz.rs):
#   csdl json typed odata edm urls multipart
# Needs the nightly toolchain: without it, says so and exits 0. Installs
# cargo-fuzz when it is missing. Seeds each corpus (fuzz/corpus/TARGET, not
# committed) with the committed inputs of tests/fixtures/fuzz/TARGET and,
# when ../shared is there, real metadata, documentation samples and the
# OASIS ABNF cases (scripts/fuzz-seeds.py); MINIMIZE=1 runs `cargo fuzz
# cmin` on each corpus first. Exits non-zero on a crash, printing the
# reproducer's path: keep it in tests/fixtures/fuzz/TARGET/ so that
# tests/tests/trials/fuzz_regressions.rs (stable) holds the fix. Prints one line per
# target: executions, coverage (libFuzzer's cov and ft), corpus size.
# Environment: JOBS (parallel fuzzing processes per target, default 1),
# FUZZ_ARGS (more libFuzzer flags; `-runs=10000000` stops a target at 10^7
# executions, SECONDS staying the cap).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets=(csdl json typed odata edm urls multipart)
want="${1:-all}"
seconds="${2:-60}"
if [ "$want" != all ]; then
  printf '%s\n' "${targets[@]}" | grep -qx "$want" || { echo "unknown target $want (one of: ${targets[*]})" >&2; exit 2; }
  targets=("$want")
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzzing skipped: the nightly toolchain is not installed (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install -q --locked cargo-fuzz
fi
cd "$root/fuzz"
dict() {
  case "$1" in
    csdl) echo "-dict=$root/fuzz/dict/csdl.dict" ;;
    odata|urls|edm) echo "-dict=$root/fuzz/dict/odata.dict" ;;
  esac
}
summary=()
for t in "${targets[@]}"; do
  corpus="$root/fuzz/corpus/$t"
  mkdir -p "$corpus"
  cp "$root/tests/fixtures/fuzz/$t"/* "$corpus/" 2>/dev/null || true
  if [ -d "$root/../shared" ] && [ ! -e "$corpus/.seeded" ]; then
    python3 "$root/scripts/fuzz-seeds.py" "$root/../shared" "$root/fuzz/corpus" >/dev/null
    for d in "$root"/fuzz/corpus/*/; do touch "$d.seeded"; done
  fi
  if [ "${MINIMIZE:-0}" = 1 ]; then
    cargo +nightly fuzz cmin -s none "$t" "$corpus" >/dev/null 2>&1
  fi
  log="$root/fuzz/artifacts/$t.log"
  mkdir -p "$root/fuzz/artifacts/$t"
  # -s none: no sanitizer (safe Rust; panics and overflows are what the
  # properties catch), so that executions are not slowed for nothing.
  set +e
  started=$(date +%s)
  cargo +nightly fuzz run -s none --jobs "${JOBS:-1}" "$t" "$corpus" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 $(dict "$t") ${FUZZ_ARGS:-} >"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - started ))
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | awk '{print $2}')
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | awk '{print $2}')
  files=$(find "$corpus" -type f ! -name .seeded | wc -l)
  if [ "$status" -ne 0 ]; then
    crash=$(ls -t "$root/fuzz/artifacts/$t"/crash-* "$root/fuzz/artifacts/$t"/timeout-* "$root/fuzz/artifacts/$t"/oom-* 2>/dev/null | head -1 || true)
    grep -E 'panicked|ERROR|Test unit written' "$log" | head -5 >&2 || true
    echo "$t: FAILED after $execs executions; reproducer: ${crash:-see $log}" >&2
    echo "  rerun: cd fuzz && cargo +nightly fuzz run -s none $t ${crash:-}" >&2
    exit 1
  fi
  summary+=("$t: $execs executions in ${elapsed} s (build included), cov ${cov:-?}, ft ${ft:-?}, corpus $files, 0 crashes")
done
printf '%s\n' "${summary[@]}"
