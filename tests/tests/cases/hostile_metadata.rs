//! Hostile metadata: every file in `fixtures/hostile/` is generated from
//! (all types, navigation on) into an output directory inside a sandbox.
//! Its `.expected` file holds the exact diagnostics and the files written;
//! after each generation nothing may exist in the sandbox outside the output
//! directory.

use std::path::{Path, PathBuf};

use graph_model_codegen::{load_file, Builder, Error, LoadOptions};
use graph_model_tests::{fixture, updating};

fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("work")).unwrap();
    dir
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Diagnostics and written files for one fixture, as the `.expected` text.
fn generate(file: &str) -> String {
    let sandbox = sandbox(file);
    let out = sandbox.join("work").join("out");
    let input = format!("fixtures/hostile/{file}");
    let result = Builder::new()
        .input(&input)
        .all(true)
        .navigation(true)
        .rustfmt(false)
        .out_dir(&out)
        .generate();
    let mut text = String::new();
    match result {
        Ok((model, _)) => {
            text += &model.diagnostics.to_string();
            text += "--- files\n";
            for f in files_under(&out) {
                text += &format!("{f}\n");
            }
        }
        Err(Error::Model(diags)) => {
            text += &diags.to_string();
            text += "--- not generated: the document was refused\n";
        }
        Err(e) => panic!("{file}: {e}"),
    }
    let everything = files_under(&sandbox);
    let outside: Vec<&String> = everything
        .iter()
        .filter(|f| !f.starts_with("work/out/"))
        .collect();
    assert!(
        outside.is_empty(),
        "{file}: written outside the output directory: {outside:?}"
    );
    text
}

#[test]
fn each_hostile_fixture_gets_its_diagnostics_and_writes_only_inside_out() {
    let dir = fixture("hostile");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    assert!(names.len() >= 11, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let got = generate(name);
        let expected_path = dir.join(name).with_extension("expected");
        if updating() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Nothing named after the traversal landed anywhere near the project.
    let root = graph_model_tests::workspace_root();
    for dir in [root.clone(), root.join("tests"), root.join("..")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!n.contains("pwned"), "{} has {n}", dir.display());
        }
    }
}

#[test]
fn the_issue_example_reports_the_namespace_and_its_place() {
    let text = generate("namespace-relative-traversal.xml");
    assert!(
        text.starts_with("fixtures/hostile/namespace-relative-traversal.xml:5:5: error[invalid-name]: <Schema> Namespace `../x/pwned` is not a CSDL namespace"),
        "{text}"
    );
}

#[test]
fn a_symlink_in_the_output_directory_is_not_followed() {
    let sandbox = sandbox("symlink");
    let out = sandbox.join("work").join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = sandbox.join("victim.rs");
    std::fs::write(&victim, "fn main() {}\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, out.join("ok.ns.rs")).unwrap();
    #[cfg(not(unix))]
    return;
    let err = Builder::new()
        .input("fixtures/hostile/namespace-parent-traversal.xml")
        .all(true)
        .rustfmt(false)
        .out_dir(&out)
        .generate()
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnsafePath { why, .. } if why.contains("symbolic link")),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "fn main() {}\n");
}

#[test]
fn module_overrides_must_be_rust_paths() {
    for bad in ["../../x", "a/b", "a::", "", "a b", "::a"] {
        let err = Builder::new()
            .input("fixtures/hostile/namespace-parent-traversal.xml")
            .all(true)
            .module("ok.ns", bad)
            .rustfmt(false)
            .render()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidModule { .. }), "{bad}: {err}");
    }
    let (_, files) = Builder::new()
        .input("fixtures/hostile/namespace-parent-traversal.xml")
        .all(true)
        .module("ok.ns", "nice::place")
        .rustfmt(false)
        .render()
        .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["nice.place.rs", "mod.rs"]);
}

#[test]
fn write_inside_refuses_anything_but_a_plain_name() {
    let sandbox = sandbox("write-inside");
    let dir = sandbox.join("work");
    for bad in [
        "../x.rs",
        "a/b.rs",
        ".hidden.rs",
        "",
        "/abs.rs",
        "a\\b.rs",
        "x\0.rs",
    ] {
        let err = graph_model_codegen::write_inside(&dir, bad, b"x").unwrap_err();
        assert!(matches!(err, Error::UnsafePath { .. }), "{bad:?}: {err}");
    }
    let p = graph_model_codegen::write_inside(&dir, "fine.rs", b"x").unwrap();
    assert_eq!(std::fs::read(p).unwrap(), b"x");
    assert_eq!(files_under(&sandbox), ["work/fine.rs"]);
}

fn doc_with(body: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\
         <Schema Namespace=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">{body}</Schema>\
         </edmx:DataServices></edmx:Edmx>"
    )
}

#[test]
fn limits_are_errors_that_name_the_limit() {
    use graph_model_csdl::csdl::{MAX_ATTRIBUTE_BYTES, MAX_DOCUMENT_BYTES, MAX_ELEMENTS};
    let opts = LoadOptions::default();
    let long = format!(
        "<ComplexType Name=\"a\"><Annotation Term=\"Core.Description\" String=\"{}\"/></ComplexType>",
        "x".repeat(MAX_ATTRIBUTE_BYTES + 1)
    );
    let d = graph_model_csdl::load_str("long.xml", &doc_with(&long), opts).unwrap_err();
    assert_eq!(
        d.to_string(),
        format!("long.xml:1:191: error[limit]: attribute `String` is {} bytes long; the limit is 65536 bytes (MAX_ATTRIBUTE_BYTES)\n", MAX_ATTRIBUTE_BYTES + 1)
    );
    let many = "<Term Name=\"t\" Type=\"Edm.String\"/>".repeat(MAX_ELEMENTS);
    let d = graph_model_csdl::load_str("many.xml", &doc_with(&many), opts).unwrap_err();
    let d = d.to_string();
    assert!(d.starts_with("many.xml:1:"), "{d}");
    assert!(
        d.ends_with(": error[limit]: the document has more than 2000000 elements (MAX_ELEMENTS)\n"),
        "{d}"
    );
    // A file one byte over the size limit (sparse: nothing is really written).
    let sandbox = sandbox("big");
    let big = sandbox.join("work").join("big.xml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(MAX_DOCUMENT_BYTES as u64 + 1).unwrap();
    let d = load_file(&big, opts).unwrap_err().to_string();
    assert!(
        d.ends_with("larger than 268435456 bytes (MAX_DOCUMENT_BYTES)\n"),
        "{d}"
    );
}
