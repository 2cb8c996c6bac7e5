//! Depending on graph-model changes nothing about serde_json for the rest of
//! a program: `tests/dependent` is a crate of its own (not a workspace
//! member, so its features are not unified with ours) that depends on
//! graph-model as a user does — with default features and with every
//! optional one but the generator — and
//! checks serde_json's behaviour there. It builds with `--locked` against its
//! own `tests/dependent/Cargo.lock`: when graph-model's dependencies change,
//! run `cargo tree --manifest-path tests/dependent/Cargo.toml` once to
//! update that file.

use std::process::Command;

use graph_model_tests::workspace_root;

fn cargo(args: &[&str]) -> (bool, String, String) {
    cargo_with(args, &[])
}

fn cargo_with(args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let root = workspace_root();
    let out = Command::new(env!("CARGO"))
        .args(args)
        .envs(env.iter().copied())
        .arg("--manifest-path")
        .arg(root.join("tests/dependent/Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/dependent"))
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn serde_json_behaves_as_without_graph_model() {
    for features in [&[][..], &["--features", "full"][..]] {
        let mut args = vec!["run", "-q", "--locked"];
        args.extend_from_slice(features);
        let (ok, out, err) = cargo(&args);
        assert!(ok, "{features:?}\n{out}\n{err}");
        for line in [
            "untagged: Ok(Num(1.5))",
            "internally tagged: Ok(Price { value: 2.25, count: 3 })",
            "Map key order (sorted, as without preserve_order): [\"apple\", \"zebra\"]",
            "graph-model exactness: 1.50 9007199254740993",
        ] {
            assert!(out.contains(line), "{features:?}: {line}\n{out}");
        }
        let mut tree = vec!["tree", "-e", "features", "-i", "serde_json", "--locked"];
        tree.extend_from_slice(features);
        let (ok, out, err) = cargo(&tree);
        assert!(ok, "{err}");
        assert!(out.contains("graph-model v"), "{out}");
        for feature in ["arbitrary_precision", "preserve_order"] {
            assert!(!out.contains(feature), "{features:?}: {feature}\n{out}");
        }
    }
}

#[test]
fn with_default_features_the_build_compiles_no_generator() {
    // No CSDL reader, code generator, CLI or HTTP crate, in the build or out.
    for features in [&[][..], &["--features", "full"][..]] {
        let mut args = vec!["tree", "-e", "normal,build", "--locked"];
        args.extend_from_slice(features);
        let (ok, out, err) = cargo(&args);
        assert!(ok, "{err}");
        assert!(out.contains("graph-model v"), "{out}");
        for absent in [
            "graph-model-codegen",
            "graph-model-csdl",
            "quick-xml",
            "unicode-normalization",
            "clap",
            "http v",
        ] {
            assert!(!out.contains(absent), "{features:?}: {absent}\n{out}");
        }
    }
    // Asking for another model without the generator is an error that says
    // what to turn on, not a silent fall back to the bundled types.
    let (ok, _, err) = cargo_with(
        &["build", "-q", "--locked"],
        &[("GRAPH_MODEL_METADATA", "/nonexistent/metadata.xml")],
    );
    assert!(!ok);
    assert!(
        err.contains("GRAPH_MODEL_METADATA is set, but generating types needs graph-model's `codegen` feature"),
        "{err}"
    );
}
