#!/usr/bin/env bash
# Typed vs plain derive on the 10,000-session list, split by phase: read
# (serde_json::from_str), write (serde_json::to_string) and drop, each the
# median of 41 interleaved rounds (one of each per round, order
# alternating, as `typed_vs_plain` does for the whole), for the
# documentation's payload and for the same without the two members the
# model lacks. What `typed_vs_plain` cannot say: which phase a change
# moved. A release driver outside the workspace (the bench's payload and
# plain structs, graph-model with default features).
# Usage: bench/typed-phases.sh [CHECKOUT] [RUNS]   (RUNS: how many times, default 3)
set -euo pipefail
root="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
runs="${2:-3}"
. "$(dirname "$0")/list-driver.sh"
list_driver typed-phases "$root"
cat > "$work/src/main.rs" <<RS
#[path = "$root/graph-model/benches/shape/mod.rs"]
mod shape;
use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use serde::{de::DeserializeOwned, Serialize};
use shape::{modelled_payload, payload, PlainList};
use std::hint::black_box;
use std::time::Instant;

/// Read, write and drop times of one round, in milliseconds.
fn round<T: DeserializeOwned + Serialize>(text: &str) -> [f64; 3] {
    let t0 = Instant::now();
    let v: T = serde_json::from_str(black_box(text)).unwrap();
    let t1 = Instant::now();
    let s = black_box(serde_json::to_string(&v).unwrap());
    let t2 = Instant::now();
    drop(black_box(v));
    let t3 = Instant::now();
    drop(s);
    [t1 - t0, t2 - t1, t3 - t2].map(|d| d.as_secs_f64() * 1e3)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn report(what: &str, text: &str) {
    let (mut plain, mut typed) = (vec![], vec![]);
    for r in 0..45 {
        let (p, t) = if r % 2 == 0 {
            let p = round::<PlainList>(text);
            (p, round::<Collection<SessionAny>>(text))
        } else {
            let t = round::<Collection<SessionAny>>(text);
            (round::<PlainList>(text), t)
        };
        if r >= 4 {
            plain.push(p);
            typed.push(t);
        }
    }
    let phase = |rows: &[[f64; 3]], i: usize| median(rows.iter().map(|r| r[i]).collect());
    let mut line = format!("{what}:");
    let (mut pt, mut tt) = (0.0, 0.0);
    for (i, name) in ["read", "write", "drop"].iter().enumerate() {
        let (p, t) = (phase(&plain, i), phase(&typed, i));
        pt += p;
        tt += t;
        line += &format!(" {name} {p:.2} / {t:.2} ms = {:.2}x;", t / p);
    }
    println!("{line} sum {pt:.2} / {tt:.2} ms = {:.2}x", tt / pt);
}

fn main() {
    report("with source/type", &payload(10_000));
    report("without", &modelled_payload(10_000));
}
RS
cargo build -q --release --manifest-path "$work/Cargo.toml" --target-dir "$work/target"
echo "plain derive / typed, medians of 41 interleaved rounds:"
for _ in $(seq "$runs"); do "$work/target/release/typed-phases"; done
