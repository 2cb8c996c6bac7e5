// Building a create-session body with the generated types.
use graph_model::graph::custom_data_provided_resource_payloads::{AccessReviewContextData, DataAny};
use graph_model::graph::{CustomDataProvidedResourceUploadSession, CustomDataProvidedResourceUploadStatus as Status};
use graph_model::Nullable;

fn main() {
    // Generated types are `#[non_exhaustive]`: built from `Default`, their
    // public fields assigned (a property Graph adds is then a minor release).
    let mut data = AccessReviewContextData::default();
    data.review_definition_id = Some("d".into());
    data.review_instance_id = Some("i".into());
    let mut s = CustomDataProvidedResourceUploadSession::default();
    s.data = Nullable::Value(DataAny::AccessReviewContextData(data));
    s.status = Some(Status::Active);
    s.reference_id = Nullable::Null;
    s.extra.insert("source".into(), "BuildingAccessData".into());
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r##""@odata.type":"#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData""##));
    assert!(json.contains(r#""referenceId":null"#));
    assert!(!json.contains("createdDateTime"));
}
