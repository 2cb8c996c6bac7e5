// Enums are open: a match must handle values the model does not list.
use graph_model::graph::CustomDataProvidedResourceUploadStatus as Status;

fn describe(s: &Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Complete => "complete",
        Status::Expired => "expired",
        Status::UnknownFutureValue => "future",
    }
}

fn main() {
    let _ = describe(&Status::Active);
}
