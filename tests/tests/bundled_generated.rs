//! The bundled model's types as committed in `graph-model/generated/` are
//! exactly what the generator writes for `metadata/graph-seed.xml` with the
//! build script's settings (every type, no navigation limit needed, schemars;
//! the root file with and without the typed registry). A dependent without
//! graph-model's `codegen` feature builds from them and compiles no
//! generator. `UPDATE_EXPECT=1` rewrites them.

use std::path::Path;

use graph_model_codegen::Builder;
use graph_model_tests::{updating, workspace_root};

fn rendered(registry: bool) -> Vec<graph_model_codegen::emit::File> {
    Builder::new()
        .input(workspace_root().join("metadata/graph-seed.xml"))
        .all(true)
        .typed_registry(registry)
        .schemars(true)
        .render()
        .unwrap()
        .1
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn committed_bundled_types_are_what_the_generator_writes() {
    let dir = workspace_root().join("graph-model/generated");
    let plain = rendered(false);
    let with_registry = rendered(true);
    let root = |files: &[graph_model_codegen::emit::File]| {
        files
            .iter()
            .find(|f| f.name == "mod.rs")
            .expect("a root file")
            .contents
            .clone()
    };
    // Only the root file differs between the two.
    for (a, b) in plain.iter().zip(&with_registry) {
        assert_eq!(a.name, b.name);
        if a.name != "mod.rs" {
            assert_eq!(a.contents, b.contents, "{}", a.name);
        }
    }
    assert!(root(&with_registry).contains("pub fn validate_typed("));
    if updating() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("registry")).unwrap();
        for f in &plain {
            std::fs::write(dir.join(&f.name), &f.contents).unwrap();
        }
        std::fs::write(dir.join("registry/mod.rs"), root(&with_registry)).unwrap();
        return;
    }
    let mut names: Vec<String> = plain.iter().map(|f| f.name.clone()).collect();
    names.sort();
    assert_eq!(files_in(&dir), names, "files in {}", dir.display());
    for f in &plain {
        let on_disk = std::fs::read_to_string(dir.join(&f.name)).unwrap();
        assert!(
            on_disk == f.contents,
            "graph-model/generated/{} differs from what the generator writes; run with UPDATE_EXPECT=1",
            f.name
        );
    }
    let on_disk = std::fs::read_to_string(dir.join("registry/mod.rs")).unwrap();
    assert!(
        on_disk == root(&with_registry),
        "graph-model/generated/registry/mod.rs differs; run with UPDATE_EXPECT=1"
    );
}
