//! What changed between two `$metadata` snapshots, and what breaks: every
//! change with the `file:line:col` of both sides and three verdicts from
//! the table in [`rules`] — reading responses (a client built from the old
//! model, a service at the new one), sending requests, and the semver bump
//! of a crate of generated types.
//!
//! ```no_run
//! use graph_model_codegen::{diff, load_file, LoadOptions};
//! let old = load_file("v1.0-2023-07.xml", LoadOptions::default()).unwrap();
//! let new = load_file("v1.0-2023-08.xml", LoadOptions::default()).unwrap();
//! let d = diff::diff(&old, &new);
//! println!("{}", d.text());
//! assert!(d.bump() >= diff::Bump::Patch);
//! ```

mod compare;
mod reach;
pub mod rules;

pub use reach::reaching;

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use rules::{Bump, Rule, Wire, RULES};

use crate::model::Model;
use crate::Span;

/// One change, with the rule that judges it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The rule (kind of change and its verdicts).
    pub rule: &'static Rule,
    /// What changed: `ns.type`, `ns.type/property`, `ns.enum/member`,
    /// `container/set`, `ns.operation(binding)/parameter`.
    pub subject: String,
    /// Where it is in the old snapshot.
    pub old: Option<Span>,
    /// Where it is in the new snapshot.
    pub new: Option<Span>,
    /// The change in a few words (`Edm.String → Edm.Int32`).
    pub detail: String,
    /// With [`reaching`]: the path from a root to what changed
    /// (`microsoft.graph.user/authentication/methods`).
    pub via: Option<String>,
}

/// Every change between two models.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// The changes, ordered by subject, then rule.
    pub changes: Vec<Change>,
}

/// The changes from `old` to `new`.
pub fn diff(old: &Model, new: &Model) -> Diff {
    Diff {
        changes: compare::changes(old, new),
    }
}

/// The Markdown table of a series of snapshots: for each consecutive pair
/// (in the order given), the counts per verdict and the bump. Each file is
/// read once.
pub fn history(files: &[std::path::PathBuf]) -> Result<String, crate::Diagnostics> {
    let mut out = String::from(
        "| old | new | changes | read breaking | send breaking | major | minor | patch | bump |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    let name = |p: &std::path::Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let mut previous: Option<(String, Model)> = None;
    for f in files {
        let model = crate::load_file(f, crate::LoadOptions::default())?;
        if let Some((old_name, old)) = previous.take() {
            let d = diff(&old, &model);
            let c = d.counts();
            let _ = writeln!(
                out,
                "| {old_name} | {} | {} | {} | {} | {} | {} | {} | {} |",
                name(f),
                c.changes,
                c.read_breaking,
                c.send_breaking,
                c.major,
                c.minor,
                c.patch,
                d.bump()
            );
        }
        previous = Some((name(f), model));
    }
    Ok(out)
}

/// Counts per verdict, for a summary line or a table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Changes in all.
    pub changes: usize,
    /// Changes that can break reading responses.
    pub read_breaking: usize,
    /// Changes that can break sending requests.
    pub send_breaking: usize,
    /// Changes that need a major bump of the generated crate.
    pub major: usize,
    /// … a minor bump.
    pub minor: usize,
    /// … a patch.
    pub patch: usize,
}

