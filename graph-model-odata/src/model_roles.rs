//! [`Roles`] from a CSDL model: every name the model declares, by the
//! grammar rule it can stand for. Names are collected over the whole model
//! (a property name counts for every type), which is what the grammar
//! needs to choose between its alternatives; whether a name exists on the
//! type a path has reached is a question for binding, not syntax.

use graph_model_csdl::csdl::raw::{OperationKind, StructuredKind};
use graph_model_csdl::model::{Model, Primitive, Target, TypeId, TypeKind, TypeRef};

use super::Roles;

/// What a type reference is, as the grammar sorts names.
enum Shape {
    Entity,
    Complex,
    Primitive,
    Stream,
}

fn shape(model: &Model, ty: &TypeRef) -> Shape {
    match &ty.target {
        Target::Primitive(Primitive::Stream) => Shape::Stream,
        Target::Named(id) => match &model.get(*id).kind {
            TypeKind::Structured(s) if s.kind == StructuredKind::Entity => Shape::Entity,
            TypeKind::Structured(_) => Shape::Complex,
            _ => Shape::Primitive,
        },
        _ => Shape::Primitive,
    }
}

impl Roles {
    /// The names of `model` by role, in a closed world ([`Roles::closed`]):
    /// entity sets, singletons, imports, type names by kind, namespace
    /// parts and aliases, properties by shape (key, primitive, collection,
    /// complex, stream), navigation properties, bound functions by return
    /// shape, actions, parameters.
    pub fn from_model(model: &Model) -> Self {
        let mut r = Self::closed();
        for ns in &model.namespaces {
            r.allow("namespacePart", ns.name.split('.'));
            r.allow("namespacePart", ns.alias.iter().cloned());
        }
        for id in model.ids() {
            type_names(&mut r, model, id);
        }
        for c in &model.containers {
            for set in &c.entity_sets {
                let rule = if set.singleton {
                    "singletonEntity"
                } else {
                    "entitySetName"
                };
                r.allow(rule, [set.name.clone()]);
            }
            let last = |q: &String| q.rsplit('.').next().unwrap_or(q).to_string();
            r.allow("actionImport", c.action_imports.iter().map(last));
            for f in &c.function_imports {
                let rule = model
                    .operations
                    .iter()
                    .find(|o| !o.is_bound && o.name.to_string() == *f)
                    .and_then(|o| o.return_type.as_ref())
                    .map_or("primitiveFunctionImport", |(ty, _)| {
                        function_rule(model, ty, true)
                    });
                r.allow(rule, [last(f)]);
            }
        }
        for op in &model.operations {
            let rule = match (op.kind, &op.return_type) {
                (OperationKind::Action, _) => "action",
                (_, Some((ty, _))) => function_rule(model, ty, false),
                (_, None) => "primitiveFunction",
            };
            r.allow(rule, [op.name.name.clone()]);
            let skip = usize::from(op.is_bound);
            r.allow(
                "parameterName",
                op.parameters.iter().skip(skip).map(|p| p.name.clone()),
            );
        }
        r
    }
}

fn type_names(r: &mut Roles, model: &Model, id: TypeId) {
    let def = model.get(id);
    let name = def.name.name.clone();
    match &def.kind {
        TypeKind::Enum(_) => {
            r.allow("enumerationTypeName", [name]);
        }
        TypeKind::Definition(_) => {
            r.allow("typeDefinitionName", [name]);
        }
        TypeKind::Structured(s) => {
            let rule = if s.kind == StructuredKind::Entity {
                "entityTypeName"
            } else {
                "complexTypeName"
            };
            r.allow(rule, [name]);
            for p in &s.properties {
                let rule = match (shape(model, &p.ty), p.ty.collection) {
                    (Shape::Stream, _) => "streamProperty",
                    (Shape::Complex | Shape::Entity, false) => "complexProperty",
                    (Shape::Complex | Shape::Entity, true) => "complexColProperty",
                    (Shape::Primitive, true) => "primitiveColProperty",
                    (Shape::Primitive, false) if s.key.contains(&p.name) => "primitiveKeyProperty",
                    (Shape::Primitive, false) => "primitiveNonKeyProperty",
                };
                r.allow(rule, [p.name.clone()]);
            }
            for n in &s.navigation {
                let rule = if n.ty.collection {
                    "entityColNavigationProperty"
                } else {
                    "entityNavigationProperty"
                };
                r.allow(rule, [n.name.clone()]);
            }
        }
    }
}

/// The function rule for a return type (`…FunctionImport` for imports).
fn function_rule(model: &Model, ty: &TypeRef, import: bool) -> &'static str {
    let col = ty.collection;
    match (shape(model, ty), col, import) {
        (Shape::Entity, false, false) => "entityFunction",
        (Shape::Entity, true, false) => "entityColFunction",
        (Shape::Complex, false, false) => "complexFunction",
        (Shape::Complex, true, false) => "complexColFunction",
        (_, false, false) => "primitiveFunction",
        (_, true, false) => "primitiveColFunction",
        (Shape::Entity, false, true) => "entityFunctionImport",
        (Shape::Entity, true, true) => "entityColFunctionImport",
        (Shape::Complex, false, true) => "complexFunctionImport",
        (Shape::Complex, true, true) => "complexColFunctionImport",
        (_, false, true) => "primitiveFunctionImport",
        (_, true, true) => "primitiveColFunctionImport",
    }
}
