//! The seed payloads read into the generated types and written back:
//! nothing lost, nothing bent. And typed validation gives the same findings
//! as dynamic validation on every seed sample.

use graph_model::graph::custom_data_provided_resource_payloads::DataAny;
use graph_model::graph::{
    CustomDataProvidedResourceUploadSession,
    CustomDataProvidedResourceUploadSessionAny as SessionAny,
    CustomDataProvidedResourceUploadStatus as Status,
};
use graph_model::WireEnum;
use graph_model::{Collection, Nullable};
use graph_model_tests::shared;
use graph_model_tools::lenient_json::strip_trailing_commas;
use graph_model_tools::samples::{read_file, Sample};
use graph_model_tools::validate::{bundled_model, validate_dynamic, validate_typed, Mode};
use serde_json::Value;

fn seed(name: &str) -> Option<Vec<Sample>> {
    Some(read_file(&shared(&format!("seeds/{name}"))?).unwrap())
}

fn body(s: &Sample) -> String {
    strip_trailing_commas(s.body.as_deref().unwrap())
        .0
        .into_owned()
}

/// JSON → T → JSON is the identity (as JSON values; numbers compare by their exact text).
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> T {
    let original: Value = serde_json::from_str(text).unwrap();
    let typed: T = serde_json::from_str(text).unwrap();
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, original, "round trip changed the payload");
    typed
}

/// `(pointer, kind)` of each finding.
fn places(r: &graph_model_tools::validate::Report) -> Vec<(&str, &str)> {
    r.findings
        .iter()
        .map(|f| (f.pointer.as_str(), f.kind.as_str()))
        .collect()
}

fn base(s: &SessionAny) -> &CustomDataProvidedResourceUploadSession {
    match s {
        SessionAny::Base(b) => b,
        other => panic!("expected the declared type (no @odata.type), got {other:?}"),
    }
}

fn get_response_active_case_and_unmodelled_property_survive() {
    let Some(page) = seed("003_0a12583d3c2c0358.txt") else {
        return;
    };
    let text = body(&page[1]);
    let any: SessionAny = round_trip(&text);
    let s = base(&any);
    // "Complete" is not the member `complete`: kept verbatim, matched on request.
    let status = s.status.as_ref().unwrap();
    assert_eq!(status, &Status::Other("Complete".into()));
    assert_eq!(status.case_insensitive_match(), Some(Status::Complete));
    assert_eq!(s.extra["expirationDateTime"], "2024-03-07T01:35:12.123Z");
    assert_eq!(
        s.created_date_time.as_ref().unwrap().as_str(),
        "2024-03-06T01:35:12.123Z"
    );
    assert_eq!(
        s.stats
            .as_ref()
            .unwrap()
            .total_bytes_uploaded
            .as_ref()
            .unwrap()
            .get(),
        2_000_000
    );
    assert_eq!(
        s.files.value().unwrap()[0].name.as_deref(),
        Some("building-a-access.csv")
    );
    assert_eq!(s.reference_id, Nullable::Absent);
}

fn create_response_keeps_active() {
    let Some(page) = seed("000_6fae3d6d646efe2b.txt") else {
        return;
    };
    let any: SessionAny = round_trip(&body(&page[1]));
    assert_eq!(base(&any).status, Some(Status::Other("Active".into())));
    assert_eq!(base(&any).files, Nullable::Value(vec![]));
}

fn list_response_unknown_payload_subtype_and_seven_fraction_digits() {
    let Some(page) = seed("002_bf11bd85dbb2cd1a.txt") else {
        return;
    };
    let list: Collection<SessionAny> = round_trip(&body(&page[1]));
    assert!(list
        .context
        .as_deref()
        .unwrap()
        .ends_with("/uploadSessions"));
    assert_eq!(list.items().len(), 2);
    let s = base(&list.items()[0]);
    assert_eq!(s.status, Some(Status::Complete));
    assert_eq!(s.extra["source"], "BuildingAccessData");
    assert_eq!(
        s.extra["type"],
        "#microsoft.graph.accessReviewDataUploadTriggerCallbackData"
    );
    let Nullable::Value(DataAny::Unknown(data)) = &s.data else {
        panic!("{:?}", s.data)
    };
    assert_eq!(
        data.odata_type,
        "#microsoft.graph.accessReviewResourceDataUploadSessionContextData"
    );
    assert_eq!(
        data.object["accessReviewId"],
        "a89003b1-d457-4b8a-b060-42a3b6ad6c44"
    );
    let file = &s.files.value().unwrap()[0];
    assert_eq!(
        file.uploaded_date_time.as_ref().unwrap().as_str(),
        "2026-03-24T21:34:57.1713709Z"
    );
    assert_eq!(
        file.uploaded_date_time.as_ref().unwrap().unix().1,
        171_370_900
    );
    let text = serde_json::to_string(&list).unwrap();
    assert!(text.contains("\"2026-03-27T21:02:25.0632085Z\""));
}

