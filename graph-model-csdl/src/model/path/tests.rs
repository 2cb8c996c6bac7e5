use super::*;
use crate::model::{load_str, LoadOptions};

fn model() -> Model {
    load_str(
        "graph-seed.xml",
        include_str!("../../../../graph-model/metadata/graph-seed.xml"),
        LoadOptions { strict: true },
    )
    .unwrap()
}

fn name(m: &Model, url: &str) -> (String, bool, Option<String>) {
    let r = resolve(m, url).unwrap();
    let ty = r.structured(m).unwrap();
    let op = r.operation_in(m).map(|o| o.name.to_string());
    (m.get(ty).name.name.clone(), r.collection, op)
}

#[test]
fn resolves_the_upload_session_paths() {
    let m = model();
    let base = "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/6f4b/accessPackageResources/7b8a/uploadSessions";
    assert_eq!(
        name(&m, base),
        ("customDataProvidedResourceUploadSession".into(), true, None)
    );
    assert_eq!(
        name(&m, &format!("{base}/{{id}}")),
        (
            "customDataProvidedResourceUploadSession".into(),
            false,
            None
        )
    );
    assert!(
        !name(
            &m,
            &format!("{base}/x?$expand=files($filter=size gt 1000000;$orderby=name asc)")
        )
        .1
    );
    assert_eq!(
        name(&m, &format!("{base}/x/files")),
        ("customDataProvidedResourceFile".into(), true, None)
    );
    assert_eq!(
        name(&m, &format!("{base}/x/uploadFile")),
        (
            "customDataProvidedResourceUploadSession".into(),
            false,
            Some("microsoft.graph.uploadFile".into())
        )
    );
    assert_eq!(
        name(&m, &format!("{base}/x/microsoft.graph.uploadFile"))
            .2
            .as_deref(),
        Some("microsoft.graph.uploadFile")
    );
    assert!(
        name(
            &m,
            "/v1.0/identityGovernance/catalogs('c')/resources('r')/uploadSessions"
        )
        .1
    );
    assert_eq!(
        name(
            &m,
            "identityGovernance/catalogs/c/resources/r/microsoft.graph.customDataProvidedResource"
        )
        .0,
        "customDataProvidedResource"
    );
}

#[test]
fn resolves_context_urls() {
    let m = model();
    let c = |u: &str| {
        let r = resolve_context(&m, u).unwrap();
        (
            m.get(r.structured(&m).unwrap()).name.name.clone(),
            r.collection,
        )
    };
    let seed = "https://graph.microsoft.com/beta/$metadata#identityGovernance/catalogs('3c9f')/accessPackageResources('15ee')/uploadSessions";
    assert_eq!(
        c(seed),
        ("customDataProvidedResourceUploadSession".into(), true)
    );
    assert_eq!(
        c(&format!("{seed}/$entity")),
        ("customDataProvidedResourceUploadSession".into(), false)
    );
    assert_eq!(
        c("https://x/v1.0/$metadata#Collection(microsoft.graph.customDataProvidedResourceFile)"),
        ("customDataProvidedResourceFile".into(), true)
    );
    assert_eq!(
        c("$metadata#microsoft.graph.customDataProvidedResourceUploadStats"),
        ("customDataProvidedResourceUploadStats".into(), false)
    );
    assert_eq!(
        c("$metadata#identityGovernance/catalogs(displayName)"),
        ("accessPackageCatalog".into(), true)
    );
    assert_eq!(
        c("$metadata#identityGovernance/catalogs(3c9f2b1e-8a4d-4e7f-9d2a-6b3e1c7f5a9d)/resources"),
        ("accessPackageResource".into(), true)
    );
    assert!(resolve_context(&m, "https://graph.microsoft.com/beta/users").is_err());
}

#[test]
fn explains_what_does_not_resolve() {
    let m = model();
    assert_eq!(
        resolve(&m, "/users").unwrap_err().to_string(),
        "`users` is not an entity set, singleton or operation import of the model"
    );
    assert_eq!(
        resolve(&m, "/identityGovernance/nope").unwrap_err().to_string(),
        "`nope` is not a property, navigation property, bound operation or subtype of `microsoft.graph.identityGovernance`"
    );
    let count = resolve(&m, "/identityGovernance/catalogs/$count").unwrap();
    assert_eq!(
        (count.collection, count.special),
        (true, Some(Special::Count))
    );
    assert_eq!(
        resolve(&m, "/identityGovernance/catalogs/$count/x")
            .unwrap_err()
            .to_string(),
        "`x` follows `$count`"
    );
    // Structural properties: complex, primitive, enum.
    let base = "/identityGovernance/catalogs/c/resources/r/uploadSessions/s";
    let stats = resolve(&m, &format!("{base}/stats")).unwrap();
    assert_eq!(
        m.get(stats.structured(&m).unwrap()).name.name,
        "customDataProvidedResourceUploadStats"
    );
    let total = resolve(&m, &format!("{base}/stats/totalBytesUploaded")).unwrap();
    assert_eq!(
        total.target,
        Some(Target::Primitive(crate::model::Primitive::Int64))
    );
    assert_eq!(
        resolve(&m, &format!("{base}/stats/totalBytesUploaded/x"))
            .unwrap_err()
            .to_string(),
        "`x` follows a value of type `Edm.Int64`, which has no segments"
    );
    let refs = resolve(&m, &format!("{base}/files/$ref")).unwrap();
    assert_eq!((refs.collection, refs.special), (true, Some(Special::Ref)));
    assert!(resolve(&m, "https://graph.microsoft.com/beta").is_err());
}

#[test]
fn a_bound_operation_resolves_to_the_overload_of_the_most_derived_binding() {
    let m = load_str(
        "overloads.xml",
        r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="ns">
  <EntityType Name="base"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="derived" BaseType="ns.base"/>
  <Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(ns.base)"/><ReturnType Type="Collection(ns.base)"/></Function>
  <Function Name="delta" IsBound="true"><Parameter Name="b" Type="Collection(ns.derived)"/><ReturnType Type="Collection(ns.derived)"/></Function>
  <Action Name="reset" IsBound="true"><Parameter Name="b" Type="ns.base"/><Parameter Name="all" Type="Edm.Boolean"/></Action>
  <EntityContainer Name="c">
    <EntitySet Name="bases" EntityType="ns.base"/>
    <EntitySet Name="deriveds" EntityType="ns.derived"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#,
        LoadOptions { strict: true },
    )
    .unwrap();
    let returned = |url: &str| {
        let r = resolve(&m, url).unwrap();
        let op = r.operation_in(&m).unwrap();
        let binding = match op.binding().unwrap().target {
            Target::Named(t) => m.get(t).name.name.clone(),
            _ => unreachable!(),
        };
        (m.get(r.structured(&m).unwrap()).name.name.clone(), binding)
    };
    assert_eq!(returned("/bases/delta"), ("base".into(), "base".into()));
    assert_eq!(
        returned("/deriveds/delta"),
        ("derived".into(), "derived".into())
    );
    // Only a base has it: the derived type inherits it.
    let r = resolve(&m, "/deriveds/x/ns.reset").unwrap();
    assert_eq!(r.operation_in(&m).unwrap().name.name, "reset");
    assert_eq!(r.target, None);
}
