//! The query options of every request URL in the seeds
//! (`../shared/seeds/`) and the Graph documentation samples
//! (`../shared/doc-samples/*.jsonl`): parsed (Graph's dialect), resolved
//! and bound against the real metadata and the bundled model. Per URL, the
//! verdict — binds, path does not resolve, or the first error with its byte
//! range — is compared with `tests/fixtures/odata-queries/*.tsv`
//! (`UPDATE_EXPECT=1` rewrites them; review the diff). The counts by kind
//! of failure go to `target/odata-queries/`.
//!
//! Independent check: where the documentation writes a standard OData
//! query (no `+` for a space, no placeholder), the parser in the standard
//! dialect and the ABNF matcher (`queryOptions`, with the model's names by
//! role) must agree on accept or refuse.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use graph_model_csdl::model::path;
use graph_model_csdl::{load_file, LoadOptions, Model};
use graph_model_odata::query::{self, bind, Dialect, Restrictions};
use graph_model_odata::{parse_rule_with, query::query_of, Roles};
use graph_model_tests::{fixture, trial_needing, updating, workspace_root};
use libtest_mimic::{Failed, Trial};
use serde_json::Value;

const SAMPLES: &str = "doc-samples/graph-docs-beta-2021.jsonl";
const SUBSET: &str = "doc-samples/identity-governance-beta.jsonl";
const SUPPLEMENT: &str = "doc-samples/identity-governance-beta-contrib-supplement.jsonl";

/// `(id, url)` of every request block with a URL.
fn sample_urls(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("read the samples");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let url = v["url"].as_str()?.to_string();
            Some((v["id"].as_str().unwrap_or("?").to_string(), url))
        })
        .collect()
}

/// `(page:line, url)` of every request line of the seed pages: `GET /…`,
/// `POST https://…`.
fn seed_urls(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read the seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read a seed");
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for (i, line) in text.lines().enumerate() {
            // The URL is the rest of the line: the pages write spaces in queries.
            let Some((method, url)) = line.trim().split_once(' ') else {
                continue;
            };
            let url = url.trim();
            if ["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&method)
                && (url.starts_with('/') || url.starts_with("https://"))
            {
                out.push((format!("{name}:{}", i + 1), url.to_string()));
            }
        }
    }
    out
}

/// What happens to one URL's query.
fn verdict(model: &Model, url: &str) -> (String, Option<String>) {
    let Some((q, _)) = query_of(url) else {
        return ("no query".into(), None);
    };
    let parsed = match query::parse(q, Dialect::graph()) {
        Ok(p) => p,
        Err(e) => {
            return (
                format!("parse error {}", short(&e, q)),
                Some(kind(&e.message)),
            )
        }
    };
    let Ok(r) = path::resolve(model, url) else {
        return (
            "path does not resolve".into(),
            Some("path does not resolve".into()),
        );
    };
    let Some(ty) = r.structured(model) else {
        return (
            "not a structured type".into(),
            Some("not an entity or complex type".into()),
        );
    };
    match bind(model, ty, r.collection, parsed, &Restrictions::new()) {
        Ok(b) if b.warnings.is_empty() => ("binds".into(), None),
        Ok(b) => (
            format!("binds, warning {}", short(&b.warnings[0], q)),
            Some(format!("warning: {}", kind(&b.warnings[0].message))),
        ),
        Err(es) => (
            format!("bind error {}", short(&es[0], q)),
            Some(kind(&es[0].message)),
        ),
    }
}

fn short(e: &query::QueryError, q: &str) -> String {
    let at = q.get(e.span.clone()).unwrap_or("");
    format!("{}..{} `{at}`: {}", e.span.start, e.span.end, e.message)
}

/// A message with its quoted names masked: the kind of failure.
fn kind(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("`")
}

/// The standard dialect (parsed and bound) and the ABNF matcher (with the
/// model's names) on one standard query whose path resolves: `None` when
/// they agree.
fn disagreement(model: &Model, url: &str, q: &str, roles: &Roles) -> Option<String> {
    let r = path::resolve(model, url).ok()?;
    let ty = r.structured(model)?;
    let ours = query::parse(q, Dialect::STANDARD)
        .map_err(|e| e.to_string())
        .and_then(|parsed| {
            bind(model, ty, r.collection, parsed, &Restrictions::new())
                .map(|_| ())
                .map_err(|es| es[0].to_string())
        });
    let abnf = parse_rule_with("queryOptions", q, roles).expect("a grammar rule");
    match (&ours, &abnf) {
        (Ok(_), Ok(_)) | (Err(_), Err(_)) => None,
        (Ok(_), Err(e)) => Some(format!(
            "ABNF refuses ({e}), the parser and binder accept: {q}"
        )),
        (Err(e), Ok(_)) => Some(format!(
            "the parser or binder refuses ({e}), ABNF accepts: {q}"
        )),
    }
}

