//! One verdict for every input: typed and dynamic validation give the same
//! findings (pointer, kind, severity) on every block of the corpus that the
//! bundled model types, and on every model-aware mutation and 400 blind ones
//! of each (the full v1.0 and beta-USNat models run the same harness in
//! `scripts/check-generated.sh`). One trial per sample file and mode.

use graph_model_tests::corpus::{self, SAMPLE_FILES};
use graph_model_tests::differential::{run, summary};
use graph_model_tests::trial_needing;
use graph_model_tools::conformance::TypedValidator;
use graph_model_tools::validate::Mode;
use libtest_mimic::Trial;

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let typed = graph_model_tools::validate::validate_bundled as TypedValidator;
    let mut trials: Vec<Trial> = Vec::new();
    for mode in [Mode::Lenient, Mode::Strict] {
        for file in SAMPLE_FILES {
            let short = file.rsplit('/').next().unwrap();
            let name = format!("{}/{short}", format!("{mode:?}").to_lowercase());
            trials.push(trial_needing(name, &[file], move |paths| {
                let model = corpus::model(None);
                let (blocks, _) = corpus::blocks(&model, &corpus::samples(&paths[0]));
                let t = run(&model, typed, &blocks, usize::MAX, 400, mode);
                let line = summary(&paths[0], mode, &t);
                eprintln!("{line}");
                if t.disagreements == 0 {
                    Ok(())
                } else {
                    Err(format!("{line}\n{}", t.failures.join("\n")).into())
                }
            }));
        }
    }
    trials
}
