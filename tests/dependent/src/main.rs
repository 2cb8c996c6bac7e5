//! serde_json in a program that depends on graph-model: numbers through
//! serde's buffered content (untagged and internally tagged enums,
//! `flatten`) and `serde_json::Map` key order behave as they do without it.
//! Exits non-zero, naming the check, when one does not.

use serde::Deserialize;

#[derive(Deserialize, Debug, PartialEq)]
#[serde(untagged)]
enum Amount {
    Num(f64),
    Text(String),
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(tag = "kind")]
enum Tagged {
    Price { value: f64, count: u64 },
}

#[derive(Deserialize, Debug, PartialEq)]
struct Outer {
    id: u32,
    #[serde(flatten)]
    rest: Inner,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Inner {
    ratio: f64,
    big: i64,
}

fn main() {
    let mut failed = Vec::new();
    let mut check = |name: &str, ok: bool, got: String| {
        println!("{name}: {got}");
        if !ok {
            failed.push(name.to_string());
        }
    };

    let a = serde_json::from_str::<Amount>("1.5");
    check("untagged", matches!(a, Ok(Amount::Num(n)) if n == 1.5), format!("{a:?}"));

    let t = serde_json::from_str::<Tagged>(r#"{"kind": "Price", "value": 2.25, "count": 3}"#);
    check(
        "internally tagged",
        t.as_ref().ok() == Some(&Tagged::Price { value: 2.25, count: 3 }),
        format!("{t:?}"),
    );

    let f = serde_json::from_str::<Outer>(r#"{"id": 1, "ratio": 0.5, "big": 9007199254740993}"#);
    check(
        "flatten",
        f.as_ref().ok() == Some(&Outer { id: 1, rest: Inner { ratio: 0.5, big: 9007199254740993 } }),
        format!("{f:?}"),
    );

    let mut m = serde_json::Map::new();
    m.insert("zebra".into(), 1.into());
    m.insert("apple".into(), 2.into());
    let keys: Vec<&String> = m.keys().collect();
    check("Map key order (sorted, as without preserve_order)", keys == ["apple", "zebra"], format!("{keys:?}"));

    let v: serde_json::Value = serde_json::from_str("1.50").unwrap();
    check("Value number text (1.50 reads as the double 1.5)", v.to_string() == "1.5", v.to_string());

    // graph-model itself is still exact in this program.
    let d: graph_model::edm::Decimal = serde_json::from_str("1.50").unwrap();
    let i: graph_model::edm::Int64 = serde_json::from_str("9007199254740993").unwrap();
    check(
        "graph-model exactness",
        serde_json::to_string(&d).unwrap() == "1.50" && serde_json::to_string(&i).unwrap() == "9007199254740993",
        format!("{d} {i}"),
    );

    if !failed.is_empty() {
        eprintln!("failed: {failed:?}");
        std::process::exit(1);
    }
}
