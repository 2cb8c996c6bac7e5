//! The verdict table: for each kind of change between two `$metadata`
//! snapshots, whether a client built from the old one still reads what a
//! new service sends, whether a new service still accepts what such a
//! client sends, and the semver bump a crate of generated types needs.

use std::fmt;

/// Whether something on the wire keeps working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Wire {
    /// Nothing changes for this direction.
    Safe,
    /// Still works, with something to look at (a warning in lenient
    /// validation, a value kept as unknown).
    Caution,
    /// Can break: a payload is refused or misread.
    Breaking,
}

/// The semver bump a crate of generated types needs, for the code this
/// project generates: `#[non_exhaustive]` structs with public fields
/// (built from `Default`, fields assigned), `#[non_exhaustive]` enums and
/// `…Any` enums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Documentation only.
    Patch,
    /// New items only.
    Minor,
    /// Code that compiled may not.
    Major,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Reading responses: a client from OLD, a service at NEW.
    pub read: Wire,
    /// Sending requests: a client from OLD, a service at NEW.
    pub send: Wire,
    /// The generated Rust API.
    pub rust: Bump,
    /// Why, with the OData or Graph reference.
    pub why: &'static str,
}

use Bump::*;
use Wire::*;

macro_rules! rules {
    ($($name:ident: $id:literal, $read:ident, $send:ident, $rust:ident, $why:literal;)*) => {
        /// Every rule, in table order.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, read: $read, send: $send, rust: $rust, why: $why }),*];
        $(
            #[doc = $why]
            pub const $name: &Rule = &Rule { id: $id, read: $read, send: $send, rust: $rust, why: $why };
        )*
    };
}

