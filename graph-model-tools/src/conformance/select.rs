//! `$select`: a response to a request that selects properties should carry
//! those (and the key), nothing else of the model.

use graph_model_csdl::model::TypeId;
use graph_model_csdl::Model;

use crate::lenient_json::strip_trailing_commas;
use crate::validate::{child, Kind, Mode, Report};
use graph_model::json::{self, Json};

/// Adds a finding for every model property present in the response's
/// objects (the root, or each item of `value`) that `select` does not name,
/// other than the key. Annotations and members outside the model are left
/// to the model checks.
pub fn check(
    model: &Model,
    id: TypeId,
    collection: bool,
    select: &[String],
    body: &str,
    mode: Mode,
    report: &mut Report,
) {
    let text = strip_trailing_commas(body).0;
    let Ok(doc) = json::parse(&text) else { return };
    let key = model.key(id);
    let known: Vec<String> = model
        .properties(id)
        .iter()
        .map(|p| p.property.name.clone())
        .chain(model.navigation(id).iter().map(|(n, _)| n.name.clone()))
        .collect();
    let mut object = |pointer: &str, v: &Json| {
        let Json::Object(members) = v else { return };
        for (k, _) in members {
            if k.contains('@') || !known.iter().any(|n| n == k) {
                continue;
            }
            if !select.iter().any(|s| s == k) && !key.iter().any(|kk| kk == k) {
                report.push(
                    mode,
                    &child(pointer, k),
                    Kind::NotSelected,
                    format!(
                        "`{k}` is in the response, but `$select` names only {}",
                        select.join(", ")
                    ),
                );
            }
        }
    };
    if collection {
        if let Some(Json::Array(items)) = doc.get("value") {
            for (i, item) in items.iter().enumerate() {
                object(&format!("/value/{i}"), item);
            }
        }
    } else {
        object("", &doc);
    }
}
