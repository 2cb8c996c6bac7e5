//! Checking documentation samples against a model: decide each block's type
//! (annotation, request URL), validate it, and classify the result.

use std::collections::BTreeMap;
use std::fmt::Write;

use graph_model_codegen::Model;
use serde::Serialize;
use serde_json::Value;

use crate::samples::{BlockType, Sample};
use crate::validate::{validate_dynamic, Kind, Mode, Report};
use graph_model_codegen::model::path as odata_path;

/// How one block came out.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Valid against the model and unchanged by the round trip.
    Exact,
    /// Checked, with findings.
    Findings {
        /// The findings.
        report: Report,
    },
    /// Not checked; `reason` is a category, `detail` says more.
    NotCheckable {
        /// The category (`no body`, `URL does not resolve`...).
        reason: &'static str,
        /// What exactly.
        detail: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
/// One block's result.
pub struct Checked {
    /// Where the block comes from (`page#n`).
    pub id: String,
    /// `request`, `response`, `resource` or `example`.
    pub block_type: &'static str,
    /// The type the block was checked as, and how it was found.
    pub type_name: Option<String>,
    /// Checked as a collection response.
    pub collection: bool,
    /// How the type was found: `annotation`, `request URL` or `@odata.context`.
    pub typed_by: Option<&'static str>,
    /// Whether the block also went through the generated types (read, written
    /// back, compared), not only the model checks.
    pub through_types: bool,
    #[serde(flatten)]
    /// What came out.
    pub outcome: Outcome,
}

/// Typed validation by qualified name: the `validate_typed` function that
/// `Builder::typed_registry` generates (`graph_model::generated::validate_typed`
/// for the bundled model).
pub type TypedValidator = fn(&Model, &str, bool, &str, Mode) -> Option<Report>;

fn not_checkable(
    reason: &'static str,
    detail: impl Into<String>,
) -> Result<(String, bool, &'static str), Outcome> {
    Err(Outcome::NotCheckable {
        reason,
        detail: detail.into(),
    })
}

/// The type of a block: `(qualified name, collection, how it was found)`,
/// or why it cannot be checked.
pub fn block_type(model: &Model, s: &Sample) -> Result<(String, bool, &'static str), Outcome> {
    let Some(body) = s.body.as_deref() else {
        return not_checkable("no body", "the block has no body");
    };
    if s.block_type == BlockType::Resource {
        return not_checkable(
            "placeholder resource block",
            "resource blocks show types as placeholder strings, not instance data",
        );
    }
    let looks_json = body.trim_start().starts_with(['{', '[']);
    let json_header = s.content_type().is_none_or(|c| c.contains("json"));
    if !looks_json || !json_header {
        return not_checkable(
            "non-JSON content",
            format!(
                "content type {}",
                s.content_type().unwrap_or_else(|| "not given".into())
            ),
        );
    }
    let is_request = s.method.is_some();
    // Read once, for the shape-based typing below.
    let parsed = crate::lenient_json::parse(body);
    if !is_request {
        if let Some(t) = s.annotation_str("@odata.type") {
            if model.lookup(t).is_none() {
                return not_checkable(
                    "type absent from the metadata",
                    format!("`{t}` is not in the model"),
                );
            }
            let collection = s.annotation_bool("isCollection")
                || looks_like_collection(model, t, parsed.as_ref());
            return Ok((t.to_string(), collection, "annotation"));
        }
    }
    let (url, method) = if is_request {
        (s.url.clone(), s.method.clone())
    } else {
        (s.request_url.clone(), s.request_method.clone())
    };
    let from_url = match &url {
        Some(url) => odata_path::resolve(model, url),
        None => Err("no @odata.type annotation and no request URL".to_string()),
    };
    let r = match from_url {
        Ok(r) => r,
        // A response that names its own context: `@odata.context`.
        Err(e) => match (is_request, context_of(parsed.as_ref())) {
            (false, Some(ctx)) => match odata_path::resolve_context(model, &ctx) {
                Ok(r) => {
                    let name = model.get(r.ty).name.to_string();
                    return Ok((name, r.collection, "@odata.context"));
                }
                Err(_) if url.is_none() => return not_checkable("type unknown", e),
                Err(_) => return not_checkable("URL does not resolve", e),
            },
            _ if url.is_none() => return not_checkable("type unknown", e),
            _ => return not_checkable("URL does not resolve", e),
        },
    };
    let name = model.get(r.ty).name.to_string();
    let method = method.unwrap_or_default();
    if is_request {
        if r.operation.is_some() {
            return not_checkable(
                "action parameters",
                "action request bodies carry parameters, not an entity",
            );
        }
        // POST to a collection creates one member; PATCH/PUT send one.
        return Ok((name, false, "request URL"));
    }
    let collection = r.collection && method == "GET";
    Ok((name, collection, "request URL"))
}

/// The body's top-level `@odata.context`, if it has one.
fn context_of(body: Option<&Value>) -> Option<String> {
    body?.get("@odata.context")?.as_str().map(str::to_string)
}

/// A list response whose annotation forgot `isCollection`.
fn looks_like_collection(model: &Model, type_name: &str, body: Option<&Value>) -> bool {
    let Some(Value::Object(o)) = body else {
        return false;
    };
    let has_value_prop = model.lookup(type_name).is_some_and(|id| {
        model
            .properties(id)
            .iter()
            .any(|p| p.property.name == "value")
    });
    matches!(o.get("value"), Some(Value::Array(_))) && !has_value_prop
}

/// Checks one sample.
pub fn check(model: &Model, s: &Sample, mode: Mode) -> Checked {
    check_with(model, s, mode, None)
}

/// [`check`], and with `typed` also through the generated types: an exact
/// outcome then means the block was read into its Rust type and written back
/// unchanged.
pub fn check_with(model: &Model, s: &Sample, mode: Mode, typed: Option<TypedValidator>) -> Checked {
    let base = |type_name, collection, typed_by, through_types, outcome| Checked {
        id: s.id.clone(),
        block_type: s.block_type.as_str(),
        type_name,
        collection,
        typed_by,
        through_types,
        outcome,
    };
    match block_type(model, s) {
        Err(outcome) => base(None, false, None, false, outcome),
        Ok((t, collection, how)) => {
            let body = s.body.as_deref().unwrap_or_default();
            let typed_report = typed.and_then(|f| f(model, &t, collection, body, mode));
            let through_types = typed_report.is_some();
            let mut report = match typed_report {
                Some(r) => r,
                None => validate_dynamic(model, &t, collection, body, mode).unwrap_or_else(|e| {
                    let mut r = Report::default();
                    r.push(mode, "", Kind::TypedDecode, e);
                    r
                }),
            };
            // A PATCH body updates an entity whose type the service knows:
            // it needs no `@odata.type` even when the declared type is abstract.
            if s.method.as_deref() == Some("PATCH") {
                report.findings.retain(|f| {
                    !(f.pointer.is_empty() && f.kind == Kind::AbstractWithoutOdataType)
                });
            }
            let outcome = if report.is_clean() {
                Outcome::Exact
            } else {
                Outcome::Findings { report }
            };
            base(Some(t), collection, Some(how), through_types, outcome)
        }
    }
}

/// Totals over many samples.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Blocks read.
    pub blocks: usize,
    /// Blocks checked against the model.
    pub checked: usize,
    /// Checked blocks without any finding.
    pub exact: usize,
    /// Checked blocks with at least one finding.
    pub with_findings: usize,
    /// Number of blocks with at least one finding of each kind.
    pub blocks_by_kind: BTreeMap<String, usize>,
    /// Blocks not checked, by reason.
    pub not_checkable: BTreeMap<String, usize>,
}

