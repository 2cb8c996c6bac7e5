//! The OASIS OData TC's ABNF test cases (`../shared/odata-abnf/testcases.jsonl`)
//! through `graph_model::odata`, against the test model's names by role
//! (`constraints.json`): one trial per case — a positive case must match
//! the rule (and contain the rule matches its `Expect` lists), a negative
//! one must fail at its `FailAt` position — and a per-rule table, with how
//! many cases pass without the role table (written to `target/odata-abnf.md`).

use std::collections::BTreeMap;
use std::path::Path;

use graph_model_odata::{parse_rule, parse_rule_with, parse_tree, Roles};
use graph_model_tests::{locate_shared, trial_needing, workspace_root};
use libtest_mimic::{Failed, Trial};
use serde_json::Value;

const CASES: &str = "odata-abnf/testcases.jsonl";
const CONSTRAINTS: &str = "odata-abnf/constraints.json";

#[derive(Clone)]
struct Case {
    name: String,
    rule: String,
    input: String,
    fail_at: Option<usize>,
    /// `rule:text` pairs the parse must contain.
    expect: Vec<String>,
}

fn cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("read the test cases");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            Case {
                name: s("Name"),
                rule: s("Rule"),
                input: s("Input"),
                fail_at: v["FailAt"].as_u64().map(|n| n as usize),
                expect: v["Expect"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|e| e.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// `Ok` when the parser's verdict is the case's.
fn check(c: &Case, roles: &Roles) -> Result<(), String> {
    let result = parse_rule_with(&c.rule, &c.input, roles).ok_or("rule not implemented")?;
    match (result, c.fail_at) {
        (Ok(_), None) if c.expect.is_empty() => Ok(()),
        (Ok(_), None) => expected_matches(c, roles),
        (Err(e), Some(at)) if e.at == at => Ok(()),
        (Ok(canonical), Some(at)) => Err(format!(
            "{:?} was accepted as {} (`{canonical}`), expected an error at {at}",
            c.input, c.rule
        )),
        (Err(e), None) => Err(format!("{:?} was refused as {}: {e}", c.input, c.rule)),
        (Err(e), Some(at)) => Err(format!(
            "{:?} was refused as {} at {}, expected at {at}: {e}",
            c.input, c.rule, e.at
        )),
    }
}

/// Every `rule:text` of the case's `Expect` is a rule match of the parse.
fn expected_matches(c: &Case, roles: &Roles) -> Result<(), String> {
    let tree = parse_tree(&c.rule, &c.input, roles)
        .ok_or("not a grammar rule")?
        .map_err(|e| e.to_string())?;
    let found: Vec<String> = tree
        .iter()
        .map(|m| format!("{}:{}", m.rule, &c.input[m.range.clone()]))
        .collect();
    match c.expect.iter().find(|e| !found.contains(e)) {
        None => Ok(()),
        Some(missing) => Err(format!(
            "{:?}: the parse has no {missing}; it has {found:?}",
            c.input
        )),
    }
}

/// Cases, passed and failed per rule; rules not implemented are counted apart.
fn table(cases: &[Case], roles: &Roles) -> String {
    // cases, passed, passed without the role table, implemented
    let mut rows: BTreeMap<&str, (usize, usize, usize, bool)> = BTreeMap::new();
    let no_roles = Roles::new();
    for c in cases {
        let implemented = parse_rule(&c.rule, "").is_some();
        let r = rows.entry(&c.rule).or_insert((0, 0, 0, implemented));
        r.0 += 1;
        if implemented && check(c, roles).is_ok() {
            r.1 += 1;
        }
        if implemented && check(c, &no_roles).is_ok() {
            r.2 += 1;
        }
    }
    let mut out = String::from(
        "| rule | cases | passed | failed | not implemented | passed without the role table |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut all = (0, 0, 0, 0);
    for (rule, (n, passed, bare, implemented)) in &rows {
        let (failed, todo) = if *implemented {
            (n - passed, 0)
        } else {
            (0, *n)
        };
        all = (all.0 + n, all.1 + passed, all.2 + bare, all.3 + todo);
        out.push_str(&format!(
            "| `{rule}` | {n} | {passed} | {failed} | {todo} | {bare} |\n"
        ));
    }
    let (total, passed, bare, todo) = all;
    out.push_str(&format!(
        "| all | {total} | {passed} | {} | {todo} | {bare} |\n",
        total - passed - todo
    ));
    out
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = Vec::new();
    match (locate_shared(CASES), locate_shared(CONSTRAINTS)) {
        (Some(path), Some(constraints)) => {
            let all = cases(&path);
            let text = std::fs::read_to_string(&constraints).expect("read constraints.json");
            let roles = std::sync::Arc::new(
                Roles::from_json(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", constraints.display())),
            );
            // Every case, so that a rule we do not implement fails here.
            for case in all.iter().cloned() {
                let name = format!("{}: {}", case.rule, case.name);
                let roles = roles.clone();
                trials.push(Trial::test(name, move || {
                    check(&case, &roles).map_err(Failed::from)
                }));
            }
            let report = table(&all, &roles);
            trials.push(Trial::test("per-rule table", move || {
                let out = workspace_root().join("target").join("odata-abnf.md");
                std::fs::create_dir_all(out.parent().expect("has a parent"))
                    .map_err(|e| e.to_string())?;
                std::fs::write(&out, &report).map_err(|e| e.to_string())?;
                // The rules the issue names are implemented and in the file.
                for rule in [
                    "odataRelativeUri",
                    "resourcePath",
                    "queryOptions",
                    "commonExpr",
                    "boolCommonExpr",
                    "filter",
                    "expand",
                    "select",
                    "orderby",
                    "context",
                    "preference",
                    "dateTimeOffsetValue",
                    "stringLiteral",
                    "primitiveValue",
                    "enumLiteral",
                    "geographyPoint",
                ] {
                    if !report.contains(&format!("| `{rule}` |")) || parse_rule(rule, "").is_none()
                    {
                        return Err(format!("rule {rule} is not covered").into());
                    }
                }
                Ok(())
            }));
        }
        _ => trials.push(trial_needing(
            "odata-abnf test cases",
            &[CASES, CONSTRAINTS],
            |_| Ok(()),
        )),
    }
    trials
}
