//! Reads a list of upload sessions through the packaged crates' generated
//! types, writes it back, and validates it with the packaged validator.
//! Prints what it found; exits non-zero when anything is off.

use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::{Collection, Nullable, WireEnum};
use graph_model_tools::validate::{bundled_model, validate_dynamic, Mode};

mod v1;

const PAYLOAD: &str = r#"{"value": [{"id": "23f2", "status": "Complete", "referenceId": null,
  "expirationDateTime": "2024-03-07T01:35:12.1234567Z"}]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let list: Collection<SessionAny> = serde_json::from_str(PAYLOAD)?;
    let SessionAny::Base(s) = &list.items()[0] else {
        return Err("not read as the declared type".into());
    };
    let status = s.status.as_ref().ok_or("no status")?;
    println!("status: {status:?}, matched: {:?}", status.case_insensitive_match());
    if s.reference_id != Nullable::Null {
        return Err("null not kept".into());
    }
    let again: serde_json::Value = serde_json::to_value(&list)?;
    if again != serde_json::from_str::<serde_json::Value>(PAYLOAD)? {
        return Err("not written back as read".into());
    }
    let report = validate_dynamic(
        bundled_model(),
        "microsoft.graph.customDataProvidedResourceUploadSession",
        true,
        PAYLOAD,
        Mode::Lenient,
    )?;
    for f in &report.findings {
        println!("finding: {} {:?} {}", f.pointer, f.kind, f.message);
    }
    println!("round trip: exact; findings: {}", report.findings.len());
    v1::check()?;
    Ok(())
}
