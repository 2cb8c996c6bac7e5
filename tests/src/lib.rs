//! Helpers shared by the integration tests: where the fixtures and the
//! read-only `../shared` corpus live.

use std::path::PathBuf;

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

/// `../shared/<rel>` beside the project root, or `None` (with a message on
/// stderr saying what was skipped) when it is absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = workspace_root().join("..").join("shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} is not present (../shared is needed beside the project root)",
            p.display()
        );
        None
    }
}

/// True when expectation files should be rewritten instead of compared.
pub fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}
