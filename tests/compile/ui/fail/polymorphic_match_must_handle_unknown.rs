// A polymorphic value may carry an `@odata.type` the model does not know, or
// one a later model adds (`#[non_exhaustive]`): a match needs a `_` arm.
use graph_model::graph::custom_data_provided_resource_payloads::DataAny;

fn kind(d: &DataAny) -> &'static str {
    match d {
        DataAny::Base(_) => "untyped",
        DataAny::AccessReviewContextData(_) => "review",
        DataAny::AccessReviewContextDataBase(_) => "review base",
        DataAny::ApplyDecisionContextData(_) => "decision",
    }
}

fn main() {
    let _ = kind(&DataAny::default());
}
