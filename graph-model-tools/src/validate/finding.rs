//! Findings: what validation reports, each at a JSON pointer.

use std::fmt;

use serde::Serialize;

/// What kind of problem a finding is. The kebab-case name is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The text is not JSON (even after lenient repairs).
    InvalidJson,
    /// A trailing comma, removed by the lenient reader.
    TrailingComma,
    /// A key repeated in one object (a JSON reader would lose one value).
    DuplicateKey,
    /// Wrong JSON type for the property (string where a number belongs...).
    WrongJsonType,
    /// A property the (non-open) type does not declare. Kept.
    NotInModel,
    /// An enum string the model does not list. Kept.
    UnknownEnumValue,
    /// An enum string that differs from a member only in case (`"Active"`). Kept.
    EnumCaseMismatch,
    /// `@odata.type` names a type the model does not have. Kept whole.
    UnknownOdataType,
    /// `@odata.type` names a type of the model that does not derive from the
    /// declared one. Kept whole, like an unknown type.
    IncompatibleOdataType,
    /// A value of an abstract type without `@odata.type`.
    AbstractWithoutOdataType,
    /// `null` where the model says the property is not nullable, or a
    /// `null` item in a collection (which the generated types cannot hold).
    Nullability,
    /// `null` for a collection-valued property (CSDL: a collection is never
    /// `null`; Graph and its documentation send it). Kept as `null`.
    NullCollection,
    /// A primitive whose text is not valid for its Edm type (date, guid, int64 range, decimal precision...).
    MalformedPrimitive,
    /// A documentation representation's placeholder (`"String"`,
    /// `{"@odata.type": …}`) does not fit the declared type.
    PlaceholderMismatch,
    /// A structural property of the model that a documentation
    /// representation does not list.
    Undocumented,
    /// A property in a response that the request's `$select` does not name.
    NotSelected,
    /// The typed model could not read the value.
    TypedDecode,
    /// Reading into the typed model and writing back changed or lost something.
    RoundTripDifference,
    /// The request URL's query does not parse or bind to the model.
    InvalidQuery,
    /// An evolvable enum member (declared after `unknownFutureValue`) where
    /// `Prefer: include-unknown-enum-members` was not sent.
    EvolvableMemberWithoutPreference,
    /// `unknownFutureValue` in a request body.
    UnknownFutureValueInRequest,
    /// An `@odata.context` read with Graph's leniency (an unqualified type
    /// name, a set in another case, a singleton left out, outside the
    /// OData grammar). Always a warning: the payload is typed all the same.
    LenientContextUrl,
}

impl Kind {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InvalidJson => "invalid-json",
            Kind::TrailingComma => "trailing-comma",
            Kind::DuplicateKey => "duplicate-key",
            Kind::WrongJsonType => "wrong-json-type",
            Kind::NotInModel => "not-in-model",
            Kind::UnknownEnumValue => "unknown-enum-value",
            Kind::EnumCaseMismatch => "enum-case-mismatch",
            Kind::UnknownOdataType => "unknown-odata-type",
            Kind::IncompatibleOdataType => "incompatible-odata-type",
            Kind::AbstractWithoutOdataType => "abstract-without-odata-type",
            Kind::Nullability => "nullability",
            Kind::NullCollection => "null-collection",
            Kind::MalformedPrimitive => "malformed-primitive",
            Kind::PlaceholderMismatch => "placeholder-mismatch",
            Kind::Undocumented => "undocumented-property",
            Kind::NotSelected => "not-selected",
            Kind::InvalidQuery => "invalid-query",
            Kind::TypedDecode => "typed-decode",
            Kind::RoundTripDifference => "round-trip-difference",
            Kind::EvolvableMemberWithoutPreference => "evolvable-member-without-preference",
            Kind::UnknownFutureValueInRequest => "unknown-future-value-in-request",
            Kind::LenientContextUrl => "lenient-context-url",
        }
    }

    /// Kinds that real Graph payloads and their documentation produce and
    /// that lose nothing: warnings when lenient, errors when strict.
    pub fn is_tolerated_when_lenient(self) -> bool {
        matches!(
            self,
            Kind::TrailingComma
                | Kind::NotInModel
                | Kind::UnknownEnumValue
                | Kind::EnumCaseMismatch
                | Kind::UnknownOdataType
                | Kind::IncompatibleOdataType
                | Kind::AbstractWithoutOdataType
                | Kind::NullCollection
                | Kind::PlaceholderMismatch
                | Kind::Undocumented
                | Kind::NotSelected
                | Kind::EvolvableMemberWithoutPreference
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use graph_model_csdl::Severity;

/// How strictly to judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// Accept what Graph and its docs produce, as warnings.
    #[default]
    Lenient,
    /// Every deviation from the model is an error.
    Strict,
}

/// One problem at one place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// RFC 6901 JSON pointer (`/value/0/status`); `""` is the whole document.
    pub pointer: String,
    /// What kind of problem.
    pub kind: Kind,
    /// Warning or error, by kind and mode.
    pub severity: Severity,
    /// What is wrong, and what was kept.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{p}: {sev}[{}]: {}", self.kind, self.message)
    }
}

/// All findings for one payload.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// In document order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Adds a finding; its severity follows from `kind` and `mode`.
    pub fn push(&mut self, mode: Mode, pointer: &str, kind: Kind, message: impl Into<String>) {
        let severity = if mode == Mode::Lenient && kind.is_tolerated_when_lenient() {
            Severity::Warning
        } else {
            Severity::Error
        };
        self.findings.push(Finding {
            pointer: pointer.to_string(),
            kind,
            severity,
            message: message.into(),
        });
    }

    /// Adds a finding with the severity the caller gives (for kinds whose
    /// severity follows from where the payload is, not only the mode).
    pub fn push_as(
        &mut self,
        severity: Severity,
        pointer: &str,
        kind: Kind,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            pointer: pointer.to_string(),
            kind,
            severity,
            message: message.into(),
        });
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether there is no finding at all.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The kinds of the findings, in order.
    pub fn kinds(&self) -> Vec<Kind> {
        self.findings.iter().map(|f| f.kind).collect()
    }

    /// Sorted, for comparisons that must not depend on discovery order.
    pub fn sorted(mut self) -> Self {
        self.findings.sort();
        self
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for x in &self.findings {
            writeln!(f, "{x}")?;
        }
        Ok(())
    }
}

pub use graph_model::json::child;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(child("", "value"), "/value");
        assert_eq!(child("/value", "0"), "/value/0");
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(child("", ""), "/");
    }

    #[test]
    fn lenient_tolerates_only_lossless_deviations() {
        let mut r = Report::default();
        for kind in [
            Kind::TrailingComma,
            Kind::EnumCaseMismatch,
            Kind::Nullability,
            Kind::DuplicateKey,
        ] {
            r.push(Mode::Lenient, "", kind, "x");
        }
        let sev: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
        assert_eq!(
            sev,
            [
                Severity::Warning,
                Severity::Warning,
                Severity::Error,
                Severity::Error
            ]
        );
        assert!(r.has_errors());
        let mut strict = Report::default();
        strict.push(Mode::Strict, "/a", Kind::TrailingComma, "x");
        assert_eq!(strict.to_string(), "/a: error[trailing-comma]: x\n");
    }
}
