//! Typed de+ser of the 10,000-session list against the plain derive
//! structs, interleaved: each round times one of each, in alternating
//! order, so both see the same heap and the same machine. Criterion times
//! them one after the other, and on this 2-core machine the plain structs
//! alone moved between 17 and 29 ms with what had run before them in the
//! process; the ratio of medians taken side by side is the figure to trust.
//! Prints both medians and the ratio, for the documentation's payload and
//! for the same without the members the model lacks, and beside them the
//! median of each round's own ratio (typed over the plain run next to it):
//! the machine's drift within a run moves both halves of a round alike.

mod shape;

use std::hint::black_box;
use std::time::{Duration, Instant};

use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use shape::{modelled_payload, payload, PlainList};

fn time(f: impl Fn() -> String) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

fn median(mut d: Vec<f64>) -> f64 {
    d.sort_by(f64::total_cmp);
    d[d.len() / 2]
}

fn main() {
    report("list of 10,000 upload sessions", &payload(10_000));
    report(
        "the same without `source` and `type`",
        &modelled_payload(10_000),
    );
}

/// Times `text` both ways and prints both medians, their ratio and the
/// median of the rounds' ratios.
fn report(what: &str, text: &str) {
    let rounds = compare(text);
    let p = median(rounds.iter().map(|r| r.0).collect());
    let t = median(rounds.iter().map(|r| r.1).collect());
    let paired = median(rounds.iter().map(|r| r.1 / r.0).collect());
    println!(
        "{what} ({} bytes), 41 interleaved rounds: plain derive de+ser {p:.2} ms, typed {t:.2} ms (median): {:.2}x; median of the rounds' ratios {paired:.2}x",
        text.len(),
        t / p
    );
}

/// Plain and typed de+ser of `text` in each round, in milliseconds.
fn compare(text: &str) -> Vec<(f64, f64)> {
    let plain = || {
        let v: PlainList = serde_json::from_str(black_box(text)).unwrap();
        serde_json::to_string(&v).unwrap()
    };
    let typed = || {
        let v: Collection<SessionAny> = serde_json::from_str(black_box(text)).unwrap();
        serde_json::to_string(&v).unwrap()
    };
    for _ in 0..3 {
        time(plain);
        time(typed);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (0..41)
        .map(|round| {
            if round % 2 == 0 {
                let p = time(plain);
                (ms(p), ms(time(typed)))
            } else {
                let t = time(typed);
                (ms(time(plain)), ms(t))
            }
        })
        .collect()
}
