#!/usr/bin/env bash
# Typed vs plain derive de+ser of the 10,000-session list, counted in
# instructions (valgrind's callgrind: the same count for the same binary
# and input, whatever else the machine is doing), so that the ratio does
# not move with the load the wall-clock bench (`typed_vs_plain`) sees.
# A release driver outside the workspace (the bench's payload and plain
# structs, graph-model with default features) reads the list once and
# writes it N times; each count is of a whole process:
#   none    builds the payload only
#   X 0     payload + one read (de = X 0 − none)
#   X 5     payload + one read + five writes (ser = (X 5 − X 0) / 5)
# Usage: bench/typed-instructions.sh [CHECKOUT]   (needs valgrind)
set -euo pipefail
root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
command -v valgrind >/dev/null || { echo "skipping: valgrind is not installed"; exit 0; }
. "$(dirname "$0")/list-driver.sh"
list_driver typed-instructions "$root"
cat > "$work/src/main.rs" <<RS
#[path = "$root/graph-model/benches/shape/mod.rs"]
mod shape;
use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use shape::{payload, PlainList};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (kind, n): (&str, usize) = (&args[1], args[2].parse().unwrap());
    let text = payload(10_000);
    let mut total = text.len();
    match kind {
        "plain" => {
            let v: PlainList = serde_json::from_str(&text).unwrap();
            for _ in 0..n {
                total += black_box(serde_json::to_string(&v).unwrap()).len();
            }
        }
        "typed" => {
            let v: Collection<SessionAny> = serde_json::from_str(&text).unwrap();
            for _ in 0..n {
                total += black_box(serde_json::to_string(&v).unwrap()).len();
            }
        }
        _ => {}
    }
    println!("{total}");
}
RS
cargo build -q --release --manifest-path "$work/Cargo.toml" --target-dir "$work/target"
bin="$work/target/release/typed-instructions"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
none=$(count none 0)
p0=$(count plain 0); p5=$(count plain 5)
t0=$(count typed 0); t5=$(count typed 5)
awk -v none="$none" -v p0="$p0" -v p5="$p5" -v t0="$t0" -v t5="$t5" 'BEGIN {
  pd = p0 - none; td = t0 - none; ps = (p5 - p0) / 5; ts = (t5 - t0) / 5
  printf "de:  plain %.1f M, typed %.1f M instructions: %.2fx\n", pd / 1e6, td / 1e6, td / pd
  printf "ser: plain %.1f M, typed %.1f M instructions: %.2fx\n", ps / 1e6, ts / 1e6, ts / ps
  printf "de+ser: %.2fx plain derive (instructions)\n", (td + ts) / (pd + ps)
}'