impl Diff {
    /// The bump the whole change needs (patch when nothing changed).
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| c.rule.rust)
            .max()
            .unwrap_or(Bump::Patch)
    }

    /// Counts per verdict.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            changes: self.changes.len(),
            ..Counts::default()
        };
        for ch in &self.changes {
            c.read_breaking += usize::from(ch.rule.read == Wire::Breaking);
            c.send_breaking += usize::from(ch.rule.send == Wire::Breaking);
            match ch.rule.rust {
                Bump::Major => c.major += 1,
                Bump::Minor => c.minor += 1,
                Bump::Patch => c.patch += 1,
            }
        }
        c
    }

    /// Changes grouped by the type (or container, or operation) they
    /// touch, each group's breaking changes first.
    fn grouped(&self) -> BTreeMap<&str, Vec<&Change>> {
        let mut groups: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
        for c in &self.changes {
            let owner = c.subject.split('/').next().unwrap_or(&c.subject);
            groups.entry(owner).or_default().push(c);
        }
        for g in groups.values_mut() {
            g.sort_by_key(|c| {
                let worst = c.rule.read.max(c.rule.send);
                (std::cmp::Reverse(worst), std::cmp::Reverse(c.rule.rust))
            });
        }
        groups
    }

    /// Human text: a summary line, then each group with its changes
    /// (`read/send/rust [rule] subject: detail (old → new place)`).
    pub fn text(&self) -> String {
        self.text_with(false)
    }

    /// [`Diff::text`], with breaking verdicts in red and cautions and major
    /// bumps in yellow (ANSI colours) when `colour` (a terminal).
    pub fn text_with(&self, colour: bool) -> String {
        let paint = |text: String, wire: Option<Wire>, bump: Option<Bump>| {
            let code = match (wire, bump) {
                (Some(Wire::Breaking), _) => "31",
                (Some(Wire::Caution), _) | (_, Some(Bump::Major)) => "33",
                _ => return text,
            };
            if colour {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text
            }
        };
        let c = self.counts();
        let mut out = format!(
            "{} changes: {} can break reading responses, {} sending requests; generated crate: {} major, {} minor, {} patch → {} bump\n",
            c.changes, c.read_breaking, c.send_breaking, c.major, c.minor, c.patch, self.bump()
        );
        for (owner, changes) in self.grouped() {
            let _ = writeln!(out, "\n{owner}");
            for ch in changes {
                let place = match (&ch.old, &ch.new) {
                    (Some(o), Some(n)) => format!("{o} → {n}"),
                    (Some(o), None) => format!("{o}"),
                    (None, Some(n)) => format!("{n}"),
                    (None, None) => String::new(),
                };
                let via = ch
                    .via
                    .as_ref()
                    .map(|v| format!(" via {v}"))
                    .unwrap_or_default();
                let read = paint(format!("{:<8}", ch.rule.read), Some(ch.rule.read), None);
                let send = paint(format!("{:<8}", ch.rule.send), Some(ch.rule.send), None);
                let rust = paint(format!("{:<5}", ch.rule.rust), None, Some(ch.rule.rust));
                let _ = writeln!(
                    out,
                    "  read {read} send {send} rust {rust} [{}] {}: {} ({place}){via}",
                    ch.rule.id, ch.subject, ch.detail
                );
            }
        }
        out
    }

    /// A Markdown changelog: the summary and one table row per change.
    pub fn markdown(&self) -> String {
        let c = self.counts();
        let mut out = format!(
            "**{} changes** — breaking for reading responses: {}, for sending requests: {}; generated crate: **{}** bump ({} major, {} minor, {} patch).\n\n| change | subject | detail | read | send | rust |\n|---|---|---|---|---|---|\n",
            c.changes, c.read_breaking, c.send_breaking, self.bump(), c.major, c.minor, c.patch
        );
        for ch in self.grouped().into_values().flatten() {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} | {} | {} |",
                ch.rule.id,
                ch.subject,
                ch.detail.replace('|', "\\|"),
                ch.rule.read,
                ch.rule.send,
                ch.rule.rust
            );
        }
        out
    }

    /// JSON: `{"bump", "counts", "changes": [{"rule", "subject", "detail",
    /// "read", "send", "rust", "old", "new", "via"}]}`, places as
    /// `file:line:col` or `null`, `via` the path from a root or `null`. The
    /// field names are stable.
    pub fn json(&self) -> serde_json::Value {
        let c = self.counts();
        let place = |s: &Option<Span>| s.as_ref().map(|s| s.to_string());
        serde_json::json!({
            "bump": self.bump().to_string(),
            "counts": {
                "changes": c.changes,
                "read_breaking": c.read_breaking,
                "send_breaking": c.send_breaking,
                "major": c.major,
                "minor": c.minor,
                "patch": c.patch,
            },
            "changes": self.changes.iter().map(|ch| serde_json::json!({
                "rule": ch.rule.id,
                "subject": ch.subject,
                "detail": ch.detail,
                "read": ch.rule.read.to_string(),
                "send": ch.rule.send.to_string(),
                "rust": ch.rule.rust.to_string(),
                "old": place(&ch.old),
                "new": place(&ch.new),
                "via": ch.via,
            })).collect::<Vec<_>>(),
        })
    }
}
