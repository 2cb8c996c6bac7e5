//! The OASIS OData TC's ABNF test cases (`../shared/odata-abnf/testcases.jsonl`)
//! through `graph_model::odata`: one trial per case whose rule is
//! implemented — a positive case must match the rule, a negative one must
//! fail at its `FailAt` position — and a per-rule table of what is covered
//! (written to `target/odata-abnf.md`).

use std::collections::BTreeMap;
use std::path::Path;

use graph_model::odata::parse_rule;
use graph_model_tests::{locate_shared, trial_needing, workspace_root};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

const CASES: &str = "odata-abnf/testcases.jsonl";

struct Case {
    name: String,
    rule: String,
    input: String,
    fail_at: Option<usize>,
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
            }
        })
        .collect()
}

/// `Ok` when the parser's verdict is the case's.
fn check(c: &Case) -> Result<(), String> {
    let result = parse_rule(&c.rule, &c.input).ok_or("rule not implemented")?;
    match (result, c.fail_at) {
        (Ok(_), None) => Ok(()),
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

/// Cases, passed and failed per rule; rules not implemented are counted apart.
fn table(cases: &[Case]) -> String {
    let mut rows: BTreeMap<&str, (usize, usize, bool)> = BTreeMap::new();
    for c in cases {
        let implemented = parse_rule(&c.rule, "").is_some();
        let r = rows.entry(&c.rule).or_insert((0, 0, implemented));
        r.0 += 1;
        if implemented && check(c).is_ok() {
            r.1 += 1;
        }
    }
    let mut out = String::from(
        "| rule | cases | passed | failed | not implemented yet |\n|---|---|---|---|---|\n",
    );
    for (rule, (n, passed, implemented)) in &rows {
        let (failed, todo) = if *implemented {
            (n - passed, 0)
        } else {
            (0, *n)
        };
        out.push_str(&format!(
            "| `{rule}` | {n} | {passed} | {failed} | {todo} |\n"
        ));
    }
    let total: usize = rows.values().map(|r| r.0).sum();
    let passed: usize = rows.values().map(|r| r.1).sum();
    let todo: usize = rows.values().filter(|r| !r.2).map(|r| r.0).sum();
    out.push_str(&format!(
        "| all | {total} | {passed} | {} | {todo} |\n",
        total - passed - todo
    ));
    out
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    match locate_shared(CASES) {
        None => trials.push(trial_needing("odata-abnf test cases", &[CASES], |_| Ok(()))),
        Some(path) => {
            let all = cases(&path);
            for c in all.iter().filter(|c| parse_rule(&c.rule, "").is_some()) {
                let name = format!("{}: {}", c.rule, c.name);
                let case = Case {
                    name: c.name.clone(),
                    rule: c.rule.clone(),
                    input: c.input.clone(),
                    fail_at: c.fail_at,
                };
                trials.push(Trial::test(name, move || {
                    check(&case).map_err(Failed::from)
                }));
            }
            let report = table(&all);
            trials.push(Trial::test("per-rule table", move || {
                let out = workspace_root().join("target").join("odata-abnf.md");
                std::fs::create_dir_all(out.parent().expect("has a parent"))
                    .map_err(|e| e.to_string())?;
                std::fs::write(&out, &report).map_err(|e| e.to_string())?;
                // Every literal rule of the file is implemented.
                for rule in [
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
    }
    libtest_mimic::run(&args, trials).exit();
}
