//! Running independent pieces of work on every core, results in input order
//! (so output stays a pure function of the input).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` over `inputs` on up to `available_parallelism` threads; the results
/// in the order of `inputs`.
pub(crate) fn map_ordered<T: Sync, R: Send>(inputs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len());
    if threads <= 1 {
        return inputs.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..inputs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let r = f(input);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every input was taken by a thread"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let inputs: Vec<u64> = (0..1000).collect();
        let out = super::map_ordered(&inputs, |n| n * n);
        assert_eq!(out, inputs.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map_ordered(&[] as &[u8], |b| *b).is_empty());
    }
}
