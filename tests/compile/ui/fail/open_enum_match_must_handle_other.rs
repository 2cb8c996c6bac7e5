// Enums are open and `#[non_exhaustive]`: a match must handle values the
// model does not list (`Other`) and members a later model adds.
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
