// Enum fields take the enum, not a string.
use graph_model::graph::CustomDataProvidedResourceUploadSession;

fn main() {
    let mut s = CustomDataProvidedResourceUploadSession::default();
    s.status = Some("active");
}
