//! Loads the real Graph `$metadata` files from `../shared/metadata` and checks
//! counts (cross-checked by `grep -c` on the XML) and resolved facts.

use graph_model_csdl::csdl::raw::StructuredKind;
use graph_model_csdl::model::{Primitive, Stats, Target, TypeKind};
use graph_model_csdl::{load_file, LoadOptions, Model};
use graph_model_tests::shared;

fn load(name: &str) -> Option<Model> {
    let path = shared(&format!("metadata/{name}"))?;
    Some(load_file(path, LoadOptions::default()).expect("loads"))
}

fn counts(s: &Stats) -> [usize; 7] {
    [
        s.entity_types,
        s.complex_types,
        s.enum_types,
        s.enums_with_unknown_future_value,
        s.flags_enums,
        s.actions,
        s.functions,
    ]
}

fn v1_0_counts_and_no_errors() {
    let Some(m) = load("v1.0.xml") else { return };
    assert_eq!(counts(&m.stats()), [1182, 1779, 861, 629, 64, 857, 326]);
    let st = m.stats();
    assert_eq!(st.schemas, 11);
    // Graph's conventions: 64 enums with 1,065 evolvable members; 858
    // references to `microsoft.graph.Json` read as `Edm.Untyped`.
    assert_eq!(
        (
            st.enums_with_evolvable_members,
            st.evolvable_members,
            st.json_as_untyped
        ),
        (64, 1065, 858)
    );
    assert_expected_warnings_only(
        &m,
        &[
            "fileStorageContainerTypeSettingsOverride",
            "windowsUpdateForBusinessUpdateWeeks",
        ],
    );
}

/// Graph writes `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`
/// twice (a qualifier is a simple identifier in CSDL), and gives some flags
/// enums an `unknownFutureValue` that is not a power of two (`flags_sentinel`):
/// those warnings, nothing else.
fn assert_expected_warnings_only(m: &Model, flags_sentinel: &[&str]) {
    let lines: Vec<String> = m.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(lines.len(), 2 + flags_sentinel.len(), "{}", m.diagnostics);
    let (sentinel, qualifier): (Vec<&String>, Vec<&String>) = lines
        .iter()
        .partition(|l| l.contains("warning[flags-sentinel-not-power-of-two]"));
    for l in qualifier {
        assert!(l.contains(": warning[invalid-name]: <Annotation> Qualifier `Org.OData.Capabilities.V1.ExpandRestrictions` is not a CSDL simple identifier"), "{l}");
    }
    for (l, name) in sentinel.iter().zip(flags_sentinel) {
        assert!(
            l.contains(&format!("`microsoft.graph.{name}.unknownFutureValue`")),
            "{l}"
        );
    }
}