rules! {
    TYPE_ADDED: "type-added", Safe, Safe, Minor,
        "A new type: nothing old refers to it. (A new subtype of an old type has its own rule.)";
    DERIVED_TYPE_ADDED: "derived-type-added", Caution, Safe, Minor,
        "A new subtype of a type that had subtypes or was abstract: old types read it as an unknown subtype, kept whole (Graph's API guidelines allow new subtypes); the `#[non_exhaustive]` `…Any` enum gains a variant.";
    FIRST_DERIVED_TYPE_ADDED: "first-derived-type-added", Caution, Safe, Major,
        "The first subtype of a concrete type: read as an unknown subtype by old types; the base becomes polymorphic, so every field declared as it changes type from the struct to its new `…Any` enum.";
    TYPE_REMOVED: "type-removed", Breaking, Breaking, Major,
        "A type removed: old code and payloads that name it lose it (OData CSDL 4.01 §3, Graph breaking-change policy).";
    TYPE_KIND_CHANGED: "type-kind-changed", Breaking, Breaking, Major,
        "An entity, complex, enum or definition type became another kind.";
    BASE_TYPE_CHANGED: "base-type-changed", Breaking, Breaking, Major,
        "The base type changed: inherited properties and `@odata.type` dispatch move.";
    ABSTRACT_ADDED: "abstract-added", Safe, Breaking, Major,
        "The type became abstract: a request may no longer send it without a subtype's `@odata.type`; a type without subtypes becomes polymorphic (fields of it become its `…Any`).";
    ABSTRACT_REMOVED: "abstract-removed", Caution, Safe, Major,
        "The type is no longer abstract: values of the type itself may now come; a type without subtypes stops being polymorphic (its `…Any` goes).";
    OPEN_ADDED: "open-type-added", Safe, Safe, Patch,
        "The type became open: dynamic properties were kept as extra members already.";
    OPEN_REMOVED: "open-type-removed", Safe, Breaking, Patch,
        "The type is no longer open: a request's dynamic properties may be refused.";
    HAS_STREAM_CHANGED: "has-stream-changed", Caution, Caution, Patch,
        "Media entity or not: `$value` and the media control information change.";
    PROPERTY_ADDED: "property-added", Safe, Safe, Minor,
        "A new property: old types keep it as an extra member (OData JSON 4.01 §4.5.13, clients must accept unknown properties); a field of a `#[non_exhaustive]` struct (built from `Default`, fields assigned).";
    PROPERTY_REMOVED: "property-removed", Caution, Breaking, Major,
        "A property removed: responses stop sending it; a request that sends it may be refused; the field goes away.";
    PROPERTY_TYPE_CHANGED: "property-type-changed", Breaking, Breaking, Major,
        "A property's type changed (widened or narrowed): values of the old type are misread one way or refused the other.";
    PROPERTY_COLLECTION_CHANGED: "property-collection-changed", Breaking, Breaking, Major,
        "A property became a collection or stopped being one.";
    PROPERTY_NOW_NULLABLE: "property-now-nullable", Breaking, Safe, Major,
        "`Nullable=\"false\"` removed: a new service may send `null`, which an old client refuses; the field's type changes from `Option<T>` to `Nullable<T>`.";
    PROPERTY_NOW_NOT_NULLABLE: "property-now-not-nullable", Safe, Breaking, Major,
        "`Nullable=\"false\"` added: a request that sends `null` is refused; the field's type changes.";
    PROPERTY_FACET_CHANGED: "property-facet-changed", Caution, Caution, Patch,
        "MaxLength, Precision, Scale, SRID or Unicode changed: values outside the new facets are refused one way or the other.";
    PROPERTY_DEFAULT_CHANGED: "property-default-changed", Safe, Caution, Patch,
        "A default value changed: a request that leaves the property out gets another value.";
    NAVIGATION_ADDED: "navigation-added", Safe, Safe, Minor,
        "A new navigation property: read as an extra member when expanded; a field of a `#[non_exhaustive]` struct.";
    NAVIGATION_REMOVED: "navigation-removed", Caution, Breaking, Major,
        "A navigation property removed: URLs and `$expand` naming it fail; the field goes away.";
    NAVIGATION_TYPE_CHANGED: "navigation-type-changed", Breaking, Breaking, Major,
        "A navigation property's target type changed.";
    NAVIGATION_COLLECTION_CHANGED: "navigation-collection-changed", Breaking, Breaking, Major,
        "A navigation property became a collection or stopped being one: its URL and its expanded value change shape.";
    NAVIGATION_CONTAINMENT_CHANGED: "navigation-containment-changed", Caution, Caution, Major,
        "`ContainsTarget` changed: the URL subtree and the generated field (typed or untyped in the v1 areas) change.";
    NAVIGATION_NULLABILITY_CHANGED: "navigation-nullability-changed", Caution, Caution, Patch,
        "A navigation property's nullability changed.";
    MEMBER_ADDED_AFTER_SENTINEL: "member-added-after-sentinel", Safe, Safe, Minor,
        "A member after `unknownFutureValue`: evolvable, not sent without `Prefer: include-unknown-enum-members` (Graph API guidelines, evolvable enums); a variant of a `#[non_exhaustive]` enum (what `Other` held).";
    MEMBER_ADDED_BEFORE_SENTINEL: "member-added-before-sentinel", Breaking, Safe, Minor,
        "A member inserted before `unknownFutureValue`: sent to every client, preference or not, against the evolvable-enum contract (Graph API guidelines: new members go after the sentinel); this project's types keep it as `Other`, but a client may rely on the members before the sentinel being all; a variant of a `#[non_exhaustive]` enum.";
    MEMBER_ADDED: "member-added", Caution, Safe, Minor,
        "A member of an enum without the sentinel (flags included): a new service sends it to old clients (kept as `Other`, an unknown-enum-value warning); a variant of a `#[non_exhaustive]` enum.";
    MEMBER_REMOVED: "member-removed", Safe, Breaking, Major,
        "A member removed: a request that sends it is refused; the variant goes away.";
    MEMBER_VALUE_CHANGED: "member-value-changed", Caution, Caution, Patch,
        "A member's numeric value changed: names are what JSON carries, but `$orderby` and flags combinations follow values.";
    SENTINEL_ADDED: "sentinel-added", Safe, Safe, Minor,
        "`unknownFutureValue` added: the enum becomes evolvable; a variant of a `#[non_exhaustive]` enum.";
    SENTINEL_MOVED: "sentinel-moved", Breaking, Breaking, Major,
        "The sentinel moved or was removed: which members are evolvable changes (Graph API guidelines: the sentinel is never moved).";
    FLAGS_CHANGED: "flags-changed", Breaking, Breaking, Major,
        "`IsFlags` changed: comma-separated combinations start or stop being valid.";
    ENTITY_SET_ADDED: "entity-set-added", Safe, Safe, Minor,
        "A new entity set or singleton.";
    ENTITY_SET_REMOVED: "entity-set-removed", Breaking, Breaking, Major,
        "An entity set or singleton removed: its URLs fail; its area feature goes away.";
    ENTITY_SET_TYPE_CHANGED: "entity-set-type-changed", Breaking, Breaking, Major,
        "An entity set or singleton changed type.";
    OPERATION_ADDED: "operation-added", Safe, Safe, Patch,
        "A new action or function (or overload); the generated types have no operations.";
    OPERATION_REMOVED: "operation-removed", Breaking, Breaking, Patch,
        "An action or function removed: calls to it fail; the generated types have no operations.";
    PARAMETER_ADDED: "parameter-added", Safe, Breaking, Patch,
        "A parameter added: a call without it may be refused (a non-nullable parameter without a default is required, OData CSDL 4.01 §12.8).";
    PARAMETER_ADDED_NULLABLE: "parameter-added-nullable", Safe, Caution, Patch,
        "A nullable parameter added: old calls may leave it out.";
    PARAMETER_REMOVED: "parameter-removed", Safe, Breaking, Patch,
        "A parameter removed: a call that sends it may be refused.";
    PARAMETER_TYPE_CHANGED: "parameter-type-changed", Safe, Breaking, Patch,
        "A parameter's type or nullability changed.";
    RETURN_TYPE_CHANGED: "return-type-changed", Breaking, Safe, Patch,
        "An operation's return type changed: its response is read as the old type.";
    COMPOSABLE_CHANGED: "composable-changed", Safe, Caution, Patch,
        "`IsComposable` changed: URLs that continue after the function may fail.";
    CAPABILITY_CHANGED: "capability-changed", Safe, Caution, Patch,
        "A capability restriction (`Org.OData.Capabilities.V1`: insert, update, delete, filter, sort, select, expand, navigation, count, search) was added, removed or changed: a request the old model allowed may be refused, or one it refused accepted.";
    DEPRECATED: "deprecated", Safe, Safe, Patch,
        "`Org.OData.Core.V1.Revisions` marks it deprecated (with a date and a removal date): a warning, and `#[deprecated]` in the generated code.";
    DESCRIPTION_CHANGED: "description-changed", Safe, Safe, Patch,
        "Documentation only.";
}

impl fmt::Display for Wire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Wire::Safe => "safe",
            Wire::Caution => "caution",
            Wire::Breaking => "breaking",
        })
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}
