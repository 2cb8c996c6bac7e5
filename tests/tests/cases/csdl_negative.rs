//! Every file in `fixtures/csdl-negative/` is broken CSDL; its `.expected`
//! file holds the exact diagnostics (file:line:col) the loader must print.

use graph_model_csdl::{load_str, Diagnostics, LoadOptions, Severity};
use graph_model_tests::{fixture, updating};

fn diagnostics_of(name: &str, text: &str) -> Diagnostics {
    match load_str(name, text, LoadOptions::default()) {
        Ok(model) => model.diagnostics,
        Err(d) => d,
    }
}

#[test]
fn each_fixture_reports_exactly_its_expected_diagnostics() {
    let dir = fixture("csdl-negative");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "expected at least 20 fixtures, found {}",
        files.len()
    );
    let mut codes = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let diags = diagnostics_of(&name, &text);
        assert!(!diags.is_empty(), "{name}: no diagnostics at all");
        codes.extend(
            diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.code),
        );
        let got = diags.to_string();
        let expected_path = path.with_extension("expected");
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
    assert!(codes.len() >= 15, "distinct error codes covered: {codes:?}");
}

#[test]
fn strict_mode_turns_errors_into_failure_and_lenient_keeps_the_model() {
    let text = std::fs::read_to_string(fixture("csdl-negative/unresolved-type.xml")).unwrap();
    let lenient = load_str("u.xml", &text, LoadOptions { strict: false }).unwrap();
    assert!(lenient.lookup("t.a").is_some());
    assert_eq!(lenient.diagnostics.errors().count(), 2);
    let strict = load_str("u.xml", &text, LoadOptions { strict: true }).unwrap_err();
    assert_eq!(strict.errors().count(), 2);
}

#[test]
fn every_truncation_is_an_error_with_a_place_never_a_panic() {
    // Truncations of a valid document at every 7th byte: each is malformed
    // XML, so each must give an error that names a place, not a panic.
    let text =
        std::fs::read_to_string(fixture("csdl-negative/duplicate-inherited-property.xml")).unwrap();
    let end = text.trim_end().len();
    let mut cuts = 0;
    for cut in (0..end).step_by(7) {
        if !text.is_char_boundary(cut) {
            continue;
        }
        let diags = diagnostics_of("cut.xml", &text[..cut]);
        let first = diags
            .errors()
            .next()
            .unwrap_or_else(|| panic!("cut at {cut}: no error"));
        assert_eq!(first.code, "xml-syntax", "cut at {cut}: {first}");
        assert!(first.to_string().starts_with("cut.xml:"), "{first}");
        cuts += 1;
    }
    assert!(cuts > 50, "{cuts}");
}
