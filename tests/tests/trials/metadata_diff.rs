//! `graph-model-codegen diff`: the synthetic pair in `tests/fixtures/diff`
//! (one change per rule the issue names — a member inserted before the
//! sentinel, the sentinel moved, a member after it, a flags member, a
//! derived type, a base type changed, nullability both ways, a type
//! widened, a navigation property turned into a collection, a removed
//! entity set, a bound action's parameter added) gives the verdicts in
//! `expected.txt`, checked by hand line by line; every change carries the
//! place of each side it has; and every consecutive pair of the 33 weekly
//! v1.0 snapshots in `../shared/metadata/history/` diffs without a panic
//! into the counts of `history.md` (`UPDATE_EXPECT=1` rewrites it).

use std::path::{Path, PathBuf};

use graph_model_codegen::closure::{Navigation, Spec};
use graph_model_codegen::diff::{self, Diff, RULES};
use graph_model_codegen::{load_file, LoadOptions, Model};
use graph_model_tests::trial_needing;
use libtest_mimic::{Failed, Trial};

fn fixtures() -> PathBuf {
    graph_model_tests::workspace_root().join("tests/fixtures/diff")
}

fn load(p: &Path) -> Model {
    load_file(p, LoadOptions { strict: true }).unwrap_or_else(|d| panic!("{d}"))
}

fn lines(d: &Diff) -> String {
    d.changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}\n",
                c.rule.id, c.subject, c.rule.read, c.rule.send, c.rule.rust
            )
        })
        .collect()
}

fn synthetic() -> Result<(), Failed> {
    let old_path = fixtures().join("old.xml");
    let new_path = fixtures().join("new.xml");
    let d = diff::diff(&load(&old_path), &load(&new_path));
    let expected = std::fs::read_to_string(fixtures().join("expected.txt")).unwrap();
    let got = lines(&d);
    if got != expected {
        return Err(format!("expected\n{expected}got\n{got}").into());
    }
    for c in &d.changes {
        // Each side it has, in its own file, at a line of it.
        for (span, path) in [(&c.old, &old_path), (&c.new, &new_path)] {
            if let Some(s) = span {
                assert!(path.ends_with(&*s.file) || s.file.ends_with("xml"), "{s}");
                assert!(s.line > 1, "{} at {s}", c.subject);
            }
        }
        assert!(c.old.is_some() || c.new.is_some(), "{}", c.subject);
    }
    assert_eq!(d.bump(), diff::Bump::Major);
    // Nothing changed, nothing reported; the JSON has the stable fields.
    let same = diff::diff(&load(&old_path), &load(&old_path));
    assert!(same.changes.is_empty());
    let json = d.json();
    assert_eq!(json["counts"]["changes"], d.changes.len());
    assert_eq!(json["changes"][0]["rule"], d.changes[0].rule.id);
    assert!(d.markdown().lines().count() > d.changes.len());
    // Colour only when asked (a terminal): breaking in red.
    assert!(d.text_with(true).contains("\x1b[31mbreaking"));
    assert!(!d.text().contains('\x1b'));
    // For a user's closure: `note` without navigation reaches its new
    // subtype and nothing of `user`; `user` with navigation reaches `note`
    // through `notes`, and the bound action through its binding.
    let (old_m, new_m) = (load(&old_path), load(&new_path));
    let spec = |m: &Model, root: &str, nav| {
        Spec::from_names(m, &[root.to_string()], nav, &[], &[]).unwrap()
    };
    let reached = |root: &str, nav| {
        let r = diff::reaching(
            &d,
            (&old_m, &spec(&old_m, root, nav)),
            (&new_m, &spec(&new_m, root, nav)),
        );
        r.changes
            .iter()
            .map(|c| format!("{} via {}", c.subject, c.via.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        reached("microsoft.graph.note", Navigation::None),
        ["microsoft.graph.stickyNote via microsoft.graph.note/microsoft.graph.stickyNote"]
    );
    let from_user = reached("microsoft.graph.user", Navigation::All);
    assert!(
        from_user.contains(&"microsoft.graph.user/age via microsoft.graph.user".to_string()),
        "{from_user:?}"
    );
    assert!(
        from_user.contains(
            &"microsoft.graph.stickyNote via microsoft.graph.user/notes/microsoft.graph.stickyNote"
                .to_string()
        ),
        "{from_user:?}"
    );
    assert!(
        from_user.contains(
            &"microsoft.graph.send(microsoft.graph.user)/urgent via microsoft.graph.user"
                .to_string()
        ),
        "{from_user:?}"
    );
    assert!(
        !from_user
            .iter()
            .any(|c| c.starts_with("microsoft.graph.plain")),
        "{from_user:?}"
    );
    Ok(())
}

/// The README's verdict table is the code's (one row per rule).
fn table_in_readme() -> Result<(), Failed> {
    let readme =
        std::fs::read_to_string(graph_model_tests::workspace_root().join("README.md")).unwrap();
    for r in RULES {
        let row = format!("| `{}` | {} | {} | {} |", r.id, r.read, r.send, r.rust);
        if !readme.contains(&row) {
            return Err(format!("README lacks the row {row}").into());
        }
    }
    Ok(())
}

fn history(dir: &Path) -> Result<(), Failed> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    let table = diff::history(&files).unwrap_or_else(|d| panic!("{d}"));
    if files.len() < 33 {
        return Err(format!("{} snapshots, expected 33", files.len()).into());
    }
    let golden = fixtures().join("history.md");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&golden, &table).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if table != expected {
        return Err(format!(
            "history counts differ from {golden:?} (UPDATE_EXPECT=1 rewrites):\n{table}"
        )
        .into());
    }
    Ok(())
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![
        Trial::test("synthetic", synthetic),
        Trial::test("verdict-table-in-readme", table_in_readme),
        trial_needing("history", &["metadata/history"], |paths| history(&paths[0])),
    ];
    trials
}
