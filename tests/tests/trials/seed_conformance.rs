//! Conformance of documentation samples, block by block: the project's own
//! samples (always), the four seed pages (with `../shared`), and the corpus
//! totals against the bundled model and the real metadata — so that a
//! regression in reading, typing or validation shows. Every trial that needs
//! `../shared` is reported as ignored, with the reason, when it is absent.

use graph_model_tests::{corpus, test, test_needing, trial_needing};
use graph_model_tools::conformance::{check, check_with, Checked, Outcome, Summary};
use graph_model_tools::samples::{bundled, read_file};
use graph_model_tools::validate::{bundled_model, Kind, Mode, Severity};
use libtest_mimic::{Failed, Trial};

/// `(pointer, kind, severity)` of every finding; not checkable panics.
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

fn modes() -> [(Mode, Severity); 2] {
    [
        (Mode::Lenient, Severity::Warning),
        (Mode::Strict, Severity::Error),
    ]
}

/// The bundled samples (graph-model-tools/samples/upload-sessions.md): every quirk
/// of the documentation, each reported where it is.
fn own_samples() {
    use Kind::*;
    for (mode, sev) in modes() {
        let r: Vec<Checked> = bundled()
            .iter()
            .map(|s| check(bundled_model(), s, mode))
            .collect();
        assert_eq!(r.len(), 13);
        // Create request: trailing comma; `source`, `type` and a `data`
        // payload without `@odata.type` whose fields are not the model's.
        assert_eq!(r[0].typed_by, Some("request URL"));
        assert_eq!(
            findings(&r[0]),
            [
                f("", TrailingComma, sev),
                f("", AbstractWithoutOdataType, sev),
                f("/source", NotInModel, sev),
                f("/type", NotInModel, sev),
                f("/data", AbstractWithoutOdataType, sev),
                f("/data/accessReviewId", NotInModel, sev),
                f("/data/accessReviewInstanceId", NotInModel, sev),
            ]
        );
        // Create response: "Active", a trailing comma, `expirationDateTime`.
        assert_eq!(
            findings(&r[1]),
            [
                f("", TrailingComma, sev),
                f("", AbstractWithoutOdataType, sev),
                f("/status", EnumCaseMismatch, sev),
                f("/expirationDateTime", NotInModel, sev),
            ]
        );
        assert_eq!(reason(&r[2]), "no body");
        // Get response: "Complete", 6-digit fractions.
        assert_eq!(
            findings(&r[3]),
            [
                f("", AbstractWithoutOdataType, sev),
                f("/status", EnumCaseMismatch, sev),
                f("/expirationDateTime", NotInModel, sev),
            ]
        );
        // List: a collection by its GET URL; the payload type that does not exist.
        assert!(r[5].collection);
        assert_eq!(
            findings(&r[5]),
            [
                f("/value/0", AbstractWithoutOdataType, sev),
                f("/value/0/source", NotInModel, sev),
                f("/value/0/type", NotInModel, sev),
                f("/value/0/data/@odata.type", UnknownOdataType, sev),
            ]
        );
        // `$expand=files($filter=…;$orderby=…)`: a single session; Int64
        // beyond 2^53, an offset, seconds without fraction — exact, through
        // the generated types.
        assert_eq!(findings(&r[7]), []);
        // PATCH {"isUploadDone": true} on the abstract type: fine.
        assert_eq!(findings(&r[8]), []);
        assert_eq!(reason(&r[9]), "no body");
        assert_eq!(reason(&r[10]), "non-JSON content");
        assert_eq!(findings(&r[11]), []);
        // The representation: documented but not in the model, in the
        // model but undocumented, and a placeholder of the wrong type.
        assert_eq!(
            findings(&r[12]),
            [
                f("/expirationDateTime", NotInModel, sev),
                f("/source", NotInModel, sev),
                f("/type", NotInModel, sev),
                f("/data", PlaceholderMismatch, sev),
                f("/referenceId", Undocumented, sev),
            ]
        );
        // Through the generated types, every typed block comes out the same.
        for s in bundled() {
            let dynamic = check(bundled_model(), &s, mode);
            let typed = check_with(
                bundled_model(),
                &s,
                mode,
                Some(graph_model_tools::validate::validate_bundled),
            );
            assert_eq!(typed.outcome, dynamic.outcome, "{}", s.id);
        }
    }
}

