//! Helpers shared by the integration tests: where the fixtures and the
//! read-only `../shared` corpus live, data-driven trials, mutations.

pub mod corpus;
pub mod differential;
pub mod fuzz;
pub mod mutate;

use std::path::{Path, PathBuf};

use libtest_mimic::{Completion, Failed, Trial};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate lives in the workspace")
        .to_path_buf()
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Whether this run is CI's (the `CI` environment variable is set), where
/// missing shared data is a failure rather than a reason to skip.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// `../shared/<rel>` beside the project root, if it is there.
pub fn locate_shared(rel: &str) -> Option<PathBuf> {
    let p = workspace_root().join("..").join("shared").join(rel);
    p.exists().then_some(p)
}

/// `../shared/<rel>` beside the project root, or `None` (with a message on
/// stderr saying what was skipped) when it is absent. With `CI` set, absence
/// panics: CI always has the shared data, so a missing file is a failure.
pub fn shared(rel: &str) -> Option<PathBuf> {
    match locate_shared(rel) {
        Some(p) => Some(p),
        None if in_ci() => panic!("../shared/{rel} is not present, and CI is set"),
        None => {
            eprintln!("skipping: ../shared/{rel} is not present (../shared is needed beside the project root)");
            None
        }
    }
}

/// A data-driven trial that needs files under `../shared`: when one is
/// absent it reports itself *ignored* with the reason (and *fails* when `CI`
/// is set); otherwise it runs `f` with their paths.
pub fn trial_needing<F>(name: impl Into<String>, rels: &[&str], f: F) -> Trial
where
    F: FnOnce(&[PathBuf]) -> Result<(), Failed> + Send + 'static,
{
    let rels: Vec<String> = rels.iter().map(|r| r.to_string()).collect();
    Trial::ignorable_test(name, move || {
        let mut paths = Vec::new();
        for r in &rels {
            match locate_shared(r) {
                Some(p) => paths.push(p),
                None if in_ci() => {
                    return Err(format!("../shared/{r} is not present, and CI is set").into())
                }
                None => {
                    return Ok(Completion::ignored_with(format!(
                        "needs ../shared/{r}, which is not present beside the project"
                    )))
                }
            }
        }
        f(&paths).map(|()| Completion::Completed)
    })
}

/// A trial of a plain test function (which panics on failure) that needs
/// files under `../shared`: see [`trial_needing`].
pub fn test_needing(name: &str, rels: &[&str], f: fn()) -> Trial {
    trial_needing(name, rels, move |_| {
        f();
        Ok(())
    })
}

/// A trial of a plain test function that needs nothing beside the project.
pub fn test(name: &str, f: fn()) -> Trial {
    Trial::test(name, move || {
        f();
        Ok(())
    })
}

/// True when expectation files should be rewritten instead of compared.
pub fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

/// Committed generated files: `dir` holds exactly `files` (and the
/// subdirectories `subdirs`), each byte for byte; with `UPDATE_EXPECT` set,
/// `dir` is written afresh from `files` instead (its subdirectories are the
/// caller's to write).
pub fn check_generated_files(
    dir: &Path,
    files: &[graph_model_codegen::emit::File],
    subdirs: &[&str],
) {
    if updating() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
        for f in files {
            std::fs::write(dir.join(&f.name), &f.contents).unwrap();
        }
        return;
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut names: Vec<String> = files
        .iter()
        .map(|f| f.name.clone())
        .chain(subdirs.iter().map(|d| d.to_string()))
        .collect();
    names.sort();
    assert_eq!(on_disk, names, "files in {}", dir.display());
    for f in files {
        let expected = std::fs::read_to_string(dir.join(&f.name)).unwrap();
        assert!(
            expected == f.contents,
            "{}/{} differs from what the generator writes; review and run with UPDATE_EXPECT=1",
            dir.display(),
            f.name
        );
    }
}

/// `Ok` when rustfmt leaves `text` unchanged; else where it differs.
pub fn rustfmt_unchanged(text: &str) -> Result<(), String> {
    graph_model_codegen::emit::check_rustfmt(text)
}
