//! Every input the coverage-guided fuzzers (`fuzz/`, `scripts/fuzz.sh`)
//! found a bug with, and the small hand-written seeds, run on stable through
//! the same property each fuzz target checks (`graph_model_tests::fuzz`):
//! one trial per file of `tests/fixtures/fuzz/<target>/`. A target with no
//! file is a failure (a renamed directory must not silently test nothing).

use std::panic::{catch_unwind, AssertUnwindSafe};

use graph_model_tests::fixture;
use graph_model_tests::fuzz::{Property, TARGETS};

#[path = "../../src/fuzz_multipart.rs"]
mod fuzz_multipart;
use libtest_mimic::{Failed, Trial};

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = Vec::new();
    let all = TARGETS
        .iter()
        .copied()
        .chain([("multipart", fuzz_multipart::multipart as Property)]);
    for (target, property) in all {
        let dir = fixture("fuzz").join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        if files.is_empty() {
            let message = format!("no inputs in {}", dir.display());
            trials.push(Trial::test(format!("{target}/inputs"), move || {
                Err(Failed::from(message))
            }));
        }
        for path in files {
            let name = format!(
                "{target}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            trials.push(Trial::test(name, move || {
                let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                catch_unwind(AssertUnwindSafe(|| property(&data))).map_err(|panic| {
                    let text = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    Failed::from(format!("{}: {text}", path.display()))
                })
            }));
        }
    }
    trials
}
