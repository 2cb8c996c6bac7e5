// `status` is not nullable: it can be absent (`None`) or a value, never `null`.
use graph_model::graph::CustomDataProvidedResourceUploadSession;
use graph_model::Nullable;

fn main() {
    let mut s = CustomDataProvidedResourceUploadSession::default();
    s.status = Nullable::Null;
}
