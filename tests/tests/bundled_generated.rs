//! The bundled model's types as committed in `graph-model/generated/` are
//! exactly what the generator writes for `metadata/graph-seed.xml` with the
//! build script's settings (every type, no navigation limit needed, schemars;
//! the root file with and without the typed registry). A dependent without
//! graph-model's `codegen` feature builds from them and compiles no
//! generator. `UPDATE_EXPECT=1` rewrites them.

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
    graph_model_tests::check_generated_files(&dir, &plain, &["registry"]);
    let registry = dir.join("registry/mod.rs");
    if updating() {
        std::fs::create_dir_all(dir.join("registry")).unwrap();
        std::fs::write(&registry, root(&with_registry)).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&registry).unwrap();
    assert!(
        on_disk == root(&with_registry),
        "graph-model/generated/registry/mod.rs differs; run with UPDATE_EXPECT=1"
    );
}
