//! The exported schema's Edm patterns accept exactly the texts the runtime's
//! parsers accept: random strings near each grammar, judged by both.

use graph_model::edm::{self, Form};
use graph_model_csdl::model::Primitive;
use graph_model_tools::schema;
use proptest::prelude::*;

fn schema_accepts(p: Primitive, value: &serde_json::Value) -> bool {
    let s = schema::primitive(p);
    jsonschema::draft202012::new(&s).unwrap().is_valid(value)
}

fn agree(p: Primitive, text: &str, parsed: bool) -> Result<(), TestCaseError> {
    let by_schema = schema_accepts(p, &serde_json::Value::String(text.to_string()));
    prop_assert_eq!(
        by_schema,
        parsed,
        "{:?} {:?}: schema {}, parser {}",
        p,
        text,
        by_schema,
        parsed
    );
    Ok(())
}

fn date_like() -> impl Strategy<Value = String> {
    // Years of four digits, of three to eleven (with and without leading
    // zeros), and before 0000.
    let year = prop_oneof![
        (0u32..10000).prop_map(|y| format!("{y:04}")),
        "-?[0-9]{3,11}",
    ];
    (year, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn time_like() -> impl Strategy<Value = String> {
    (
        0u32..26,
        0u32..62,
        proptest::option::of(0u32..62),
        "(\\.[0-9]{0,13})?",
    )
        .prop_map(|(h, m, s, f)| match s {
            Some(s) => format!("{h:02}:{m:02}:{s:02}{f}"),
            None => format!("{h:02}:{m:02}{f}"),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn dates(d in date_like(), junk in "[0-9T:Z-]{0,3}") {
        agree(Primitive::Date, &d, edm::Date::parse(&d).is_ok())?;
        let s = format!("{d}{junk}");
        agree(Primitive::Date, &s, edm::Date::parse(&s).is_ok())?;
    }

    #[test]
    fn date_times(d in date_like(), t in time_like(), sep in "[Tt ]", zone in "(Z|z|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{2}|)") {
        let s = format!("{d}{sep}{t}{zone}");
        agree(Primitive::DateTimeOffset, &s, edm::DateTimeOffset::parse(&s).is_ok())?;
    }

    #[test]
    fn times_of_day(t in time_like(), junk in "[0-9:.]{0,2}") {
        agree(Primitive::TimeOfDay, &t, edm::TimeOfDay::parse(&t).is_ok())?;
        let s = format!("{t}{junk}");
        agree(Primitive::TimeOfDay, &s, edm::TimeOfDay::parse(&s).is_ok())?;
    }

    #[test]
    fn durations(s in "-?P([0-9]{1,2}[YMWD]){0,3}(T([0-9]{1,2}(\\.[0-9])?[HMS.]){0,3})?", junk in "[-PTYMWDHS0-9.]{0,10}") {
        agree(Primitive::Duration, &s, edm::Duration::parse(&s).is_ok())?;
        agree(Primitive::Duration, &junk, edm::Duration::parse(&junk).is_ok())?;
    }

    #[test]
    fn guids(s in "[0-9a-fA-FgG]{7,9}-[0-9a-f]{3,5}-[0-9A-F]{4}-[0-9a-f]{4}-[0-9a-f]{11,13}", junk in "[0-9a-f-]{0,40}") {
        agree(Primitive::Guid, &s, edm::Guid::parse(&s).is_ok())?;
        agree(Primitive::Guid, &junk, edm::Guid::parse(&junk).is_ok())?;
    }

    #[test]
    fn binaries(s in "[A-Za-z0-9+/_-]{0,10}={0,2}", bytes in proptest::collection::vec(any::<u8>(), 0..10)) {
        agree(Primitive::Binary, &s, edm::Binary::parse(&s).is_ok())?;
        use base64::Engine as _;
        for e in [base64::engine::general_purpose::STANDARD.encode(&bytes), base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)] {
            agree(Primitive::Binary, &e, true)?;
            prop_assert!(edm::Binary::parse(&e).is_ok());
        }
    }

    #[test]
    fn integer_and_decimal_strings(s in "[+-]?[0-9]{0,21}", d in "[-+]?[0-9]{0,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,3})?") {
        agree(Primitive::Int64, &s, edm::Int64::with_form(&s, Form::String).is_ok())?;
        agree(Primitive::Decimal, &d, edm::Decimal::with_form(&d, Form::String).is_ok())?;
        // A numeric string beyond a double is the one thing a pattern cannot see.
        let beyond = d.parse::<f64>().is_ok_and(|v| v.is_infinite());
        if !beyond {
            agree(Primitive::Double, &d, edm::Double::with_form(&d, Form::String).is_ok())?;
        }
        for special in ["INF", "-INF", "NaN", "inf", "Infinity"] {
            agree(Primitive::Double, special, edm::Double::with_form(special, Form::String).is_ok())?;
        }
    }

    #[test]
    fn integer_numbers(n in any::<i64>(), wide in any::<i128>()) {
        for (p, lo, hi) in [(Primitive::Byte, 0i128, 255i128), (Primitive::SByte, -128, 127), (Primitive::Int16, -32768, 32767), (Primitive::Int32, i32::MIN as i128, i32::MAX as i128), (Primitive::Int64, i64::MIN as i128, i64::MAX as i128)] {
            for v in [n as i128, wide, lo, hi, lo - 1, hi + 1] {
                let json: serde_json::Value = serde_json::from_str(&v.to_string()).unwrap();
                // Beyond 64 bits serde_json holds a double, which may round into range:
                // a schema sees the double (an exclusion the agreement test counts).
                let rounded_in = !(i64::MIN as i128..=u64::MAX as i128).contains(&v)
                    && (v as f64) >= lo as f64 && (v as f64) <= hi as f64;
                if !rounded_in {
                    prop_assert_eq!(schema_accepts(p, &json), v >= lo && v <= hi, "{:?} {}", p, v);
                }
            }
        }
    }
}
