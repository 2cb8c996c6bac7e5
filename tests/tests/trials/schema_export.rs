//! JSON Schema export: the seed closure's schema is a reviewed golden (both
//! modes), and `graph-model schema` prints a schema that a 2020-12 validator
//! accepts as one, that accepts an exact upload-session payload and rejects
//! what the validator rejects — against the bundled model and v1.0.xml.

use graph_model_tests::{trial_needing, updating, workspace_root};
use graph_model_tools::schema::{self, Mode};
use graph_model_tools::validate::bundled_model;
use libtest_mimic::{Failed, Trial};
use serde_json::{json, Value};

fn golden(mode: Mode) -> Result<(), Failed> {
    let name = format!("seed.{}.schema.json", format!("{mode:?}").to_lowercase());
    let path = workspace_root().join("tests/generated/schema").join(name);
    let got = serde_json::to_string_pretty(&schema::bundle(bundled_model(), mode)).unwrap() + "\n";
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return Ok(());
    }
    let expected =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if expected != got {
        return Err(format!(
            "{} differs from the export; review and run with UPDATE_EXPECT=1",
            path.display()
        )
        .into());
    }
    Ok(())
}

const SESSION: &str = "microsoft.graph.customDataProvidedResourceUploadSession";

/// The exact payload of the done criterion: a subtype with `@odata.type`,
/// 7-digit fractions, Int64 above 2^53, a known `data` subtype.
fn exact_payload() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession",
        "id": "23f27c15-72f9-45fe-9e9c-e3d8f75bdc44",
        "createdDateTime": "2024-03-06T01:35:12.1234567Z",
        "isUploadDone": false,
        "referenceId": null,
        "status": "active",
        "stats": { "filesUploaded": 2, "totalBytesUploaded": 9007199254740993u64 },
        "data": {
            "@odata.type": "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData",
            "reviewDefinitionId": "d", "reviewInstanceId": "i"
        },
        "files": [{ "id": "f", "name": "a.csv", "size": 1000001, "uploadedDateTime": "2024-03-06T01:35:12.1234567Z" }]
    })
}

/// What `graph-model schema [--metadata F] --type SESSION [--strict]` prints
/// (the command is this call and a pretty-printer; graph-model/tests/cli.rs
/// runs the binary itself).
fn export_session(metadata: Option<&std::path::Path>, strict: bool) -> Result<(), Failed> {
    let model = graph_model_tests::corpus::model(metadata);
    let mode = if strict { Mode::Strict } else { Mode::Lenient };
    let s = schema::for_type(&model, SESSION, false, mode)?;
    jsonschema::meta::validate(&s).map_err(|e| format!("not a 2020-12 schema: {e}"))?;
    let v = jsonschema::draft202012::new(&s).map_err(|e| e.to_string())?;
    let ok = exact_payload();
    let errors: Vec<String> = v
        .iter_errors(&ok)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if !errors.is_empty() {
        return Err(format!("the exact payload is refused: {errors:?}").into());
    }
    let bad = |pointer: &str, value: Value| {
        let mut d = ok.clone();
        *d.pointer_mut(pointer).unwrap() = value;
        d
    };
    for (why, d, at) in [
        (
            "a wrong JSON type",
            bad("/isUploadDone", json!("no")),
            "/isUploadDone",
        ),
        (
            "a malformed date",
            bad("/createdDateTime", json!("2024-02-30T00:00:00Z")),
            "/createdDateTime",
        ),
        (
            "a float file size",
            bad("/files/0/size", json!(1.5)),
            "/files/0/size",
        ),
        (
            "null for a non-nullable property",
            bad("/status", Value::Null),
            "/status",
        ),
    ] {
        let mut errors: Vec<String> = v
            .iter_errors(&d)
            .map(|e| e.instance_path().to_string())
            .collect();
        errors.dedup();
        if errors != [at] {
            return Err(format!("{why}: expected an error at {at}, got {errors:?}").into());
        }
    }
    Ok(())
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = vec![
        Trial::test("golden/lenient", || golden(Mode::Lenient)),
        Trial::test("golden/strict", || golden(Mode::Strict)),
    ];
    for strict in [false, true] {
        let mode = if strict { "strict" } else { "lenient" };
        trials.push(Trial::test(format!("session/bundled/{mode}"), move || {
            export_session(None, strict)
        }));
        trials.push(trial_needing(
            format!("session/v1.0/{mode}"),
            &["metadata/v1.0.xml"],
            move |p| export_session(Some(&p[0]), strict),
        ));
    }
    trials
}