/// `chatMessageType.systemEventMessage` comes after `unknownFutureValue` in
/// v1.0: judged by where the payload is and whether the preference was sent.
fn v1_0_evolvable_members_by_context() {
    use graph_model_tools::validate::{validate_dynamic_in, Context, Kind, Method, Mode, Severity};
    let Some(m) = load("v1.0.xml") else { return };
    let judge = |text: &str, mode: Mode, context: Context| {
        let r = validate_dynamic_in(
            &m,
            "microsoft.graph.chatMessage",
            false,
            text,
            mode,
            context,
        )
        .unwrap();
        r.findings
            .iter()
            .map(|f| (f.pointer.clone(), f.kind, f.severity))
            .collect::<Vec<_>>()
    };
    let evolvable = r#"{"id":"1","messageType":"systemEventMessage"}"#;
    let at = |k, s| vec![("/messageType".to_string(), k, s)];
    let without = Kind::EvolvableMemberWithoutPreference;
    // A response without the preference: Graph would have sent the sentinel.
    assert_eq!(
        judge(evolvable, Mode::Lenient, Context::RESPONSE),
        at(without, Severity::Warning)
    );
    assert_eq!(
        judge(evolvable, Mode::Strict, Context::RESPONSE),
        at(without, Severity::Error)
    );
    // With it applied, nothing.
    let applied = Context::RESPONSE.with_preference(true);
    assert_eq!(judge(evolvable, Mode::Strict, applied), vec![]);
    // In a request without the preference: 400, whatever the mode.
    let post = Context::request(Method::Post);
    assert_eq!(
        judge(evolvable, Mode::Lenient, post),
        at(without, Severity::Error)
    );
    assert_eq!(
        judge(evolvable, Mode::Lenient, post.with_preference(true)),
        vec![]
    );
    // The sentinel: fine in a response, 400 in a POST, absent in a PATCH.
    let sentinel = r#"{"id":"1","messageType":"unknownFutureValue"}"#;
    let in_request = Kind::UnknownFutureValueInRequest;
    assert_eq!(judge(sentinel, Mode::Strict, Context::RESPONSE), vec![]);
    assert_eq!(
        judge(sentinel, Mode::Lenient, post),
        at(in_request, Severity::Error)
    );
    assert_eq!(
        judge(sentinel, Mode::Strict, Context::request(Method::Patch)),
        at(in_request, Severity::Warning)
    );
    // Earlier members are never evolvable.
    assert_eq!(
        judge(r#"{"id":"1","messageType":"message"}"#, Mode::Strict, post),
        vec![]
    );
}

/// `$filter` naming an evolvable member: an error that says why without
/// the preference, bound with it; earlier members and the sentinel are fine.
fn v1_0_query_naming_an_evolvable_member() {
    use graph_model_odata::query::{self, bind, Dialect, Restrictions};
    let Some(m) = load("v1.0.xml") else { return };
    let chat_message = m.lookup("microsoft.graph.chatMessage").unwrap();
    let bound = |q: &str, prefer: bool| {
        let parsed = query::parse(q, Dialect::graph()).unwrap();
        let r = Restrictions::new().include_unknown_enum_members(prefer);
        bind(&m, chat_message, true, parsed, &r).map(|_| ())
    };
    for q in [
        "$filter=messageType eq 'systemEventMessage'",
        "$filter=messageType eq microsoft.graph.chatMessageType'systemEventMessage'",
    ] {
        let errors = bound(q, false).unwrap_err();
        assert_eq!(errors.len(), 1, "{q}: {errors:?}");
        assert!(
            errors[0]
                .message
                .contains("`systemEventMessage` of `microsoft.graph.chatMessageType` is evolvable")
                && errors[0]
                    .message
                    .contains("Prefer: include-unknown-enum-members"),
            "{}",
            errors[0].message
        );
        assert_eq!(
            &q[errors[0].span.clone()].trim_start_matches("microsoft.graph.chatMessageType"),
            &"'systemEventMessage'"
        );
        assert!(bound(q, true).is_ok(), "{q}");
    }
    for q in [
        "$filter=messageType eq 'message'",
        "$filter=messageType eq 'unknownFutureValue'",
    ] {
        assert!(bound(q, false).is_ok(), "{q}");
    }
}

/// A workbook range's values are any JSON (`microsoft.graph.Json`): a 2-D
/// array of mixed values validates cleanly, strictly, against the raw v1.0.
fn v1_0_json_is_any_json() {
    use graph_model_tools::validate::{validate_dynamic, Mode};
    let Some(m) = load("v1.0.xml") else { return };
    for (ty, text) in [
        (
            "microsoft.graph.workbookRange",
            r#"{"address":"A1","values":[[1,"x",null]],"text":[["1","x",""]],"formulas":[[true,{"a":1}]]}"#,
        ),
        (
            "microsoft.graph.workbookNamedItem",
            r#"{"name":"n","value":42}"#,
        ),
        (
            "microsoft.graph.workbookNamedItem",
            r#"{"name":"n","value":"=Sheet1!A1"}"#,
        ),
    ] {
        let report = validate_dynamic(&m, ty, false, text, Mode::Strict).unwrap();
        assert!(report.is_clean(), "{ty} {text}: {:?}", report.findings);
    }
}

fn v1_0_clean_with_bom_and_no_declaration() {
    let Some(m) = load("v1.0-clean.xml") else {
        return;
    };
    assert_eq!(counts(&m.stats()), [1182, 1780, 861, 629, 64, 857, 324]);
    // The clean file's `InnerError` has the properties `request-id` and
    // `client-request-id` (the real keys of Graph error bodies), which are
    // not CSDL identifiers: two errors, the properties kept.
    let errors: Vec<String> = m.diagnostics.errors().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 2, "{}", m.diagnostics);
    assert!(errors[0].ends_with("v1.0-clean.xml:29925:9: error[invalid-name]: <Property> Name `request-id` is not a CSDL simple identifier: `-` (U+002D) at character 8 is not allowed in an identifier; kept: it is used only as the JSON name, and its Rust name is sanitised"), "{}", errors[0]);
    let inner = m.lookup("microsoft.graph.InnerError").unwrap();
    let names: Vec<&str> = m
        .properties(inner)
        .iter()
        .map(|p| p.property.name.as_str())
        .collect();
    assert_eq!(names, ["request-id", "client-request-id", "date"]);
    // The two flags enums whose sentinel is not a power of two, as in v1.0;
    // four external annotations in the clean file target navigation
    // properties that the clean file does not declare; two qualifiers as in v1.0.
    let warnings: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.severity == graph_model_codegen::Severity::Warning)
        .map(|d| d.code)
        .collect();
    assert_eq!(
        warnings,
        [
            "flags-sentinel-not-power-of-two",
            "flags-sentinel-not-power-of-two",
            "unresolved-annotation-target",
            "unresolved-annotation-target",
            "unresolved-annotation-target",
            "unresolved-annotation-target",
            "invalid-name",
            "invalid-name"
        ]
    );
}

