//! `@odata.context` URLs read against a model: the fragment after
//! `$metadata` is matched against the ABNF `context` rule, and what it names
//! is resolved by [`graph_model_csdl::model::path::resolve_context`]. A
//! context URL Graph writes outside the grammar (an unqualified type name,
//! `#Collection(chatMessage)`) is still read, with a note in
//! [`Resolved::leniency`] that says where the grammar stops matching.

use graph_model_csdl::model::path::{self, Resolved};
use graph_model_csdl::Model;

use crate::{parse_rule_with, Roles};

/// Resolves `url` (absolute or relative; any service root) to what the
/// payload it heads is, as [`path::resolve_context`] does, and checks its
/// fragment against the OData ABNF `context` rule: a fragment outside the
/// grammar adds a [`Resolved::leniency`] note with the position.
///
/// ```
/// # let model = graph_model_csdl::load_str("m.xml", r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
/// # <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph">
/// # <EntityType Name="chatMessage"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
/// # <EntityContainer Name="c"><EntitySet Name="messages" EntityType="microsoft.graph.chatMessage"/></EntityContainer>
/// # </Schema></edmx:DataServices></edmx:Edmx>"#, Default::default()).unwrap();
/// use graph_model_odata::context::resolve_context;
///
/// let exact = resolve_context(&model, "https://graph.microsoft.com/v1.0/$metadata#messages/$entity")?;
/// assert!(!exact.collection && exact.leniency.is_empty());
/// let graph = resolve_context(&model, "$metadata#Collection(chatMessage)")?;
/// assert!(graph.collection);
/// assert_eq!(graph.leniency.len(), 2); // unqualified, and so outside the grammar
/// # Ok::<(), graph_model_odata::Error>(())
/// ```
pub fn resolve_context(model: &Model, url: &str) -> Result<Resolved, crate::Error> {
    resolve_context_with(model, &Roles::from_model(model), url)
}

/// [`resolve_context`] with the model's [`Roles`] built once
/// ([`Roles::from_model`]), for many context URLs.
pub fn resolve_context_with(
    model: &Model,
    roles: &Roles,
    url: &str,
) -> Result<Resolved, crate::Error> {
    let mut r = path::resolve_context(model, url)?;
    if let Some((_, fragment)) = url.split_once("$metadata#") {
        let text = format!("#{fragment}");
        if let Some(Err(e)) = parse_rule_with("context", &text, roles) {
            r.leniency.push(format!(
                "`{text}` is outside the OData ABNF `context` rule (at character {}: {})",
                e.at, e.message
            ));
        }
    }
    Ok(r)
}
