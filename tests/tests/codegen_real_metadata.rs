//! Generating from the real v1.0 `$metadata`: the naming hazards it really
//! has come out right (the whole output is compiled by scripts/check-generated.sh).

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
    // Two warnings only: Graph writes a qualified name as an annotation
    // Qualifier (a simple identifier in CSDL).
    let codes: Vec<&str> = model.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["invalid-name", "invalid-name"],
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

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let trials = vec![graph_model_tests::test_needing(
        "v1_0_naming_hazards",
        &["metadata/v1.0.xml"],
        v1_0_naming_hazards,
    )];
    libtest_mimic::run(&args, trials).exit();
}
