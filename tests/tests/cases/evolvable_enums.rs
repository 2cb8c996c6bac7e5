//! Graph's evolvable-enum pattern (api-guidelines, `graph/patterns/
//! evolvable-enums.md`) in the query layer: its filter table row by row,
//! with and without `Prefer: include-unknown-enum-members`, and its sort
//! and filter examples. The model is the guideline's own (`exampleEnum`,
//! `managedDeviceArchitecture`). Where the guideline's example responses
//! contradict its own rule (they list `arm64` before `x64` when sorting by
//! numeric value, and keep `x64` for `gt x64`), the rule is followed.

use graph_model_csdl::{load_str, Model};
use graph_model_odata::query::{self, bind, eval, Dialect, Restrictions};
use serde_json::{json, Value};

const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
  <EnumType Name="exampleEnum">
    <Member Name="default" Value="0"/><Member Name="one" Value="1"/>
    <Member Name="unknownFutureValue" Value="2"/><Member Name="newValue" Value="3"/>
  </EnumType>
  <EntityType Name="example"><Key><PropertyRef Name="id"/></Key>
    <Property Name="id" Type="Edm.String" Nullable="false"/>
    <Property Name="enumProperty" Type="graph.exampleEnum"/>
  </EntityType>
  <EnumType Name="managedDeviceArchitecture">
    <Member Name="unknown" Value="0"/><Member Name="x86" Value="1"/><Member Name="x64" Value="2"/>
    <Member Name="arm" Value="3"/><Member Name="arm64" Value="4"/>
    <Member Name="unknownFutureValue" Value="5"/><Member Name="quantum" Value="6"/>
  </EnumType>
  <EntityType Name="managedDevice"><Key><PropertyRef Name="id"/></Key>
    <Property Name="id" Type="Edm.String" Nullable="false"/>
    <Property Name="displayName" Type="Edm.String"/>
    <Property Name="processorArchitecture" Type="graph.managedDeviceArchitecture"/>
  </EntityType>
  <EntityContainer Name="GraphService">
    <EntitySet Name="examples" EntityType="graph.example"/>
    <EntitySet Name="managedDevices" EntityType="graph.managedDevice"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;

fn model() -> Model {
    load_str("guideline.xml", CSDL, Default::default()).unwrap()
}

/// `GET /examples?$filter=…`: the ids and values returned, or the binder's
/// refusal (Graph's `400 Bad Request`).
fn examples(filter: &str, prefer: bool) -> Result<Vec<(String, String)>, String> {
    let m = model();
    let data = json!({"value": [
        {"id": "d", "enumProperty": "default"},
        {"id": "o", "enumProperty": "one"},
        {"id": "n", "enumProperty": "newValue"},
    ]});
    run(
        &m,
        "microsoft.graph.example",
        &format!("$filter={filter}"),
        prefer,
        &data,
        "enumProperty",
    )
}

fn run(
    m: &Model,
    ty: &str,
    q: &str,
    prefer: bool,
    data: &Value,
    prop: &str,
) -> Result<Vec<(String, String)>, String> {
    let parsed = query::parse(q, Dialect::graph()).map_err(|e| e.message)?;
    let r = Restrictions::new().include_unknown_enum_members(prefer);
    let bound =
        bind(m, m.lookup(ty).unwrap(), true, parsed, &r).map_err(|e| e[0].message.clone())?;
    let out = eval(&bound, data).map_err(|e| e.message)?;
    Ok(out["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v[prop].as_str().unwrap().to_string(),
            )
        })
        .collect())
}

fn rows(pairs: &[(&str, &str)]) -> Result<Vec<(String, String)>, String> {
    Ok(pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect())
}

#[test]
fn eq_unknown_future_value_without_the_preference_returns_the_evolvable_values_as_the_sentinel() {
    assert_eq!(
        examples("enumProperty eq 'unknownFutureValue'", false),
        rows(&[("n", "unknownFutureValue")])
    );
}

