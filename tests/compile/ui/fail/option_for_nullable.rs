// `referenceId` is nullable: absent, `null` and a value are three different
// states, so an `Option` (two states) does not fit.
use graph_model::graph::CustomDataProvidedResourceUploadSession;

fn main() {
    let mut s = CustomDataProvidedResourceUploadSession::default();
    s.reference_id = Some("r".to_string());
}