impl Summary {
    /// Totals over `results`.
    pub fn of(results: &[Checked]) -> Self {
        let mut s = Summary {
            blocks: results.len(),
            ..Default::default()
        };
        for r in results {
            match &r.outcome {
                Outcome::Exact => {
                    s.checked += 1;
                    s.exact += 1;
                }
                Outcome::Findings { report } => {
                    s.checked += 1;
                    s.with_findings += 1;
                    let mut kinds = report.kinds();
                    kinds.sort();
                    kinds.dedup();
                    for k in kinds {
                        *s.blocks_by_kind.entry(k.to_string()).or_default() += 1;
                    }
                }
                Outcome::NotCheckable { reason, .. } => {
                    *s.not_checkable.entry(reason.to_string()).or_default() += 1
                }
            }
        }
        s
    }

    /// One Markdown table row: blocks | checked | exact | findings by kind | not checkable by reason.
    pub fn markdown_row(&self, name: &str) -> String {
        let kinds = join(&self.blocks_by_kind);
        let reasons = join(&self.not_checkable);
        format!(
            "| {name} | {} | {} | {} | {} | {} |",
            self.blocks, self.checked, self.exact, kinds, reasons
        )
    }
}

fn join(m: &BTreeMap<String, usize>) -> String {
    if m.is_empty() {
        return "–".into();
    }
    m.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Markdown report: the summary table, then one line per block.
pub fn markdown(sets: &[(String, Vec<Checked>)]) -> String {
    let mut out = String::from("# Conformance report\n\n| samples | blocks | checked | exact round-trip | blocks with findings, by kind | not checkable, by reason |\n|---|---|---|---|---|---|\n");
    for (name, results) in sets {
        let _ = writeln!(out, "{}", Summary::of(results).markdown_row(name));
    }
    for (name, results) in sets {
        let _ = writeln!(out, "\n## {name}\n");
        for r in results {
            let ty = r
                .type_name
                .as_deref()
                .map(|t| {
                    format!(
                        " as `{t}`{}",
                        if r.collection { " (collection)" } else { "" }
                    )
                })
                .unwrap_or_default();
            match &r.outcome {
                Outcome::Exact => {
                    let how = if r.through_types {
                        ", read into the generated type and written back unchanged"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "- `{}` ({}){ty}: exact{how}", r.id, r.block_type);
                }
                Outcome::Findings { report } => {
                    let _ = writeln!(out, "- `{}` ({}){ty}:", r.id, r.block_type);
                    for f in &report.findings {
                        let _ = writeln!(out, "  - `{f}`");
                    }
                }
                Outcome::NotCheckable { reason, detail } => {
                    let _ = writeln!(
                        out,
                        "- `{}` ({}): not checkable: {reason} ({detail})",
                        r.id, r.block_type
                    );
                }
            }
        }
    }
    out
}
