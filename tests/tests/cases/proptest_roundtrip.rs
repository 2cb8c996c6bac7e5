//! Property tests: any upload-session payload built from the seed types'
//! shapes reads into the generated types and writes back unchanged, and any
//! typed value survives JSON.

use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn date_time() -> impl Strategy<Value = String> {
    (
        1970u32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        0usize..=7,
        prop_oneof![
            Just("Z".to_string()),
            (0u32..14, 0u32..60, any::<bool>())
                .prop_map(|(h, m, neg)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' }))
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, frac, zone)| {
            let f = if frac == 0 {
                String::new()
            } else {
                format!(".{}", &"1234567"[..frac])
            };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{f}{zone}")
        })
}

fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("active".to_string()),
        Just("complete".to_string()),
        Just("expired".to_string()),
        Just("unknownFutureValue".to_string()),
        Just("Active".to_string()),
        "[A-Za-z]{1,12}",
    ]
}

fn int64() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|v| json!(v)),
        any::<i64>().prop_map(|v| json!(v.to_string()))
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|v| json!(v)),
        "[ -~]{0,12}".prop_map(Value::String),
        (any::<i32>(), 1u32..1000)
            .prop_map(|(a, b)| serde_json::from_str(&format!("{a}.{b}")).unwrap()),
    ]
}

fn extra() -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::btree_map(
        "x[a-zA-Z]{1,8}|@odata\\.[a-z]{1,6}|[a-z]{1,6}@odata\\.type",
        prop_oneof![
            scalar(),
            proptest::collection::vec(scalar(), 0..3).prop_map(Value::Array)
        ],
        0..4,
    )
    .prop_map(|m| m.into_iter().collect())
}

/// Absent, `null` or a value.
fn optional(v: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![Just(None), Just(Some(Value::Null)), v.prop_map(Some)]
}

fn data() -> impl Strategy<Value = Value> {
    let ids = ("[a-f0-9-]{1,36}", "[a-f0-9-]{1,36}");
    prop_oneof![
        ids.prop_map(|(a, b)| json!({"@odata.type": "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData", "reviewDefinitionId": a, "reviewInstanceId": b})),
        ids.prop_map(|(a, b)| json!({"@odata.type": "#microsoft.graph.accessReviewResourceDataUploadSessionContextData", "accessReviewId": a, "accessReviewInstanceId": b})),
        ids.prop_map(|(a, b)| json!({"accessReviewId": a, "accessReviewInstanceId": b})),
    ]
}

fn file() -> impl Strategy<Value = Value> {
    (
        "[a-z0-9-]{1,36}",
        "[a-z_.-]{1,20}",
        int64(),
        date_time(),
        extra(),
    )
        .prop_map(|(id, name, size, at, extra)| {
            let mut m = Map::new();
            m.insert("id".into(), json!(id));
            m.insert("name".into(), json!(name));
            m.insert("size".into(), size);
            m.insert("uploadedDateTime".into(), json!(at));
            m.extend(extra);
            Value::Object(m)
        })
}