fn beta_usnat_counts() {
    let Some(m) = load("beta-USNat.xml") else {
        return;
    };
    assert_eq!(counts(&m.stats()), [722, 1044, 479, 362, 56, 705, 251]);
    let st = m.stats();
    assert_eq!(
        (
            st.enums_with_evolvable_members,
            st.evolvable_members,
            st.json_as_untyped
        ),
        (44, 181, 850)
    );
    assert_expected_warnings_only(&m, &["fileStorageContainerTypeSettingsOverride"]);
}

fn excerpt_is_partial_and_loads_leniently_but_not_strictly() {
    let Some(path) = shared("metadata/seed-closure-excerpt.xml") else {
        return;
    };
    let m = load_file(&path, LoadOptions::default()).unwrap();
    assert_eq!(counts(&m.stats()), [8, 19, 3, 3, 0, 0, 0]);
    assert_eq!(m.diagnostics.errors().count(), 22);
    assert!(m
        .diagnostics
        .errors()
        .all(|d| d.code == "unresolved-type" && d.span.is_some()));
    let first = m.diagnostics.errors().next().unwrap().to_string();
    assert!(first.ends_with("seed-closure-excerpt.xml:41:9: error[unresolved-type]: type `graph.approverInformationVisibility` is not defined in the model"), "{first}");
    let strict = load_file(&path, LoadOptions { strict: true }).unwrap_err();
    assert_eq!(strict.errors().count(), 22);
    // The deprecation annotation is attached from the external Annotations block.
    let cat = m.lookup("graph.accessPackageCatalog").unwrap();
    let dep = graph_model_csdl::model::Deprecation::of(&m.get(cat).annotations).unwrap();
    assert_eq!(dep.removal_date.as_deref(), Some("2023-12-31"));
}

