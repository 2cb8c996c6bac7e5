//! Every request URL of the Graph documentation samples
//! (`../shared/doc-samples/*.jsonl`) through the OData URL grammar
//! (`odataRelativeUri`, path and query), against the names of the real
//! metadata of its version (`v1.0.xml` or `beta-USNat.xml`) by role. The
//! documentation writes URLs that are not OData URLs as they stand —
//! `{id}` placeholders, `+` for a space (HTML form encoding), spaces around
//! `=` — and each refusal is sorted into one of those kinds, or checked
//! against the model's path resolver (`graph_model_csdl::model::path`):
//! a path the resolver refuses too (the model has no such entity set,
//! property or operation) is a refusal both agree on; a path it resolves
//! that the grammar refuses, for no known reason, fails the trial with the
//! grammar's position. The counts go to `target/odata-urls/`.

use std::collections::BTreeMap;
use std::path::Path;

use graph_model_csdl::model::path;
use graph_model_csdl::{load_file, LoadOptions, Model};
use graph_model_odata::{parse_rule_with, Roles};
use graph_model_tests::{fixture, trial_needing, workspace_root};
use libtest_mimic::Failed;
use serde_json::Value;

const SAMPLES: &str = "doc-samples/graph-docs-beta-2021.jsonl";
const SUBSET: &str = "doc-samples/identity-governance-beta.jsonl";

/// Why the documentation's URL is not an OData URL as written, or `None`.
fn departure(url: &str) -> Option<&'static str> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    if url.contains('{') || url.contains('<') {
        Some("a placeholder (`{id}`, `<id>`) stands for a value")
    } else if query.contains('+') {
        Some("`+` for a space (HTML form encoding, not RFC 3986)")
    } else if query.contains(" =") || query.contains("= ") {
        Some("spaces around `=` in a query option")
    } else {
        None
    }
}

/// The refusals explained in `tests/fixtures/odata-urls-known.tsv`: id → why.
fn known() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(fixture("odata-urls-known.tsv")).expect("read the fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, why)| (id.to_string(), why.to_string()))
        .collect()
}

struct Tally {
    /// Ids of every URL seen.
    seen: Vec<String>,
    /// Ids refused for a reason of [`known`].
    refused_ids: Vec<String>,
    parsed: usize,
    /// Parsed, although the path resolver refuses the path.
    parsed_resolver_refuses: usize,
    /// Refused by both.
    both_refuse: usize,
    departures: BTreeMap<&'static str, usize>,
    other: Vec<String>,
}

fn check_file(samples: &Path, version: &str, model: &Model, roles: &Roles) -> Tally {
    let text = std::fs::read_to_string(samples).expect("read the samples");
    let root = format!("https://graph.microsoft.com/{version}/");
    let mut t = Tally {
        seen: Vec::new(),
        refused_ids: Vec::new(),
        parsed: 0,
        parsed_resolver_refuses: 0,
        both_refuse: 0,
        departures: BTreeMap::new(),
        other: Vec::new(),
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        let Some(url) = v["url"].as_str() else {
            continue;
        };
        let Some(relative) = url.strip_prefix(&root) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or("?").to_string();
        t.seen.push(id.clone());
        let resolves = path::resolve(model, url).is_ok();
        match parse_rule_with("odataRelativeUri", relative, roles).expect("a grammar rule") {
            Ok(_) if resolves => t.parsed += 1,
            Ok(_) => t.parsed_resolver_refuses += 1,
            Err(e) => match departure(relative) {
                Some(kind) => *t.departures.entry(kind).or_default() += 1,
                None if !resolves => t.both_refuse += 1,
                None => {
                    t.refused_ids.push(id.clone());
                    t.other.push(format!("{id}: {relative}: {e}"));
                }
            },
        }
    }
    t
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = Vec::new();
    for (samples, metadata, version) in [
        (SAMPLES, "metadata/beta-USNat.xml", "beta"),
        (SUBSET, "metadata/beta-USNat.xml", "beta"),
        (SAMPLES, "metadata/v1.0.xml", "v1.0"),
    ] {
        let name = format!("{samples} against {metadata}");
        trials.push(trial_needing(name.clone(), &[samples, metadata], move |p| {
            let model = load_file(&p[1], LoadOptions::default()).map_err(|e| e.to_string())?;
            let roles = Roles::from_model(&model);
            let t = check_file(&p[0], version, &model, &roles);
            let total = t.parsed
                + t.parsed_resolver_refuses
                + t.both_refuse
                + t.departures.values().sum::<usize>()
                + t.other.len();
            let mut report = format!(
                "## {name}\n\n{total} request URLs under /{version}/: {} parsed and resolved, \
                 {} parsed but not resolved by the path resolver, {} refused by both \
                 (not in this model), {} refused for the documentation's own reasons, \
                 {} refused for another reason\n\n",
                t.parsed,
                t.parsed_resolver_refuses,
                t.both_refuse,
                t.departures.values().sum::<usize>(),
                t.other.len()
            );
            for (kind, n) in &t.departures {
                report.push_str(&format!("- {n}: {kind}\n"));
            }
            for o in &t.other {
                report.push_str(&format!("- refused: {o}\n"));
            }
            println!("{report}");
            let out = workspace_root().join("target").join("odata-urls");
            std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            let file = out.join(format!("{}-{version}.md", Path::new(samples).file_stem().unwrap_or_default().to_string_lossy()));
            std::fs::write(file, &report).map_err(|e| e.to_string())?;
            let known = known();
            let unexplained: Vec<&String> = t
                .other
                .iter()
                .filter(|o| !known.keys().any(|k| o.starts_with(&format!("{k}: "))))
                .collect();
            let now_parse: Vec<&String> = known
                .keys()
                .filter(|k| t.seen.contains(k) && !t.refused_ids.contains(k))
                .collect();
            if unexplained.is_empty() && now_parse.is_empty() {
                Ok(())
            } else {
                Err(Failed::from(format!(
                    "refused for no known reason:\n{}\nlisted in odata-urls-known.tsv but no longer refused: {now_parse:?}",
                    unexplained.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
                )))
            }
        }));
    }
    trials
}
