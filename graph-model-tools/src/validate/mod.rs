//! Validation of Graph JSON payloads, with findings at JSON pointers.
//!
//! Two ways in, one engine:
//! * [`validate_dynamic`]: against any resolved model, by qualified type name
//!   (a `$metadata` file loaded at run time; nothing compiled).
//! * [`validate_typed`]: against a generated type `T`; runs the same model
//!   checks with the model `T` was generated from, then reads the payload into
//!   `T`, writes it back, and reports every difference.

mod context;
mod control;
mod documents;
mod finding;
mod json;
mod model_check;
mod resource;
mod roundtrip;
mod stream;

pub use context::{Context, Method};
pub use finding::{child, Finding, Kind, Mode, Report, Severity};
pub use graph_model_csdl::model::Document;
pub use graph_model_csdl::Model;
pub use resource::check as check_resource;

use std::sync::OnceLock;

use graph_model_csdl::LoadOptions;
use serde::de::DeserializeOwned;
use serde::Serialize;

use graph_model::{GraphType, TypeVisitor};
use model_check::Checker;

/// The model the bundled types were generated from.
pub fn bundled_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let text = graph_model::generated::METADATA;
        graph_model_csdl::load_str("bundled metadata", text, LoadOptions::default())
            .expect("the bundled metadata was loaded by graph-model's build already")
    })
}

/// Checks `text` as the payload `doc` describes, against `model`. A
/// collection response is checked item by item as it is read (never held
/// whole), with the findings reading it whole would give.
pub fn validate_document(model: &Model, doc: &Document, text: &str, mode: Mode) -> Report {
    validate_document_in(model, doc, text, mode, Context::RESPONSE)
}

/// [`validate_document`] of a payload where `context` says it is: a
/// response with or without `Prefer: include-unknown-enum-members`
/// applied, or a request body (Graph's evolvable-enum rules judge by it).
pub fn validate_document_in(
    model: &Model,
    doc: &Document,
    text: &str,
    mode: Mode,
    context: Context,
) -> Report {
    let mut report = Report::default();
    let text = json::repaired(text, mode, &mut report);
    match doc {
        Document::Structured {
            id,
            collection: true,
        } => stream::collection(model, *id, &text, mode, context, &mut report),
        _ => {
            if let Some(value) = json::parse(&text, mode, &mut report) {
                Checker {
                    model,
                    mode,
                    context,
                    report: &mut report,
                }
                .whole(doc, &value);
            }
        }
    }
    report
}

/// Checks `text` as a `type_name` (or, with `collection`, a collection
/// response of it) against `model`. Errs only when `type_name` is not a
/// structured type of the model.
pub fn validate_dynamic(
    model: &Model,
    type_name: &str,
    collection: bool,
    text: &str,
    mode: Mode,
) -> Result<Report, crate::Error> {
    validate_dynamic_in(model, type_name, collection, text, mode, Context::RESPONSE)
}

/// [`validate_dynamic`] of a payload where `context` says it is.
pub fn validate_dynamic_in(
    model: &Model,
    type_name: &str,
    collection: bool,
    text: &str,
    mode: Mode,
    context: Context,
) -> Result<Report, crate::Error> {
    let id = model.structured_type(type_name)?;
    let doc = Document::Structured { id, collection };
    Ok(validate_document_in(model, &doc, text, mode, context))
}

/// Checks `text` as a `T`: the model checks of [`validate_dynamic`] against
/// [`bundled_model`], then the typed round trip.
pub fn validate_typed<T: GraphType + DeserializeOwned + Serialize>(
    text: &str,
    mode: Mode,
) -> Report {
    validate_typed_with::<T>(bundled_model(), text, mode)
}

/// [`validate_typed`] against the model `T` was generated from.
pub fn validate_typed_with<T: GraphType + DeserializeOwned + Serialize>(
    model: &Model,
    text: &str,
    mode: Mode,
) -> Report {
    read_typed_with::<T>(model, text, mode).1
}

/// Typed validation as a [`TypeVisitor`]: hand it to a generated
/// `visit_type(name, …)` to check `text` through the type generated for
/// `name` ([`read_typed_in`] of that type, or of a collection response of
/// it).
#[derive(Clone, Copy, Debug)]
pub struct TypedCheck<'a> {
    /// The model the types were generated from.
    pub model: &'a Model,
    /// The payload.
    pub text: &'a str,
    /// Lenient or strict.
    pub mode: Mode,
    /// A collection response of the type rather than one value.
    pub collection: bool,
    /// Where the payload is (a response, by default).
    pub context: Context,
}

impl TypeVisitor for TypedCheck<'_> {
    type Output = Report;
    fn visit<T>(self) -> Report
    where
        T: GraphType + DeserializeOwned + Serialize,
        graph_model::Collection<T>: GraphType + DeserializeOwned + Serialize,
    {
        let (model, text, mode, context) = (self.model, self.text, self.mode, self.context);
        if self.collection {
            read_typed_in::<graph_model::Collection<T>>(model, text, mode, context).1
        } else {
            read_typed_in::<T>(model, text, mode, context).1
        }
    }
}

/// Typed validation by qualified name through the bundled types
/// (`graph_model::generated`): `None` when no type of that name is
/// generated. What `conformance` uses for the bundled model.
pub fn validate_bundled(
    model: &Model,
    type_name: &str,
    collection: bool,
    text: &str,
    mode: Mode,
    context: Context,
) -> Option<Report> {
    graph_model::generated::visit_type(
        type_name,
        TypedCheck {
            model,
            text,
            mode,
            collection,
            context,
        },
    )
}

/// Reads `text` leniently (trailing commas) into a `T`, with the findings of
/// [`validate_typed`].
pub fn read_typed<T: GraphType + DeserializeOwned + Serialize>(
    text: &str,
    mode: Mode,
) -> (Option<T>, Report) {
    read_typed_with::<T>(bundled_model(), text, mode)
}

/// [`read_typed`] against the model `T` was generated from.
pub fn read_typed_with<T: GraphType + DeserializeOwned + Serialize>(
    model: &Model,
    text: &str,
    mode: Mode,
) -> (Option<T>, Report) {
    read_typed_in::<T>(model, text, mode, Context::RESPONSE)
}

/// [`read_typed_with`] of a payload where `context` says it is.
pub fn read_typed_in<T: GraphType + DeserializeOwned + Serialize>(
    model: &Model,
    text: &str,
    mode: Mode,
    context: Context,
) -> (Option<T>, Report) {
    let mut report = Report::default();
    let text = json::repaired(text, mode, &mut report);
    let Some(value) = json::parse(&text, mode, &mut report) else {
        return (None, report);
    };
    match model.structured_type(T::TYPE_NAME) {
        Ok(id) => Checker {
            model,
            mode,
            context,
            report: &mut report,
        }
        .document(id, T::COLLECTION, &value),
        Err(e) => report.push(mode, "", Kind::TypedDecode, e.to_string()),
    }
    let typed = roundtrip::check::<T>(&text, &value, mode, &mut report);
    (typed, report)
}