fn session() -> impl Strategy<Value = Value> {
    (
        "[a-z0-9-]{1,36}",
        status(),
        any::<bool>(),
        date_time(),
        optional("[a-z0-9-]{0,36}".prop_map(Value::String)),
        (any::<i32>(), int64()),
        optional(proptest::collection::vec(file(), 0..3).prop_map(Value::Array)),
        optional(data()),
        extra(),
    )
        .prop_map(
            |(id, status, done, created, reference, (n, bytes), files, data, extra)| {
                let mut m = Map::new();
                m.insert("id".into(), json!(id));
                m.insert("status".into(), json!(status));
                m.insert("isUploadDone".into(), json!(done));
                m.insert("createdDateTime".into(), json!(created));
                if let Some(r) = reference {
                    m.insert("referenceId".into(), r);
                }
                m.insert(
                    "stats".into(),
                    json!({"filesUploaded": n, "totalBytesUploaded": bytes}),
                );
                if let Some(f) = files {
                    m.insert("files".into(), f);
                }
                if let Some(d) = data {
                    m.insert("data".into(), d);
                }
                for (k, v) in extra {
                    m.entry(k).or_insert(v);
                }
                Value::Object(m)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_to_typed_to_json_is_identity(v in session()) {
        let text = serde_json::to_string(&v).unwrap();
        let typed: SessionAny = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::to_value(&typed).unwrap(), v);
    }

    #[test]
    fn typed_to_json_to_typed_is_identity(items in proptest::collection::vec(session(), 0..4), next in optional("https://[a-z/]{1,20}".prop_map(Value::String))) {
        let mut envelope = json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "value": items});
        if let Some(Value::String(n)) = next {
            envelope["@odata.nextLink"] = json!(n);
        }
        let typed: Collection<SessionAny> = serde_json::from_value(envelope).unwrap();
        let text = serde_json::to_string(&typed).unwrap();
        let again: Collection<SessionAny> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(again, typed);
    }

    /// `Clone`, `PartialEq` and `Debug` (the runtime's, which walk the
    /// value as the writer does): a clone is equal and writes the same
    /// JSON; taking any member away makes the value unequal; `Debug` names
    /// every member read.
    #[test]
    fn clone_eq_and_debug_follow_the_value(v in session()) {
        let typed: SessionAny = serde_json::from_value(v.clone()).unwrap();
        let copy = typed.clone();
        prop_assert!(copy == typed);
        prop_assert_eq!(serde_json::to_string(&copy).unwrap(), serde_json::to_string(&typed).unwrap());
        let debug = format!("{typed:?}");
        for key in v.as_object().unwrap().keys() {
            let mut fewer = v.clone();
            fewer.as_object_mut().unwrap().remove(key);
            let other: SessionAny = serde_json::from_value(fewer).unwrap();
            prop_assert!(other != typed, "equal without {}", key);
            prop_assert!(other.clone() != copy, "clone equal without {}", key);
            if !key.starts_with('@') {
                prop_assert!(debug.contains(&format!("{key:?}")) || debug.contains(&format!("{key}: ")), "{} not in {}", key, debug);
            }
        }
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        scalar(),
        Just(json!("2024-13-99T00:00:00Z")),
        Just(json!(
            "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession"
        )),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("status".to_string()),
                    Just("stats".to_string()),
                    Just("files".to_string()),
                    Just("data".to_string()),
                    Just("@odata.type".to_string()),
                    Just("value".to_string()),
                    "[a-z]{1,5}",
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the JSON, validation answers with findings, never a panic;
    /// and what the typed reader accepts, it writes back unchanged.
    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        use graph_model_tools::validate::{bundled_model, validate_dynamic, validate_typed, Mode};
        let text = serde_json::to_string(&v).unwrap();
        for mode in [Mode::Lenient, Mode::Strict] {
            let t = "microsoft.graph.customDataProvidedResourceUploadSession";
            let _ = validate_dynamic(bundled_model(), t, false, &text, mode).unwrap();
            let _ = validate_dynamic(bundled_model(), t, true, &text, mode).unwrap();
            let _ = validate_typed::<SessionAny>(&text, mode);
        }
        if let Ok(typed) = serde_json::from_str::<SessionAny>(&text) {
            prop_assert_eq!(serde_json::to_value(&typed).unwrap(), v);
        }
    }
}

/// Enum fields compare as their own type, as the derive does: `Other`
/// holding a known member's wire string is not that member.
#[test]
fn enum_fields_compare_as_values_not_as_wire_strings() {
    use graph_model::graph::{
        CustomDataProvidedResourceUploadSession as Session,
        CustomDataProvidedResourceUploadStatus as Status,
    };
    let known: Session = serde_json::from_value(json!({"status": "active"})).unwrap();
    let mut other = known.clone();
    other.status = Some(Status::Other("active".into()));
    assert_eq!(
        serde_json::to_string(&other).unwrap(),
        serde_json::to_string(&known).unwrap()
    );
    assert!(other != known);
    assert!(other.clone() == other);
    assert!(
        format!("{known:?}").contains("status: \"active\""),
        "{known:?}"
    );
}
