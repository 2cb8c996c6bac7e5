//! The four seed pages, block by block, against the bundled model: the
//! expected outcome of each sample in lenient and strict mode, and the
//! corpus totals (so a regression in reading, typing or validation shows).

use graph_model::conformance::{check, Checked, Outcome, Summary};
use graph_model::samples::read_file;
use graph_model::validate::{bundled_model, Kind, Mode, Severity};
use graph_model_codegen::{load_file, LoadOptions, Model};
use graph_model_tests::shared;

fn seeds(mode: Mode) -> Option<Vec<Checked>> {
    let mut out = Vec::new();
    for name in [
        "000_6fae3d6d646efe2b.txt",
        "001_0ec09f640ac9541f.txt",
        "002_bf11bd85dbb2cd1a.txt",
        "003_0a12583d3c2c0358.txt",
    ] {
        let path = shared(&format!("seeds/{name}"))?;
        out.extend(
            read_file(&path)
                .unwrap()
                .iter()
                .map(|s| check(bundled_model(), s, mode)),
        );
    }
    Some(out)
}

/// `(pointer, kind)` of every finding, or the not-checkable reason.
fn findings(c: &Checked) -> Vec<(String, Kind, Severity)> {
    match &c.outcome {
        Outcome::Findings { report } => report
            .findings
            .iter()
            .map(|f| (f.pointer.clone(), f.kind, f.severity))
            .collect(),
        Outcome::Exact => vec![],
        Outcome::NotCheckable { reason, .. } => panic!("{} not checkable: {reason}", c.id),
    }
}

fn reason(c: &Checked) -> &'static str {
    match &c.outcome {
        Outcome::NotCheckable { reason, .. } => reason,
        other => panic!("{} was checked: {other:?}", c.id),
    }
}

fn f(p: &str, k: Kind, s: Severity) -> (String, Kind, Severity) {
    (p.to_string(), k, s)
}

#[test]
fn each_seed_sample_has_its_expected_outcome_lenient_and_strict() {
    for (mode, sev) in [
        (Mode::Lenient, Severity::Warning),
        (Mode::Strict, Severity::Error),
    ] {
        let Some(r) = seeds(mode) else { return };
        let ids: Vec<&str> = r.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "000_6fae3d6d646efe2b.txt#0",
                "000_6fae3d6d646efe2b.txt#1",
                "001_0ec09f640ac9541f.txt#0",
                "002_bf11bd85dbb2cd1a.txt#0",
                "002_bf11bd85dbb2cd1a.txt#1",
                "003_0a12583d3c2c0358.txt#0",
                "003_0a12583d3c2c0358.txt#1",
            ]
        );
        use Kind::*;
        // Create request: typed by its URL (POST to uploadSessions); the
        // documented `source`, `type` and the `data` fields of a payload type
        // that does not exist are not in the model.
        assert_eq!(
            r[0].type_name.as_deref(),
            Some("microsoft.graph.customDataProvidedResourceUploadSession")
        );
        assert_eq!(r[0].typed_by, Some("request URL"));
        assert_eq!(
            findings(&r[0]),
            [
                f("", AbstractWithoutOdataType, sev),
                f("/source", NotInModel, sev),
                f("/type", NotInModel, sev),
                f("/data", AbstractWithoutOdataType, sev),
                f("/data/accessReviewId", NotInModel, sev),
                f("/data/accessReviewInstanceId", NotInModel, sev),
            ]
        );
        // Create response: trailing comma, "Active", expirationDateTime.
        assert_eq!(r[1].typed_by, Some("annotation"));
        assert_eq!(
            findings(&r[1]),
            [
                f("", TrailingComma, sev),
                f("", AbstractWithoutOdataType, sev),
                f("/status", EnumCaseMismatch, sev),
                f("/expirationDateTime", NotInModel, sev),
            ]
        );
        assert_eq!(reason(&r[2]), "placeholder resource block");
        assert_eq!(reason(&r[3]), "no body");
        // List response from the plain-text page: typed by the GET URL as a collection.
        assert!(r[4].collection);
        assert_eq!(r[4].typed_by, Some("request URL"));
        let mut expected = Vec::new();
        for i in 0..2 {
            let p = format!("/value/{i}");
            expected.extend([
                f(&p, AbstractWithoutOdataType, sev),
                f(&format!("{p}/source"), NotInModel, sev),
                f(&format!("{p}/type"), NotInModel, sev),
                f(&format!("{p}/data/@odata.type"), UnknownOdataType, sev),
            ]);
        }
        assert_eq!(findings(&r[4]), expected);
        assert_eq!(reason(&r[5]), "no body");
        assert_eq!(
            findings(&r[6]),
            [
                f("", TrailingComma, sev),
                f("", AbstractWithoutOdataType, sev),
                f("/status", EnumCaseMismatch, sev),
                f("/expirationDateTime", NotInModel, sev),
            ]
        );
    }
}

#[test]
fn finding_messages_name_the_place_and_the_fix() {
    let Some(r) = seeds(Mode::Lenient) else {
        return;
    };
    let Outcome::Findings { report } = &r[1].outcome else {
        panic!()
    };
    let text = report.to_string();
    assert!(
        text.contains("/: warning[trailing-comma]: trailing comma at line 7 column 32"),
        "{text}"
    );
    assert!(text.contains("/status: warning[enum-case-mismatch]: `Active` differs from member `active` of `microsoft.graph.customDataProvidedResourceUploadStatus` only in case; kept as written"), "{text}");
    assert!(!report.has_errors());
    let strict = seeds(Mode::Strict).unwrap();
    let Outcome::Findings { report } = &strict[1].outcome else {
        panic!()
    };
    assert!(report.has_errors());
}