fn seeds(mode: Mode) -> Vec<Checked> {
    let mut out = Vec::new();
    for name in SEEDS {
        let path = graph_model_tests::locate_shared(name).expect("present");
        out.extend(
            read_file(&path)
                .unwrap()
                .iter()
                .map(|s| check(bundled_model(), s, mode)),
        );
    }
    out
}

const SEEDS: [&str; 4] = [
    "seeds/000_6fae3d6d646efe2b.txt",
    "seeds/001_0ec09f640ac9541f.txt",
    "seeds/002_bf11bd85dbb2cd1a.txt",
    "seeds/003_0a12583d3c2c0358.txt",
];

fn seed_pages() {
    use Kind::*;
    for (mode, sev) in modes() {
        let r = seeds(mode);
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
        // The resource page: `source`, `type` documented, not in the model;
        // `data` documented as `customExtensionData`; `referenceId` and
        // `files` (navigation is not documented in representations) missing.
        assert_eq!(
            findings(&r[2]),
            [
                f("/source", NotInModel, sev),
                f("/type", NotInModel, sev),
                f("/data", PlaceholderMismatch, sev),
                f("/referenceId", Undocumented, sev),
            ]
        );
        assert_eq!(reason(&r[3]), "no body");
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

fn seed_messages() {
    let r = seeds(Mode::Lenient);
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
    let strict = seeds(Mode::Strict);
    let Outcome::Findings { report } = &strict[1].outcome else {
        panic!()
    };
    assert!(report.has_errors());
}

/// The summary row of a sample file against a model (lenient).
fn row(model: Option<&std::path::Path>, file: &std::path::Path) -> String {
    let m = corpus::model(model);
    let results: Vec<Checked> = read_file(file)
        .unwrap()
        .iter()
        .map(|s| check(&m, s, Mode::Lenient))
        .collect();
    Summary::of(&results).markdown_row(&file.file_name().unwrap().to_string_lossy())
}

/// Reasons a block may stay unchecked: no JSON body, or the model lacks what
/// it names (its type, or its URL's resources).
const FAIR_REASONS: [&str; 4] = [
    "no body",
    "non-JSON content",
    "type absent from the metadata",
    "URL does not resolve",
];

fn totals(model: Option<&'static str>, file: &'static str, expected: &'static str) -> Trial {
    let name = format!(
        "totals/{}/{}",
        model.map_or("bundled", |m| m.rsplit('/').next().unwrap()),
        file.rsplit('/').next().unwrap()
    );
    let mut rels = vec![file];
    rels.extend(model);
    trial_needing(name, &rels, move |paths| {
        let got = row(paths.get(1).map(|p| p.as_path()), &paths[0]);
        if got != expected {
            return Err(Failed::from(format!("expected\n{expected}\ngot\n{got}")));
        }
        if model.is_some() {
            let m = corpus::model(Some(&paths[1]));
            for s in read_file(&paths[0]).unwrap() {
                let checked = check(&m, &s, Mode::Lenient);
                // `microsoft.graph.Json` is any JSON: no finding can name it.
                if let Outcome::Findings { report } = &checked.outcome {
                    if let Some(f) = report
                        .findings
                        .iter()
                        .find(|f| f.message.contains("microsoft.graph.Json"))
                    {
                        return Err(format!("{}: {f:?}", s.id).into());
                    }
                }
                if let Outcome::NotCheckable { reason, detail } = checked.outcome {
                    if !FAIR_REASONS.contains(&reason) {
                        return Err(format!("{}: not checkable: {reason} ({detail})", s.id).into());
                    }
                }
            }
        }
        Ok(())
    })
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let v1 = Some("metadata/v1.0.xml");
    let beta = Some("metadata/beta-USNat.xml");
    let ig = "doc-samples/identity-governance-beta.jsonl";
    let supplement = "doc-samples/identity-governance-beta-contrib-supplement.jsonl";
    let docs = "doc-samples/graph-docs-beta-2021.jsonl";
    let trials = vec![
        test("own-samples", own_samples),
        test_needing("seed-pages", &SEEDS, seed_pages),
        test_needing("seed-messages", &SEEDS, seed_messages),
        totals(None, ig, "| identity-governance-beta.jsonl | 244 | 8 | 2 | invalid-query 1, not-in-model 6, undocumented-property 1 | URL does not resolve 33, no body 93, non-JSON content 1, type absent from the metadata 109 |"),
        totals(None, supplement, "| identity-governance-beta-contrib-supplement.jsonl | 16 | 11 | 5 | abstract-without-odata-type 5, enum-case-mismatch 1, not-in-model 6, trailing-comma 1, undocumented-property 1, unknown-odata-type 3 | no body 4, non-JSON content 1 |"),
        totals(v1, ig, "| identity-governance-beta.jsonl | 244 | 105 | 28 | enum-case-mismatch 18, incompatible-odata-type 1, invalid-json 1, invalid-query 1, malformed-primitive 2, not-in-model 68, placeholder-mismatch 5, trailing-comma 1, undocumented-property 17, wrong-json-type 3 | URL does not resolve 25, no body 93, non-JSON content 1, type absent from the metadata 20 |"),
        totals(beta, ig, "| identity-governance-beta.jsonl | 244 | 149 | 123 | abstract-without-odata-type 1, incompatible-odata-type 1, invalid-json 1, malformed-primitive 2, not-in-model 7, placeholder-mismatch 3, trailing-comma 2, undocumented-property 14 | URL does not resolve 1, no body 93, non-JSON content 1 |"),
        totals(v1, supplement, "| identity-governance-beta-contrib-supplement.jsonl | 16 | 9 | 4 | abstract-without-odata-type 4, enum-case-mismatch 1, not-in-model 5, trailing-comma 1, undocumented-property 1, unknown-odata-type 3 | URL does not resolve 2, no body 4, non-JSON content 1 |"),
        // With `microsoft.graph.Json` read as any JSON (Graph's convention),
        // 53 blocks that were errors (`wrong-json-type` 88 -> 35 with v1.0,
        // 81 -> 28 with beta-USNat: workbook values, named items, charts)
        // are clean (2025 -> 2078, 1889 -> 1942). Judged by each block's
        // context, responses that show an evolvable member their request did
        // not ask for with `Prefer: include-unknown-enum-members` are
        // warnings (2 with v1.0, 4 with beta-USNat: `createChat`, `roster`).
        // A bound operation resolving to the overload of the most derived
        // binding (`groups/delta` returns groups, not directory objects):
        // 21 and 16 more blocks clean (not-in-model 696 -> 672, 241 -> 223).
        // One block per model is typed by an `@odata.context` read with
        // Graph's leniency (`lenient-context-url`, a warning).
        totals(v1, docs, "| graph-docs-beta-2021.jsonl | 7631 | 3382 | 2097 | abstract-without-odata-type 21, enum-case-mismatch 85, evolvable-member-without-preference 2, incompatible-odata-type 8, invalid-json 27, invalid-query 8, lenient-context-url 1, malformed-primitive 81, not-in-model 672, not-selected 9, null-collection 9, placeholder-mismatch 54, trailing-comma 119, undocumented-property 320, unknown-enum-value 69, unknown-odata-type 31, wrong-json-type 34 | URL does not resolve 276, no body 2254, non-JSON content 112, type absent from the metadata 1607 |"),
        totals(beta, docs, "| graph-docs-beta-2021.jsonl | 7631 | 2727 | 1954 | abstract-without-odata-type 19, enum-case-mismatch 50, evolvable-member-without-preference 4, incompatible-odata-type 6, invalid-json 22, invalid-query 5, lenient-context-url 1, malformed-primitive 100, not-in-model 223, not-selected 8, null-collection 12, nullability 2, placeholder-mismatch 31, trailing-comma 76, undocumented-property 229, unknown-enum-value 50, unknown-odata-type 21, wrong-json-type 27 | URL does not resolve 311, no body 2254, non-JSON content 111, type absent from the metadata 2228 |"),
    ];
    trials
}
