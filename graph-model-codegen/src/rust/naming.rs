//! Every Rust identifier the generator emits is decided here: case
//! conversion, keywords, characters Rust does not allow, and collisions.

use std::collections::HashSet;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names that generated code uses unqualified (prelude types, traits and
/// variants). A generated type never takes one of them (`Ok` becomes `Ok2`),
/// or the code around it would mean something else.
pub const PRELUDE: [&str; 12] = [
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "PartialEq",
];

/// Splits an identifier into words at case changes, `_`, digits boundaries
/// kept with the preceding word, and any character that is not ASCII
/// alphanumeric. Non-ASCII characters become `uXXXX` words so that distinct
/// names stay distinct.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii() {
            flush(&mut cur, &mut out);
            out.push(format!("u{:04x}", c as u32));
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if c.is_ascii_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                flush(&mut cur, &mut out);
            }
        }
        cur.push(c);
    }
    flush(&mut cur, &mut out);
    out
}

/// `queryString` → `query_string`, `HTMLBody` → `html_body`, `type` → `r#type`.
pub fn snake(name: &str) -> String {
    let mut s = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    keyword_safe(s)
}

/// `customDataProvidedResourceUploadSession` → `CustomDataProvidedResourceUploadSession`.
/// Existing capitals are kept (`iOSDevice` → `IOSDevice`).
pub fn pascal(name: &str) -> String {
    let mut s: String = words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if s.is_empty() {
        s = "Type".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    keyword_safe(s)
}

fn keyword_safe(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if RAW_OK.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Hands out unique names within one scope (a struct's fields, a module's
/// types, an enum's variants). A name already taken gets `_2`, `_3`... (or
/// `2`, `3` for Pascal-case names), in the order names are requested.
#[derive(Default, Debug)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves a name so later requests avoid it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(unraw(name).to_string());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// `candidate`, or the first free numbered variant of it.
    pub fn unique(&mut self, candidate: String) -> String {
        if self.taken.insert(unraw(&candidate).to_string()) {
            return candidate;
        }
        let base = unraw(&candidate).to_string();
        let sep = if base.starts_with(|c: char| c.is_ascii_uppercase()) || base.ends_with('_') {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|n| self.taken.insert(n.clone()))
            .expect("an unbounded range has a free name")
    }
}

fn unraw(s: &str) -> &str {
    s.strip_prefix("r#").unwrap_or(s)
}

/// Field names for one struct, in property order. Names whose snake form
/// equals their CSDL name are placed first, so `query_string` keeps its name
/// and `queryString` becomes `query_string_2`, whatever the order. `reserved`
/// names (the extra-properties field) are avoided.
pub fn field_names(props: &[&str], reserved: &[&str]) -> Vec<String> {
    let mut scope = Scope::new();
    for r in reserved {
        scope.reserve(r);
    }
    let mut out = vec![String::new(); props.len()];
    let exact = |p: &&str| unraw(&snake(p)) == *p;
    for pass in [true, false] {
        for (i, p) in props.iter().enumerate() {
            if exact(p) == pass {
                out[i] = scope.unique(snake(p));
            }
        }
    }
    out
}

/// Module path for a namespace: `microsoft.graph.identityGovernance` →
/// `["microsoft", "graph", "identity_governance"]`.
pub fn module_path(namespace: &str) -> Vec<String> {
    namespace.split('.').map(snake).collect()
}

/// Windows device names: no file may be called this, whatever its extension.
const DEVICE_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Longest file stem written; file systems allow 255 bytes per name.
const MAX_FILE_STEM: usize = 200;

/// The file a module's code is written to: its segments joined by `.`, plus
/// `.rs`. Segments are sanitised identifiers, so the name is ASCII letters,
/// digits, `_` and `.` only — never a path. It is also never the root file
/// (`mod.rs`), never a Windows device name (`con.rs`, `aux.x.rs`), and never
/// longer than [`MAX_FILE_STEM`] (a long one is cut and given a hash of the
/// whole, so distinct modules keep distinct files).
pub fn file_name(module: &[String]) -> String {
    let mut segments: Vec<String> = module
        .iter()
        .map(|m| {
            unraw(m)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect();
    if segments.is_empty() || segments.iter().any(String::is_empty) {
        segments.push("module".into());
        segments.retain(|s| !s.is_empty());
    }
    let first = segments[0].to_ascii_lowercase();
    if DEVICE_NAMES.contains(&first.as_str()) || (segments.len() == 1 && first == "mod") {
        segments[0].push('_');
    }
    let mut stem = segments.join(".");
    if stem.len() > MAX_FILE_STEM {
        let hash = stem.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
        });
        stem.truncate(MAX_FILE_STEM - 17);
        stem = format!("{stem}_{hash:016x}");
    }
    stem + ".rs"
}

/// Whether `path` is a `::`-separated list of plain Rust identifiers (for
/// module overrides given by a user).
pub fn is_module_path(path: &str) -> bool {
    path.split("::").all(|seg| {
        let mut chars = seg.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && seg != "_"
    })
}

/// Cargo feature for a namespace: `microsoft.graph.callRecords` →
/// `microsoft-graph-call-records`.
pub fn feature_name(namespace: &str) -> String {
    module_path(namespace)
        .iter()
        .map(|m| unraw(m).trim_end_matches('_').replace('_', "-"))
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case() {
        assert_eq!(snake("createdDateTime"), "created_date_time");
        assert_eq!(snake("HTMLBody"), "html_body");
        assert_eq!(snake("iOSVersion"), "i_os_version");
        assert_eq!(snake("remote_Control_Software"), "remote_control_software");
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("x509Certificate"), "x509_certificate");
        assert_eq!(snake("1stPlace"), "_1st_place");
    }

    #[test]
    fn keywords() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("match"), "r#match");
        assert_eq!(snake("ref"), "r#ref");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("_"), "field");
    }

    #[test]
    fn pascal_case_and_leading_digits() {
        assert_eq!(
            pascal("customDataProvidedResourceUploadSession"),
            "CustomDataProvidedResourceUploadSession"
        );
        assert_eq!(pascal("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(pascal("iOSDevice"), "IOSDevice");
        assert_eq!(pascal("3dModel"), "T3dModel");
        assert_eq!(pascal("a-b.c"), "ABC");
    }

    #[test]
    fn non_ascii_stays_distinct() {
        assert_eq!(snake("naïve"), "na_u00ef_ve");
        assert_ne!(snake("naïve"), snake("naive"));
    }

    #[test]
    fn collisions_after_case_conversion() {
        assert_eq!(
            field_names(&["queryString", "query_string"], &["extra"]),
            ["query_string_2", "query_string"]
        );
        assert_eq!(
            field_names(&["remoteControlSoftware", "remote_Control_Software"], &[]),
            ["remote_control_software", "remote_control_software_2"]
        );
        assert_eq!(
            field_names(&["extra", "type"], &["extra"]),
            ["extra_2", "r#type"]
        );
        let mut s = Scope::new();
        assert_eq!(s.unique("Foo".into()), "Foo");
        assert_eq!(s.unique("Foo".into()), "Foo2");
    }

    #[test]
    fn file_names_are_never_paths() {
        let m = |ns: &str| file_name(&module_path(ns));
        assert_eq!(
            m("microsoft.graph.identityGovernance"),
            "microsoft.graph.identity_governance.rs"
        );
        assert_eq!(m("CON"), "con_.rs");
        assert_eq!(m("aux.x"), "aux_.x.rs");
        assert_eq!(m("Lpt1.y"), "lpt1_.y.rs");
        assert_eq!(m("mod"), "mod_.rs");
        assert_eq!(m("a.mod"), "a.r#mod".replace("r#", "") + ".rs");
        assert_eq!(m("naïve"), "na_u00ef_ve.rs");
        let long = format!("{}.x", "a".repeat(300));
        let f = m(&long);
        assert_eq!(f.len(), MAX_FILE_STEM + 3);
        assert_ne!(f, m(&format!("{}.y", "a".repeat(300))));
        for f in [m("a.b"), m("CON"), f] {
            assert!(f
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'));
            assert!(!f.starts_with('.'));
        }
        assert!(is_module_path("graph"));
        assert!(is_module_path("a::b_c"));
        assert!(!is_module_path("../x"));
        assert!(!is_module_path("a::"));
        assert!(!is_module_path("a/b"));
    }

    #[test]
    fn modules() {
        assert_eq!(
            module_path("microsoft.graph.identityGovernance"),
            ["microsoft", "graph", "identity_governance"]
        );
        assert_eq!(
            module_path("microsoft.graph.callRecords"),
            ["microsoft", "graph", "call_records"]
        );
    }
}