/// The ids of `tests/fixtures/odata-queries/known-disagreements.tsv`.
fn known_disagreements() -> Vec<String> {
    let text = std::fs::read_to_string(fixture("odata-queries/known-disagreements.tsv"))
        .expect("read the fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t').map(|(id, _)| id.to_string()))
        .collect()
}

fn standard(url: &str, q: &str) -> bool {
    !url.contains(['{', '<', ' ']) && !q.contains('+')
}

fn check(name: &str, urls: &[(String, String)], model: &Model, golden: &str) -> Result<(), Failed> {
    let mut lines = String::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let (mut with_query, mut binds, mut compared) = (0, 0, 0);
    let mut disagreements = Vec::new();
    let mut compared_ids: Vec<String> = Vec::new();
    let roles = Roles::from_model(model);
    for (id, url) in urls {
        let Some((q, _)) = query_of(url) else {
            continue;
        };
        if q.is_empty() {
            continue;
        }
        with_query += 1;
        let (v, k) = verdict(model, url);
        if v == "binds" {
            binds += 1;
        }
        if let Some(k) = k {
            *kinds.entry(k).or_default() += 1;
        }
        writeln!(lines, "{id}\t{v}").ok();
        if standard(url, q) {
            if path::resolve(model, url).is_ok_and(|r| r.structured(model).is_some()) {
                compared += 1;
                compared_ids.push(id.clone());
            }
            disagreements.extend(disagreement(model, url, q, &roles).map(|d| format!("{id}: {d}")));
        }
    }
    let mut report = format!(
        "## {name}\n\n{} URLs, {with_query} with a query: {binds} parse and bind cleanly\n\n",
        urls.len()
    );
    for (k, n) in &kinds {
        writeln!(report, "- {n}: {k}").ok();
    }
    writeln!(report, "\nparser (standard dialect) and ABNF compared on {compared} standard queries whose path resolves: {} disagreements", disagreements.len()).ok();
    for d in &disagreements {
        writeln!(report, "- {d}").ok();
    }
    println!("{report}");
    let out = workspace_root().join("target").join("odata-queries");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join(format!("{golden}.md")), &report).map_err(|e| e.to_string())?;
    let expected = fixture(&format!("odata-queries/{golden}.tsv"));
    if updating() {
        std::fs::create_dir_all(expected.parent().expect("a folder")).map_err(|e| e.to_string())?;
        std::fs::write(&expected, &lines).map_err(|e| e.to_string())?;
    }
    let want =
        std::fs::read_to_string(&expected).map_err(|e| format!("{}: {e}", expected.display()))?;
    let mut problems = Vec::new();
    for (got, want) in lines.lines().zip(want.lines()) {
        if got != want {
            problems.push(format!("expected {want}\n     got {got}"));
        }
    }
    if lines.lines().count() != want.lines().count() {
        problems.push(format!(
            "{} verdicts, {} expected",
            lines.lines().count(),
            want.lines().count()
        ));
    }
    let known = known_disagreements();
    for d in &disagreements {
        if !known.iter().any(|k| d.starts_with(&format!("{k}: "))) {
            problems.push(format!("not in known-disagreements.tsv: {d}"));
        }
    }
    for k in &known {
        let seen = compared_ids.contains(k);
        if seen
            && !disagreements
                .iter()
                .any(|d| d.starts_with(&format!("{k}: ")))
        {
            problems.push(format!(
                "listed in known-disagreements.tsv, but they now agree: {k}"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials: Vec<Trial> = Vec::new();
    for (samples, metadata, golden) in [
        (SAMPLES, Some("metadata/v1.0.xml"), "beta-samples.v1.0"),
        (
            SAMPLES,
            Some("metadata/beta-USNat.xml"),
            "beta-samples.beta-USNat",
        ),
        (SAMPLES, None, "beta-samples.bundled"),
        (SUBSET, None, "identity-governance.bundled"),
        (
            SUBSET,
            Some("metadata/v1.0.xml"),
            "identity-governance.v1.0",
        ),
        (SUPPLEMENT, None, "supplement.bundled"),
        (SUPPLEMENT, Some("metadata/v1.0.xml"), "supplement.v1.0"),
        ("seeds", None, "seeds.bundled"),
        ("seeds", Some("metadata/v1.0.xml"), "seeds.v1.0"),
    ] {
        let needs: Vec<&str> = std::iter::once(samples).chain(metadata).collect();
        let name = format!(
            "queries of {samples} against {}",
            metadata.unwrap_or("the bundled model")
        );
        let title = name.clone();
        trials.push(trial_needing(name, &needs, move |p| {
            let model = match p.get(1) {
                Some(m) => load_file(m, LoadOptions::default()).map_err(|e| e.to_string())?,
                None => graph_model_tools::validate::bundled_model().clone(),
            };
            let urls = if samples == "seeds" {
                seed_urls(&p[0])
            } else {
                sample_urls(&p[0])
            };
            check(&title, &urls, &model, golden)
        }));
    }
    trials
}
