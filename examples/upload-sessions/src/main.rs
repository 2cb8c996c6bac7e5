//! Uses `graph-model` exactly as a dependent project would.
//!
//! ```text
//! upload-sessions summary LIST          decode a list response (a JSON file, or a
//!                                       documentation page holding one), print
//!                                       id/status/files/bytes
//! upload-sessions create SOURCE REVIEW_DEF REVIEW_INSTANCE
//!                                       print a create-session request body
//! upload-sessions validate PAYLOAD.json validate one session payload (exit 1 on errors)
//! upload-sessions demo                  create, upload, query, update, list and
//!                                       delete against an in-process fake (no network)
//! ```

use std::process::ExitCode;

use graph_model::graph::custom_data_provided_resource_payloads::{
    AccessReviewContextData, DataAny,
};
use graph_model::graph::{
    CustomDataProvidedResourceUploadSession as Session,
    CustomDataProvidedResourceUploadSessionAny as SessionAny,
    CustomDataProvidedResourceUploadStatus as Status,
};
use graph_model::{Collection, Nullable, WireEnum};
use graph_model_tools::validate::{read_typed, validate_typed, Mode};

/// One summary row: id, status, number of files, bytes uploaded.
fn row(any: &SessionAny) -> (String, String, usize, String) {
    // The derived access-review session adds no properties of its own, so
    // both struct types have the same fields.
    macro_rules! fields {
        ($s:expr) => {{
            let s = $s;
            let bytes = s
                .stats
                .as_ref()
                .and_then(|st| st.total_bytes_uploaded.as_ref())
                .map_or_else(|| "-".to_string(), |b| b.get().to_string());
            (
                s.id.clone().unwrap_or_default(),
                status_text(&s.status),
                s.files.value().map_or(0, Vec::len),
                bytes,
            )
        }};
    }
    match any {
        SessionAny::Base(s) => fields!(s),
        SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(s) => fields!(s),
        SessionAny::Unknown(u) => (
            format!("(unknown subtype {})", u.odata_type),
            "-".into(),
            0,
            "-".into(),
        ),
        // A subtype the model gains in a later release.
        _ => ("(a newer subtype)".into(), "-".into(), 0, "-".into()),
    }
}

fn status_text(s: &Option<Status>) -> String {
    match s {
        None => "(absent)".into(),
        Some(Status::Other(raw)) => match Status::Other(raw.clone()).case_insensitive_match() {
            Some(known) => format!("{} (sent as {raw:?})", known.as_str()),
            None => format!("{raw:?} (not in the model)"),
        },
        Some(known) => known.as_str().to_string(),
    }
}

fn summary(text: &str) -> Result<(), String> {
    let (list, report) = read_typed::<Collection<SessionAny>>(text, Mode::Lenient);
    let list = list.ok_or_else(|| format!("cannot read the list:\n{report}"))?;
    println!(
        "{:<38} {:<28} {:>5} {:>12}",
        "id", "status", "files", "bytes"
    );
    for any in list.items() {
        let (id, status, files, bytes) = row(any);
        println!("{id:<38} {status:<28} {files:>5} {bytes:>12}");
    }
    if !report.findings.is_empty() {
        println!(
            "\n{} finding(s) (lenient):\n{report}",
            report.findings.len()
        );
    }
    Ok(())
}

/// A JSON file as it is; a documentation page: the body of its first
/// response that has a `value` list.
fn list_body(path: &str, text: String) -> Result<String, String> {
    if text.trim_start().starts_with('{') {
        return Ok(text);
    }
    let samples = graph_model_tools::samples::read_file(std::path::Path::new(path))
        .map_err(|e| e.to_string())?;
    samples
        .into_iter()
        .filter_map(|s| s.body)
        .find(|b| b.contains("\"value\""))
        .ok_or_else(|| format!("{path} has no list response"))
}

fn create(source: &str, definition: &str, instance: &str) -> String {
    let mut data = AccessReviewContextData::default();
    data.review_definition_id = Some(definition.into());
    data.review_instance_id = Some(instance.into());
    let mut body = Session::default();
    body.data = Nullable::Value(DataAny::AccessReviewContextData(data));
    // `source` is documented for the request but is not in the metadata: it
    // goes in the extra properties and is written as given.
    body.extra.insert("source".into(), source.into());
    serde_json::to_string_pretty(&body).expect("a session always serializes")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"));
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["summary", path] => read(path).and_then(|t| summary(&list_body(path, t)?)).map(|_| ExitCode::SUCCESS),
        ["demo"] => upload_sessions::demo::run().map(|log| {
            for line in log {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }),
        ["create", source, def, inst] => {
            println!("{}", create(source, def, inst));
            Ok(ExitCode::SUCCESS)
        }
        ["validate", path] => read(path).map(|t| {
            let report = validate_typed::<SessionAny>(&t, Mode::Lenient);
            print!("{report}");
            if report.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }),
        _ => Err("usage: upload-sessions summary LIST.json | create SOURCE REVIEW_DEF REVIEW_INSTANCE | validate PAYLOAD.json | demo".into()),
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}