fn unknown_enum_string_and_known_payload_subtype() {
    let text = r##"{"id":"x","status":"paused","data":{"@odata.type":"#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData","reviewDefinitionId":"d","reviewInstanceId":"i"}}"##;
    let any: SessionAny = round_trip(text);
    let s = base(&any);
    assert_eq!(s.status, Some(Status::Other("paused".into())));
    assert_eq!(s.status.as_ref().unwrap().as_str(), "paused");
    let Nullable::Value(DataAny::AccessReviewContextData(d)) = &s.data else {
        panic!("{:?}", s.data)
    };
    assert_eq!(d.review_definition_id.as_deref(), Some("d"));
    // Alias form and no `#` dispatch the same way.
    let alias = r#"{"@odata.type":"customDataProvidedResourcePayloads.accessReviewContextData","reviewDefinitionId":"d"}"#;
    assert!(matches!(
        round_trip::<DataAny>(alias),
        DataAny::AccessReviewContextData(_)
    ));
    // A derived session type dispatches to its own variant.
    let derived = r##"{"@odata.type":"#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession","id":"1","isUploadDone":false}"##;
    assert!(matches!(
        round_trip::<SessionAny>(derived),
        SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(_)
    ));
}

fn null_absent_and_value_are_three_states() {
    let null: SessionAny = round_trip(r#"{"referenceId":null}"#);
    assert_eq!(base(&null).reference_id, Nullable::Null);
    let absent: SessionAny = round_trip(r#"{}"#);
    assert_eq!(base(&absent).reference_id, Nullable::Absent);
    let value: SessionAny = round_trip(r#"{"referenceId":"r"}"#);
    assert_eq!(base(&value).reference_id, Nullable::Value("r".into()));
    // Not nullable: `null` is refused, with the place named.
    let err = serde_json::from_str::<SessionAny>(r#"{"status":null}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not nullable"), "{err}");
    let err = serde_json::from_str::<SessionAny>(r#"{"id":"a","id":"b"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("duplicate property `id`"), "{err}");
}

fn typed_and_dynamic_validation_agree_on_every_seed_sample() {
    let mut compared = 0;
    for name in [
        "000_6fae3d6d646efe2b.txt",
        "002_bf11bd85dbb2cd1a.txt",
        "003_0a12583d3c2c0358.txt",
    ] {
        let Some(page) = seed(name) else { return };
        for s in page.iter().filter(|s| s.body.is_some()) {
            let collection = s.status == Some(200)
                && s.request_method.as_deref() == Some("GET")
                && name.starts_with("002");
            for mode in [Mode::Lenient, Mode::Strict] {
                let text = s.body.as_deref().unwrap();
                let t = "microsoft.graph.customDataProvidedResourceUploadSession";
                let dynamic = validate_dynamic(bundled_model(), t, collection, text, mode).unwrap();
                let typed = if collection {
                    validate_typed::<Collection<SessionAny>>(text, mode)
                } else {
                    validate_typed::<SessionAny>(text, mode)
                };
                assert!(!dynamic.is_clean(), "{}: the seeds all have findings", s.id);
                assert_eq!(typed.sorted(), dynamic.sorted(), "{} ({mode:?})", s.id);
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 8);
}

fn typed_validation_reports_what_the_types_cannot_hold() {
    // A bad date: the model check names it; the typed reader agrees (no extra finding).
    let r = validate_typed::<SessionAny>(
        r#"{"createdDateTime":"2024-02-30T00:00:00Z"}"#,
        Mode::Lenient,
    );
    let kinds = places(&r);
    assert_eq!(
        kinds,
        [
            ("", "abstract-without-odata-type"),
            ("/createdDateTime", "malformed-primitive")
        ]
    );
    // Wrong JSON types and nullability.
    let r = validate_typed::<SessionAny>(
        r#"{"isUploadDone":"yes","stats":{"filesUploaded":null,"totalBytesUploaded":"12"}}"#,
        Mode::Lenient,
    );
    let kinds = places(&r);
    assert_eq!(
        kinds,
        [
            ("", "abstract-without-odata-type"),
            ("/isUploadDone", "wrong-json-type"),
            ("/stats/filesUploaded", "nullability")
        ]
    );
    // Int64 as a string (IEEE754Compatible) is valid and round-trips.
    assert!(!r
        .findings
        .iter()
        .any(|f| f.pointer == "/stats/totalBytesUploaded"));
}

fn odata_type_anywhere_in_the_object_dispatches() {
    let derived = "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession";
    for text in [
        format!(r#"{{"@odata.type":"{derived}","id":"1","status":"active"}}"#),
        format!(r#"{{"@odata.context":"c","@odata.type":"{derived}","id":"1","status":"active"}}"#),
        // Out of OData order: properties first, then the type.
        format!(r#"{{"id":"1","status":"active","@odata.type":"{derived}","isUploadDone":true}}"#),
    ] {
        let any: SessionAny = round_trip(&text);
        let SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(s) = any else {
            panic!("{text}: {any:?}")
        };
        assert_eq!(s.id.as_deref(), Some("1"));
        assert_eq!(s.status, Some(Status::Active));
    }
    // The declared type named explicitly, and only control information.
    let own =
        r##"{"@odata.type":"#microsoft.graph.customDataProvidedResourceUploadSession","id":"2"}"##;
    assert_eq!(base(&round_trip(own)).id.as_deref(), Some("2"));
    assert!(matches!(
        round_trip::<SessionAny>(r#"{"@odata.etag":"W/1"}"#),
        SessionAny::Base(_)
    ));
    // Late unknown type: kept whole, properties included.
    let late = r##"{"id":"3","@odata.type":"#microsoft.graph.somethingNew","extra":1}"##;
    let SessionAny::Unknown(u) = round_trip::<SessionAny>(late) else {
        panic!()
    };
    assert_eq!(u.object["id"], "3");
    // Errors keep their place in the document.
    let err = serde_json::from_str::<Collection<SessionAny>>(
        r#"{"value":[{},{"stats":{"filesUploaded":"x"}}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("line 1 column"), "{err}");
    let dup = r##"{"value":[{"@odata.type":"#microsoft.graph.customDataProvidedResourceUploadSession","id":"a","id":"b"}]}"##;
    let r = validate_typed::<Collection<SessionAny>>(dup, Mode::Lenient);
    let kinds = places(&r);
    assert_eq!(kinds, [("/value/0", "duplicate-key")]);
    assert!(r.has_errors());
    let err = serde_json::from_str::<Collection<SessionAny>>(dup)
        .unwrap_err()
        .to_string();
    assert!(err.contains("duplicate property `id`"), "{err}");
}

fn a_subtype_named_first_and_canonically_is_held_by_the_variant() {
    let derived = "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession";
    let local = "customDataProvidedResourceAccessReviewUploadSession";
    // (payload, whether the struct keeps `@odata.type` among its extras):
    // only the spelling and place the variant writes back is left out.
    for (text, kept) in [
        (format!(r#"{{"@odata.type":"{derived}","id":"1"}}"#), false),
        (
            format!(r##"{{"@odata.type":"#graph.{local}","id":"1"}}"##),
            true,
        ),
        (
            format!(r#"{{"@odata.type":"microsoft.graph.{local}","id":"1"}}"#),
            true,
        ),
        (
            format!(r#"{{"@odata.etag":"W/1","@odata.type":"{derived}","id":"1"}}"#),
            true,
        ),
    ] {
        let any: SessionAny = serde_json::from_str(&text).unwrap();
        let SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(s) = &any else {
            panic!("{text}: {any:?}")
        };
        assert_eq!(s.extra.contains_key("@odata.type"), kept, "{text}");
        assert_eq!(serde_json::to_string(&any).unwrap(), text, "byte for byte");
    }
    // A second `@odata.type` is refused whether or not the first was kept.
    for first in [derived.to_string(), format!("#graph.{local}")] {
        let text = format!(r#"{{"@odata.type":"{first}","id":"1","@odata.type":"{derived}"}}"#);
        let err = serde_json::from_str::<SessionAny>(&text).unwrap_err();
        assert!(
            err.to_string().contains("duplicate property `@odata.type`"),
            "{text}: {err}"
        );
    }
    // Not a string: an error that says what was expected.
    let err = serde_json::from_str::<SessionAny>(r#"{"@odata.type":5}"#).unwrap_err();
    assert!(
        err.to_string().contains("`@odata.type` as a string"),
        "{err}"
    );
}

fn graph_ordered_payloads_come_back_byte_for_byte() {
    // Control information first, property annotations right before their
    // property, unknown members after the model's: what Graph writes, and
    // what the types write back.
    let text = concat!(
        r##"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#x/$entity","##,
        r##""@odata.type":"#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession","##,
        r##""@odata.etag":"W/\"1\"","id":"s1","createdDateTime":"2024-03-06T01:35:12.1234567Z","##,
        r##""isUploadDone":false,"referenceId":null,"status":"active","##,
        r##""files@odata.context":"https://graph.microsoft.com/beta/$metadata#x/files","##,
        r##""files":[{"id":"f","name":"a.csv","size":9007199254740993,"uploadedDateTime":"2024-03-06T01:35:12Z"}],"##,
        r##""expirationDateTime":"2024-03-07T01:35:12.123Z","source@odata.type":"#String","source":"x"}"##
    );
    let s: SessionAny = serde_json::from_str(text).unwrap();
    assert!(matches!(
        s,
        SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(_)
    ));
    assert_eq!(serde_json::to_string(&s).unwrap(), text);
    let list = format!(
        r#"{{"@odata.context":"c","@odata.count":1,"@odata.nextLink":"n","value":[{text}]}}"#
    );
    let c: Collection<SessionAny> = serde_json::from_str(&list).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), list);
}

fn typed_errors_point_at_the_member_that_failed() {
    // The typed reader names the member, for control information too.
    for (text, at) in [
        (r#"{"@odata.context": 3, "value": []}"#, "@odata.context"),
        (r#"{"@odata.count": "INF", "value": []}"#, "@odata.count"),
        (r#"{"@odata.nextLink": {}, "value": []}"#, "@odata.nextLink"),
        (r#"{"value": [{"status": 5}]}"#, "value[0].status"),
        (
            r##"{"value": [{"@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession", "stats": {"filesUploaded": "x"}}]}"##,
            "value[0].stats.filesUploaded",
        ),
    ] {
        let mut de = serde_json::Deserializer::from_str(text);
        let err =
            serde_path_to_error::deserialize::<_, Collection<SessionAny>>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), at, "{text}: {err}");
    }
    // And validation reports each at its pointer, once, from both paths.
    let text = r#"{"@odata.context": 3, "value": []}"#;
    for mode in [Mode::Lenient, Mode::Strict] {
        let typed = validate_typed::<Collection<SessionAny>>(text, mode);
        let dynamic = validate_dynamic(
            bundled_model(),
            "microsoft.graph.customDataProvidedResourceUploadSession",
            true,
            text,
            mode,
        )
        .unwrap();
        assert_eq!(places(&typed), [("/@odata.context", "wrong-json-type")]);
        assert_eq!(typed, dynamic);
    }
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        graph_model_tests::test_needing(
            "get_response_active_case_and_unmodelled_property_survive",
            &["seeds/003_0a12583d3c2c0358.txt"],
            get_response_active_case_and_unmodelled_property_survive,
        ),
        graph_model_tests::test_needing(
            "create_response_keeps_active",
            &["seeds/000_6fae3d6d646efe2b.txt"],
            create_response_keeps_active,
        ),
        graph_model_tests::test_needing(
            "list_response_unknown_payload_subtype_and_seven_fraction_digits",
            &["seeds/002_bf11bd85dbb2cd1a.txt"],
            list_response_unknown_payload_subtype_and_seven_fraction_digits,
        ),
        graph_model_tests::test(
            "unknown_enum_string_and_known_payload_subtype",
            unknown_enum_string_and_known_payload_subtype,
        ),
        graph_model_tests::test(
            "null_absent_and_value_are_three_states",
            null_absent_and_value_are_three_states,
        ),
        graph_model_tests::test_needing(
            "typed_and_dynamic_validation_agree_on_every_seed_sample",
            &[
                "seeds/000_6fae3d6d646efe2b.txt",
                "seeds/002_bf11bd85dbb2cd1a.txt",
                "seeds/003_0a12583d3c2c0358.txt",
            ],
            typed_and_dynamic_validation_agree_on_every_seed_sample,
        ),
        graph_model_tests::test(
            "typed_validation_reports_what_the_types_cannot_hold",
            typed_validation_reports_what_the_types_cannot_hold,
        ),
        graph_model_tests::test(
            "odata_type_anywhere_in_the_object_dispatches",
            odata_type_anywhere_in_the_object_dispatches,
        ),
        graph_model_tests::test(
            "a_subtype_named_first_and_canonically_is_held_by_the_variant",
            a_subtype_named_first_and_canonically_is_held_by_the_variant,
        ),
        graph_model_tests::test(
            "graph_ordered_payloads_come_back_byte_for_byte",
            graph_ordered_payloads_come_back_byte_for_byte,
        ),
        graph_model_tests::test(
            "typed_errors_point_at_the_member_that_failed",
            typed_errors_point_at_the_member_that_failed,
        ),
    ];
    trials
}
