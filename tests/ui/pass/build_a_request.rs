// Building a create-session body with the generated types.
use graph_model::graph::custom_data_provided_resource_payloads::{AccessReviewContextData, DataAny};
use graph_model::graph::{CustomDataProvidedResourceUploadSession, CustomDataProvidedResourceUploadStatus as Status};
use graph_model::Nullable;

fn main() {
    let data = AccessReviewContextData {
        review_definition_id: Some("d".into()),
        review_instance_id: Some("i".into()),
        ..Default::default()
    };
    let mut s = CustomDataProvidedResourceUploadSession {
        data: Nullable::Value(DataAny::AccessReviewContextData(data)),
        status: Some(Status::Active),
        reference_id: Nullable::Null,
        ..Default::default()
    };
    s.extra.insert("source".into(), "BuildingAccessData".into());
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r##""@odata.type":"#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData""##));
    assert!(json.contains(r#""referenceId":null"#));
    assert!(!json.contains("createdDateTime"));
}
