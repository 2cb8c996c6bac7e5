//! Generating from the real v1.0 `$metadata`: the naming hazards it really
//! has come out right (the whole output is compiled by scripts/check-generated.sh),
//! and everything generated from v1.0 and beta is laid out exactly as
//! rustfmt lays it out (generation runs no formatter).

use graph_model_codegen::Builder;
use graph_model_tests::shared;

fn v1_0_naming_hazards() {
    let Some(v1) = shared("metadata/v1.0.xml") else {
        return;
    };
    let (model, files) = Builder::new()
        .input(&v1)
        .root("microsoft.graph.windowsMalwareCategory")
        .root("microsoft.graph.auditLogRecordType")
        .root("microsoft.graph.entity")
        .rustfmt(false)
        .render()
        .unwrap();
    // Warnings only: two flags enums whose `unknownFutureValue` is not a
    // power of two, and a qualified name written twice as an annotation
    // Qualifier (a simple identifier in CSDL).
    let codes: Vec<&str> = model.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "flags-sentinel-not-power-of-two",
            "flags-sentinel-not-power-of-two",
            "invalid-name",
            "invalid-name"
        ],
        "{}",
        model.diagnostics
    );
    assert!(!model.diagnostics.has_errors());
    let text: String = files.iter().map(|f| f.contents.as_str()).collect();
    // `remoteControlSoftware` and `remote_Control_Software` are two members.
    assert!(text.contains("RemoteControlSoftware,"));
    assert!(text.contains("RemoteControlSoftware2,"));
    assert!(text.contains(r#""remote_Control_Software""#));
    // An enum with no members still has its open variant.
    assert!(text.contains("pub enum AuditLogRecordType {"));
    // `entity` dispatches to every entity type of v1.0, across namespaces.
    let start = text.find("pub enum EntityAny {").unwrap();
    let body = &text[start..start + text[start..].find("\n}").unwrap()];
    let variants = body
        .lines()
        .filter(|l| l.trim_end().ends_with("),"))
        .count();
    let entity = model.lookup("microsoft.graph.entity").unwrap();
    // Base and Unknown, plus every subtype.
    assert_eq!(variants, model.derived_transitive(entity).len() + 2);
    assert!(
        body.contains("CallRecord(call_records::CallRecord),"),
        "a subtype from another namespace"
    );
    // Same name in two namespaces: the variant is qualified by its namespace.
    assert!(body.contains("CallRecordsParticipant(call_records::Participant),"));
    assert!(body.contains("Participant(Participant),"));
}

/// Every file generated from `file` with `builder`'s options is unchanged
/// by rustfmt.
fn rustfmt_clean(file: &str, builder: fn(Builder) -> Builder) {
    let Some(input) = shared(file) else {
        return;
    };
    let (_, files) = builder(Builder::new().input(&input).all(true).navigation(true))
        .render()
        .unwrap();
    assert!(files.len() > 5, "{} files", files.len());
    for f in files.iter().filter(|f| f.name.ends_with(".rs")) {
        if let Err(diff) = graph_model_tests::rustfmt_unchanged(&f.contents) {
            panic!("{file}: rustfmt changes {}: {diff}", f.name);
        }
    }
}

fn with_registry(b: Builder) -> Builder {
    b.type_visitor(true).schemars(true)
}

fn with_features(b: Builder) -> Builder {
    b.namespace_features(true)
        .derive("Eq")
        .derive("schemars::JsonSchema")
        .module("microsoft.graph", "graph")
        .runtime("crate::rt2")
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        graph_model_tests::test_needing(
            "v1_0_naming_hazards",
            &["metadata/v1.0.xml"],
            v1_0_naming_hazards,
        ),
        graph_model_tests::test_needing("v1_0_is_rustfmt_clean", &["metadata/v1.0.xml"], || {
            rustfmt_clean("metadata/v1.0.xml", with_registry)
        }),
        graph_model_tests::test_needing(
            "v1_0_with_namespace_features_is_rustfmt_clean",
            &["metadata/v1.0.xml"],
            || rustfmt_clean("metadata/v1.0.xml", with_features),
        ),
        graph_model_tests::test_needing(
            "beta_is_rustfmt_clean",
            &["metadata/beta-USNat.xml"],
            || rustfmt_clean("metadata/beta-USNat.xml", with_registry),
        ),
    ];
    trials
}
