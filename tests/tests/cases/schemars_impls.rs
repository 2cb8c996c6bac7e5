//! The generated types' `schemars::JsonSchema` impls give the schema that
//! the model export gives (lenient mode): same definitions, same root.

use graph_model::graph::custom_data_provided_resource_payloads::{
    AccessReviewContextData, DataAny,
};
use graph_model::graph::{
    CustomDataProvidedResourceFile, CustomDataProvidedResourceUploadSession,
    CustomDataProvidedResourceUploadSessionAny, CustomDataProvidedResourceUploadStats,
    CustomDataProvidedResourceUploadStatus,
};
use graph_model::Collection;
use graph_model_tools::schema::{self, Mode};
use graph_model_tools::validate::bundled_model;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

/// `schema_for!(T)` as `$defs` with the root under `T`'s name.
fn schemars_defs<T: JsonSchema>() -> Map<String, Value> {
    let mut root = schemars::schema_for!(T).to_value();
    let o = root.as_object_mut().unwrap();
    let mut defs = match o.remove("$defs") {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    o.remove("$schema");
    defs.insert(T::schema_name().into_owned(), Value::Object(o.clone()));
    defs
}

fn export_defs(name: &str) -> Map<String, Value> {
    let s = schema::for_type(bundled_model(), name, false, Mode::Lenient).unwrap();
    assert_eq!(s["$ref"], json!(format!("#/$defs/{name}")));
    s["$defs"].as_object().unwrap().clone()
}

#[test]
fn declared_types_match_the_export() {
    for (name, ours) in [
        (
            "microsoft.graph.customDataProvidedResourceUploadSession",
            schemars_defs::<CustomDataProvidedResourceUploadSessionAny>(),
        ),
        (
            "microsoft.graph.customDataProvidedResourceFile",
            schemars_defs::<CustomDataProvidedResourceFile>(),
        ),
        (
            "microsoft.graph.customDataProvidedResourceUploadStats",
            schemars_defs::<CustomDataProvidedResourceUploadStats>(),
        ),
        (
            "microsoft.graph.customDataProvidedResourcePayloads.data",
            schemars_defs::<DataAny>(),
        ),
    ] {
        let export = export_defs(name);
        let mut a: Vec<&String> = ours.keys().collect();
        let mut b: Vec<&String> = export.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{name}: definitions");
        for (k, v) in &export {
            assert_eq!(&ours[k], v, "{name}: definition {k}");
        }
    }
}

#[test]
fn structs_enums_and_runtime_types_name_their_definitions() {
    let bundle = schema::bundle(bundled_model(), Mode::Lenient);
    let defs = &bundle["$defs"];
    // A polymorphic type's struct is its exact shape; its `…Any` the type.
    let shape = schemars_defs::<CustomDataProvidedResourceUploadSession>();
    let name = "microsoft.graph.customDataProvidedResourceUploadSession-properties";
    assert_eq!(CustomDataProvidedResourceUploadSession::schema_name(), name);
    assert_eq!(shape[name], defs[name]);
    let shape = schemars_defs::<AccessReviewContextData>();
    let name = "microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData";
    assert_eq!(shape[name], defs[name]);
    let status = schemars_defs::<CustomDataProvidedResourceUploadStatus>();
    let name = "microsoft.graph.customDataProvidedResourceUploadStatus";
    assert_eq!(status[name], defs[name]);
    // A collection response, as the export's collection schema.
    let mut ours =
        schemars::schema_for!(Collection<CustomDataProvidedResourceUploadSessionAny>).to_value();
    let theirs = schema::for_type(
        bundled_model(),
        "microsoft.graph.customDataProvidedResourceUploadSession",
        true,
        Mode::Lenient,
    )
    .unwrap();
    let o = ours.as_object_mut().unwrap();
    o.remove("$schema");
    o.remove("$defs");
    o.remove("title");
    assert_eq!(o["properties"], theirs["properties"]);
    assert_eq!(o["patternProperties"], theirs["patternProperties"]);
}

#[test]
fn a_user_type_embeds_graph_types_and_validates_their_payloads() {
    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct UploadReport {
        note: String,
        session: CustomDataProvidedResourceUploadSessionAny,
    }
    let schema = schemars::schema_for!(UploadReport).to_value();
    assert!(schema["$defs"]
        .as_object()
        .unwrap()
        .contains_key("microsoft.graph.customDataProvidedResourceFile"));
    let v = jsonschema::draft202012::new(&schema).unwrap();
    let ok = json!({"note": "n", "session": {
        "@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession",
        "createdDateTime": "2024-03-06T01:35:12.1234567Z",
        "stats": {"totalBytesUploaded": 9007199254740993u64},
        "status": "Complete"}});
    assert!(v.is_valid(&ok));
    let bad = json!({"note": "n", "session": {"createdDateTime": "2024-02-30T00:00:00Z"}});
    let errors: Vec<String> = v
        .iter_errors(&bad)
        .map(|e| e.instance_path().to_string())
        .collect();
    assert_eq!(errors, ["/session/createdDateTime"]);
}

/// The Edm primitives' definitions and the collection envelope that the
/// runtime's impls take from `graph-model/src/rt/runtime_schemas.json` are
/// the export's own (`UPDATE_EXPECT=1` rewrites the file).
#[test]
fn the_runtime_schemas_are_the_exports() {
    use graph_model_csdl::model::Primitive;
    let mut primitives = Map::new();
    for p in [
        Primitive::Int64,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Date,
        Primitive::DateTimeOffset,
        Primitive::TimeOfDay,
        Primitive::Duration,
    ] {
        primitives.insert(
            graph_model_csdl::schema::def_name(p).to_string(),
            graph_model_csdl::schema::primitive(p),
        );
    }
    let collection = graph_model_csdl::schema::collection_envelope(
        Value::Bool(true),
        graph_model_csdl::schema::Mode::Lenient,
    );
    let expected = serde_json::to_string_pretty(&json!({
        "primitives": primitives,
        "collection": collection,
    }))
    .unwrap()
        + "\n";
    let path = graph_model_tests::workspace_root().join("graph-model/src/rt/runtime_schemas.json");
    if graph_model_tests::updating() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(
        on_disk == expected,
        "{} differs from the export; run with UPDATE_EXPECT=1",
        path.display()
    );
    // And the impls use it: an Edm type's schema is the export's.
    let int64 = schemars::schema_for!(graph_model::edm::Int64).to_value();
    assert_eq!(int64["pattern"], primitives["Edm.Int64"]["pattern"]);
}
