//! Annotation expressions in every form, attached to their targets.

use graph_model_csdl::csdl::raw::{Expr, Scale};
use graph_model_csdl::model::{Deprecation, Documentation};
use graph_model_csdl::{load_file, LoadOptions};
use graph_model_tests::fixture;

#[test]
fn annotations_are_parsed_and_attached() {
    let m = load_file(
        fixture("csdl/annotations.xml"),
        LoadOptions { strict: true },
    )
    .unwrap();
    assert!(m.diagnostics.is_empty(), "{}", m.diagnostics);
    let thing = m.lookup("a.thing").unwrap();
    let def = m.get(thing);
    let doc = Documentation::of(&def.annotations);
    assert_eq!(doc.description.as_deref(), Some("A thing."));
    assert_eq!(doc.long_description.as_deref(), Some("A longer text."));
    let dep = Deprecation::of(&def.annotations).unwrap();
    assert_eq!(dep.note(), "use other; deprecated since 2025-01-01");

    let value = |term: &str| def.annotations.iter().find(|a| a.term == term).unwrap();
    assert_eq!(
        value("Custom.Flag").value,
        Some(Expr::Constant {
            kind: "Bool".into(),
            text: "true".into()
        })
    );
    assert_eq!(
        value("Custom.Count").value,
        Some(Expr::Constant {
            kind: "Int".into(),
            text: "42".into()
        })
    );
    let pick = value("Custom.Pick");
    assert_eq!(pick.qualifier.as_deref(), Some("v2"));
    assert_eq!(
        pick.value,
        Some(Expr::Constant {
            kind: "EnumMember".into(),
            text: "Custom.Kind/Fast Custom.Kind/Safe".into()
        })
    );
    assert_eq!(
        value("Custom.Where").value,
        Some(Expr::Path {
            kind: "Path".into(),
            path: "id".into()
        })
    );
    assert!(
        matches!(&value("Custom.Apply").value, Some(Expr::Other { name, .. }) if name == "Apply")
    );

    let props = m.properties(thing);
    assert_eq!(
        Documentation::of(&props[0].property.annotations)
            .description
            .as_deref(),
        Some("Identifier, element form")
    );
    let size = props[1].property;
    assert_eq!(size.facets.precision, Some(10));
    assert_eq!(size.facets.scale, Some(Scale::Variable));
    assert_eq!(
        size.annotations[0].qualifier.as_deref(),
        Some("q"),
        "the block's qualifier applies"
    );
    assert_eq!(
        Documentation::of(&size.annotations).description.as_deref(),
        Some("External, on a property.")
    );

    let color = m
        .get(m.lookup("ann.test.color").unwrap())
        .as_enum()
        .unwrap();
    assert_eq!(
        Documentation::of(&color.members[1].annotations)
            .description
            .as_deref(),
        Some("External, on an enum member.")
    );

    // Capability annotations on the container are kept as data.
    let set = &m.containers[0].entity_sets[0];
    let insert = &set.annotations[0];
    let record = insert.value.as_ref().unwrap();
    assert_eq!(
        record.record_property("Insertable"),
        Some(&Expr::Constant {
            kind: "Bool".into(),
            text: "false".into()
        })
    );
    assert_eq!(
        record.record_property("RequiredProperties"),
        Some(&Expr::Collection(vec![Expr::Path {
            kind: "PropertyPath".into(),
            path: "id".into()
        }]))
    );
    let (target, delete) = &m.other_annotations[0];
    assert_eq!(target, "ann.test.svc/things");
    assert_eq!(delete.term, "Org.OData.Capabilities.V1.DeleteRestrictions");
}