fn totals(model: &Model, file: &str) -> Option<Summary> {
    let path = shared(file)?;
    let results: Vec<Checked> = read_file(&path)
        .unwrap()
        .iter()
        .map(|s| check(model, s, Mode::Lenient))
        .collect();
    Some(Summary::of(&results))
}

fn row(model: &Model, file: &str) -> Option<String> {
    totals(model, file).map(|s| s.markdown_row(file.rsplit('/').next().unwrap()))
}

#[test]
fn corpus_totals_against_the_bundled_model() {
    let m = bundled_model();
    let Some(main) = row(m, "doc-samples/identity-governance-beta.jsonl") else {
        return;
    };
    assert_eq!(main, "| identity-governance-beta.jsonl | 244 | 6 | 2 | not-in-model 4 | URL does not resolve 33, no body 93, non-JSON content 1, placeholder resource block 44, type absent from the metadata 67 |");
    let supp = row(
        m,
        "doc-samples/identity-governance-beta-contrib-supplement.jsonl",
    )
    .unwrap();
    assert_eq!(supp, "| identity-governance-beta-contrib-supplement.jsonl | 16 | 7 | 2 | abstract-without-odata-type 5, enum-case-mismatch 1, not-in-model 5, trailing-comma 1, unknown-odata-type 3 | no body 4, non-JSON content 1, placeholder resource block 4 |");
}

#[test]
fn corpus_totals_against_the_real_metadata() {
    let Some(v1) = shared("metadata/v1.0.xml") else {
        return;
    };
    let v1 = load_file(v1, LoadOptions::default()).unwrap();
    assert_eq!(
        row(&v1, "doc-samples/identity-governance-beta.jsonl").unwrap(),
        "| identity-governance-beta.jsonl | 244 | 61 | 13 | enum-case-mismatch 17, malformed-primitive 2, not-in-model 45, wrong-json-type 3 | URL does not resolve 27, no body 93, non-JSON content 1, placeholder resource block 44, type absent from the metadata 18 |"
    );
    let beta = load_file(
        shared("metadata/beta-USNat.xml").unwrap(),
        LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        row(&beta, "doc-samples/identity-governance-beta.jsonl").unwrap(),
        "| identity-governance-beta.jsonl | 244 | 94 | 85 | abstract-without-odata-type 1, malformed-primitive 2, not-in-model 5, trailing-comma 1 | URL does not resolve 4, no body 93, non-JSON content 1, placeholder resource block 44, type absent from the metadata 8 |"
    );
    assert_eq!(
        row(&v1, "doc-samples/identity-governance-beta-contrib-supplement.jsonl").unwrap(),
        "| identity-governance-beta-contrib-supplement.jsonl | 16 | 5 | 1 | abstract-without-odata-type 4, enum-case-mismatch 1, not-in-model 4, trailing-comma 1, unknown-odata-type 3 | URL does not resolve 2, no body 4, non-JSON content 1, placeholder resource block 4 |"
    );
    // The clean v1.0 file (no descriptions) types every sample the same way.
    let clean = load_file(
        shared("metadata/v1.0-clean.xml").unwrap(),
        LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        row(&clean, "doc-samples/identity-governance-beta.jsonl").unwrap(),
        row(&v1, "doc-samples/identity-governance-beta.jsonl").unwrap()
    );
    // The excerpt has no entity container: only annotated blocks are typed.
    let excerpt = load_file(
        shared("metadata/seed-closure-excerpt.xml").unwrap(),
        LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        row(&excerpt, "doc-samples/identity-governance-beta.jsonl").unwrap(),
        "| identity-governance-beta.jsonl | 244 | 4 | 4 | – | URL does not resolve 35, no body 93, non-JSON content 1, placeholder resource block 44, type absent from the metadata 67 |"
    );
}

#[test]
fn through_the_generated_types_every_sample_comes_out_the_same() {
    use graph_model::conformance::check_with;
    let mut typed_blocks = 0;
    for file in [
        "seeds/000_6fae3d6d646efe2b.txt",
        "seeds/002_bf11bd85dbb2cd1a.txt",
        "seeds/003_0a12583d3c2c0358.txt",
        "doc-samples/identity-governance-beta.jsonl",
        "doc-samples/identity-governance-beta-contrib-supplement.jsonl",
    ] {
        let Some(path) = shared(file) else { return };
        for s in read_file(&path).unwrap() {
            for mode in [Mode::Lenient, Mode::Strict] {
                let dynamic = check(bundled_model(), &s, mode);
                let typed = check_with(
                    bundled_model(),
                    &s,
                    mode,
                    Some(graph_model::generated::validate_typed),
                );
                let checked = dynamic.type_name.is_some();
                assert_eq!(typed.through_types, checked, "{}", s.id);
                typed_blocks += typed.through_types as usize;
                let sorted = |o: &Outcome| match o {
                    Outcome::Findings { report } => Outcome::Findings {
                        report: report.clone().sorted(),
                    },
                    other => other.clone(),
                };
                assert_eq!(
                    sorted(&typed.outcome),
                    sorted(&dynamic.outcome),
                    "{} ({mode:?})",
                    s.id
                );
            }
        }
    }
    // 2 + 1 + 1 seed blocks, 6 + 7 corpus blocks, in two modes.
    assert_eq!(typed_blocks, 2 * 17);
}
