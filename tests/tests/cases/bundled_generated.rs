//! The bundled model's types as committed in `graph-model/generated/` are
//! exactly what the generator writes for `graph-model/metadata/graph-seed.xml`
//! with the build script's settings (every type, the type visitor,
//! schemars). A dependent without graph-model's `codegen` feature builds
//! from them and compiles no generator. `UPDATE_EXPECT=1` rewrites them.

use graph_model_codegen::Builder;
use graph_model_tests::workspace_root;

#[test]
fn committed_bundled_types_are_what_the_generator_writes() {
    let files = Builder::new()
        .input(workspace_root().join("graph-model/metadata/graph-seed.xml"))
        .all(true)
        .type_visitor(true)
        .schemars(true)
        .render()
        .unwrap()
        .1;
    let root = &files
        .iter()
        .find(|f| f.name == "mod.rs")
        .expect("a root file")
        .contents;
    assert!(root.contains("pub fn visit_type<V: ::graph_model::TypeVisitor>("));
    graph_model_tests::check_generated_files(
        &workspace_root().join("graph-model/generated"),
        &files,
        &[],
    );
}