#[test]
fn eq_unknown_future_value_with_the_preference_returns_nothing() {
    assert_eq!(
        examples("enumProperty eq 'unknownFutureValue'", true),
        rows(&[])
    );
}

#[test]
fn gt_unknown_future_value_without_the_preference_returns_the_evolvable_values_as_the_sentinel() {
    assert_eq!(
        examples("enumProperty gt 'unknownFutureValue'", false),
        rows(&[("n", "unknownFutureValue")])
    );
}

#[test]
fn gt_unknown_future_value_with_the_preference_returns_the_evolvable_values() {
    assert_eq!(
        examples("enumProperty gt 'unknownFutureValue'", true),
        rows(&[("n", "newValue")])
    );
}

#[test]
fn lt_unknown_future_value_returns_the_known_values_either_way() {
    for prefer in [false, true] {
        assert_eq!(
            examples("enumProperty lt 'unknownFutureValue'", prefer),
            rows(&[("d", "default"), ("o", "one")])
        );
    }
}

#[test]
fn eq_gt_lt_new_value_without_the_preference_are_refused() {
    for op in ["eq", "gt", "lt"] {
        let err = examples(&format!("enumProperty {op} 'newValue'"), false).unwrap_err();
        assert!(
            err.contains("`newValue` of `microsoft.graph.exampleEnum` is evolvable"),
            "{op}: {err}"
        );
        // As an enum literal too.
        let err = examples(
            &format!("enumProperty {op} microsoft.graph.exampleEnum'newValue'"),
            false,
        );
        assert!(err.is_err(), "{op}");
    }
}

#[test]
fn eq_gt_lt_new_value_with_the_preference_compare_by_value() {
    assert_eq!(
        examples("enumProperty eq 'newValue'", true),
        rows(&[("n", "newValue")])
    );
    assert_eq!(examples("enumProperty gt 'newValue'", true), rows(&[]));
    assert_eq!(
        examples("enumProperty lt 'newValue'", true),
        rows(&[("d", "default"), ("o", "one")])
    );
}

fn devices(q: &str, prefer: bool) -> Result<Vec<(String, String)>, String> {
    let data = json!({"value": [
        {"id": "0", "displayName": "Surface Pro X", "processorArchitecture": "arm64"},
        {"id": "1", "displayName": "Prototype", "processorArchitecture": "quantum"},
        {"id": "2", "displayName": "My Laptop", "processorArchitecture": "x64"},
    ]});
    run(
        &model(),
        "microsoft.graph.managedDevice",
        q,
        prefer,
        &data,
        "processorArchitecture",
    )
}

#[test]
fn default_behavior_replaces_the_new_member() {
    assert_eq!(
        devices("$select=id,displayName,processorArchitecture", false),
        rows(&[("0", "arm64"), ("1", "unknownFutureValue"), ("2", "x64")])
    );
    assert_eq!(
        devices("$select=id,displayName,processorArchitecture", true),
        rows(&[("0", "arm64"), ("1", "quantum"), ("2", "x64")])
    );
}

#[test]
fn sort_orders_by_numeric_value_then_replaces() {
    assert_eq!(
        devices("$orderby=processorArchitecture", false),
        rows(&[("2", "x64"), ("0", "arm64"), ("1", "unknownFutureValue")])
    );
    assert_eq!(
        devices("$orderby=processorArchitecture", true),
        rows(&[("2", "x64"), ("0", "arm64"), ("1", "quantum")])
    );
    assert_eq!(
        devices("$orderby=processorArchitecture desc", false),
        rows(&[("1", "unknownFutureValue"), ("0", "arm64"), ("2", "x64")])
    );
}

#[test]
fn filter_gt_a_known_member_compares_by_value_then_replaces() {
    assert_eq!(
        devices("$filter=processorArchitecture gt 'x64'", false),
        rows(&[("0", "arm64"), ("1", "unknownFutureValue")])
    );
    assert_eq!(
        devices("$filter=processorArchitecture gt 'x64'", true),
        rows(&[("0", "arm64"), ("1", "quantum")])
    );
}