fn upload_session_resolved_facts() {
    for file in ["v1.0.xml", "seed-closure-excerpt.xml"] {
        let Some(m) = load(file) else { return };
        let id = m
            .lookup("microsoft.graph.customDataProvidedResourceUploadSession")
            .unwrap();
        assert_eq!(
            m.lookup("graph.customDataProvidedResourceUploadSession"),
            Some(id)
        );
        assert_eq!(
            m.lookup("#microsoft.graph.customDataProvidedResourceUploadSession"),
            Some(id)
        );
        let s = m.get(id).structured().unwrap();
        assert!(s.is_abstract);
        assert_eq!(s.kind, StructuredKind::Entity);
        let entity = m.lookup("microsoft.graph.entity").unwrap();
        assert_eq!(m.base_chain(id), vec![entity]);
        assert_eq!(m.key(id), vec!["id".to_string()]);
        let props = m.properties(id);
        assert_eq!(props[0].property.name, "id");
        assert_eq!(props[0].declared_in, entity);
        let names: Vec<_> = props.iter().map(|p| p.property.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "createdDateTime",
                "data",
                "isUploadDone",
                "referenceId",
                "stats",
                "status"
            ]
        );
        let (files, _) = m
            .navigation(id)
            .into_iter()
            .find(|(n, _)| n.name == "files")
            .unwrap();
        let file_ty = m
            .lookup("microsoft.graph.customDataProvidedResourceFile")
            .unwrap();
        assert!(files.ty.collection);
        assert_eq!(files.ty.target, Target::Named(file_ty));
        // `data` resolves through the customDataProvidedResourcePayloads alias.
        let data = props.iter().find(|p| p.property.name == "data").unwrap();
        let payload = m
            .lookup("microsoft.graph.customDataProvidedResourcePayloads.data")
            .unwrap();
        assert_eq!(data.property.ty.target, Target::Named(payload));
        let derived: Vec<String> = m
            .derived_transitive(payload)
            .iter()
            .map(|d| m.get(*d).name.to_string())
            .collect();
        assert_eq!(
            derived,
            [
                "microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData",
                "microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextDataBase",
                "microsoft.graph.customDataProvidedResourcePayloads.applyDecisionContextData",
            ]
        );
        let status = m
            .lookup("graph.customDataProvidedResourceUploadStatus")
            .unwrap();
        let TypeKind::Enum(e) = &m.get(status).kind else {
            panic!()
        };
        let members: Vec<_> = e
            .members
            .iter()
            .map(|x| (x.name.as_str(), x.value))
            .collect();
        assert_eq!(
            members,
            [
                ("active", 0),
                ("complete", 1),
                ("expired", 2),
                ("unknownFutureValue", 3)
            ]
        );
        let stats = m
            .lookup("graph.customDataProvidedResourceUploadStats")
            .unwrap();
        let total = &m.properties(stats)[1].property;
        assert_eq!(total.ty.target, Target::Primitive(Primitive::Int64));
        assert!(!total.nullable);
    }
}

fn v1_0_upload_file_is_bound_to_the_session_and_entity_has_all_subtypes() {
    let Some(m) = load("v1.0.xml") else { return };
    let id = m
        .lookup("graph.customDataProvidedResourceUploadSession")
        .unwrap();
    let ops: Vec<String> = m
        .bound_operations(id)
        .iter()
        .map(|o| o.name.to_string())
        .collect();
    assert_eq!(ops, ["microsoft.graph.uploadFile"]);
    let entity = m.lookup("graph.entity").unwrap();
    let all = m.derived_transitive(entity).len();
    // Cross-check the derived index against the base chains.
    let via_chain = m
        .ids()
        .filter(|&t| m.base_chain(t).last() == Some(&entity))
        .count();
    assert_eq!(all, via_chain);
    assert!(all > 1100, "{all}");
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        graph_model_tests::test_needing(
            "v1_0_counts_and_no_errors",
            &["metadata/v1.0.xml"],
            v1_0_counts_and_no_errors,
        ),
        graph_model_tests::test_needing(
            "v1_0_evolvable_members_by_context",
            &["metadata/v1.0.xml"],
            v1_0_evolvable_members_by_context,
        ),
        graph_model_tests::test_needing(
            "v1_0_query_naming_an_evolvable_member",
            &["metadata/v1.0.xml"],
            v1_0_query_naming_an_evolvable_member,
        ),
        graph_model_tests::test_needing(
            "v1_0_json_is_any_json",
            &["metadata/v1.0.xml"],
            v1_0_json_is_any_json,
        ),
        graph_model_tests::test_needing(
            "v1_0_clean_with_bom_and_no_declaration",
            &["metadata/v1.0-clean.xml"],
            v1_0_clean_with_bom_and_no_declaration,
        ),
        graph_model_tests::test_needing(
            "beta_usnat_counts",
            &["metadata/beta-USNat.xml"],
            beta_usnat_counts,
        ),
        graph_model_tests::test_needing(
            "excerpt_is_partial_and_loads_leniently_but_not_strictly",
            &["metadata/seed-closure-excerpt.xml"],
            excerpt_is_partial_and_loads_leniently_but_not_strictly,
        ),
        graph_model_tests::test_needing(
            "upload_session_resolved_facts",
            &["metadata/v1.0.xml", "metadata/seed-closure-excerpt.xml"],
            upload_session_resolved_facts,
        ),
        graph_model_tests::test_needing(
            "v1_0_upload_file_is_bound_to_the_session_and_entity_has_all_subtypes",
            &["metadata/v1.0.xml"],
            v1_0_upload_file_is_bound_to_the_session_and_entity_has_all_subtypes,
        ),
    ];
    trials
}
