//! Checking documentation samples against a model: decide each block's type
//! (annotation, request URL), validate it, and classify the result.

use std::collections::BTreeMap;
use std::fmt::Write;

use graph_model_csdl::Model;
use serde::Serialize;

mod query;
mod select;
mod typing;

pub use query::query_errors;
pub use select::check as check_selection;
pub use typing::{block_type, document_of, select_of, Check, Typed};

use crate::samples::Sample;
use crate::validate::{
    check_resource, validate_document_in, Context, Document, Kind, Mode, Report, Severity,
};

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

/// Typed validation by qualified name: [`crate::validate::validate_bundled`],
/// or the same over another crate's generated `visit_type` with
/// [`crate::validate::TypedCheck`].
pub type TypedValidator = fn(&Model, &str, bool, &str, Mode, Context) -> Option<Report>;

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
    let typed_block = match block_type(model, s) {
        Err(outcome) => return base(None, false, None, false, outcome),
        Ok(t) => t,
    };
    let body = s.body.as_deref().unwrap_or_default();
    let context = s.context();
    let mut through_types = false;
    let (type_name, collection, mut report) = match &typed_block.check {
        Check::Payload(doc @ Document::Structured { id, collection }) => {
            let name = model.get(*id).name.to_string();
            let report = match typed.and_then(|f| f(model, &name, *collection, body, mode, context))
            {
                Some(r) => {
                    through_types = true;
                    r
                }
                None => validate_document_in(model, doc, body, mode, context),
            };
            (doc.describe(model), *collection, report)
        }
        Check::Payload(doc) => (
            doc.describe(model),
            doc.is_collection(),
            validate_document_in(model, doc, body, mode, context),
        ),
        Check::Representation(id) => (
            format!("representation of {}", model.get(*id).name),
            false,
            check_resource(model, *id, body, mode),
        ),
        Check::Unexpected(msg) => {
            let mut r = Report::default();
            r.push(mode, "", Kind::NotInModel, msg.clone());
            ("no body".to_string(), false, r)
        }
    };
    for note in &typed_block.leniency {
        let kind = Kind::LenientContextUrl;
        report.push_as(Severity::Warning, "/@odata.context", kind, note.clone());
    }
    // A PATCH body updates an entity whose type the service knows:
    // it needs no `@odata.type` even when the declared type is abstract.
    if s.method.as_deref() == Some("PATCH") {
        report
            .findings
            .retain(|f| !(f.pointer.is_empty() && f.kind == Kind::AbstractWithoutOdataType));
    }
    if let (Some(select), Check::Payload(Document::Structured { id, collection })) =
        (&typed_block.select, &typed_block.check)
    {
        select::check(model, *id, *collection, select, body, mode, &mut report);
    }
    let url = if s.block_type.as_str() == "request" {
        s.url.as_deref()
    } else {
        s.request_url.as_deref()
    };
    let prefer = context.include_unknown_enum_members;
    for e in url
        .map(|u| query_errors(model, u, prefer))
        .unwrap_or_default()
    {
        let at = format!("request URL {}..{}", e.span.start, e.span.end);
        report.push(mode, "", Kind::InvalidQuery, format!("{at}: {}", e.message));
    }
    let outcome = if report.is_clean() {
        Outcome::Exact
    } else {
        Outcome::Findings { report }
    };
    base(
        Some(type_name),
        collection,
        Some(typed_block.typed_by),
        through_types,
        outcome,
    )
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
