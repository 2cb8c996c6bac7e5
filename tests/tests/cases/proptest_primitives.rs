//! Property tests for the exact Edm primitives and for the CSDL reader on
//! arbitrary input.

use graph_model::edm::{Date, DateTimeOffset, Decimal, Double, Duration, Guid, Int64, TimeOfDay};
use proptest::prelude::*;

fn round_trips<T: serde::Serialize + serde::de::DeserializeOwned>(
    json: &str,
) -> Result<(), TestCaseError> {
    let v: T =
        serde_json::from_str(json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
    prop_assert_eq!(serde_json::to_string(&v).unwrap(), json);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn date_times_keep_their_text_and_order_by_instant(
        y in 1u32..9999, mo in 1u32..=12, d in 1u32..=28, h in 0u32..24, mi in 0u32..60, s in 0u32..60,
        frac in "[0-9]{0,7}", off in -14i32*60..=14*60,
    ) {
        let zone = if off == 0 { "Z".to_string() } else { format!("{}{:02}:{:02}", if off < 0 { '-' } else { '+' }, off.abs() / 60, off.abs() % 60) };
        let f = if frac.is_empty() { String::new() } else { format!(".{frac}") };
        let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{f}{zone}");
        round_trips::<DateTimeOffset>(&format!("\"{text}\""))?;
        let a = DateTimeOffset::parse(&text).unwrap();
        // The same instant written in UTC compares equal by instant.
        let (secs, nanos) = a.unix();
        prop_assert!(nanos < 1_000_000_000);
        let utc = a.to_time().unwrap().to_offset(time::UtcOffset::UTC);
        prop_assert_eq!(utc.unix_timestamp(), secs);
        prop_assert_eq!(DateTimeOffset::try_from(utc).unwrap().cmp_instant(&a), std::cmp::Ordering::Equal);
        round_trips::<Date>(&format!("\"{y:04}-{mo:02}-{d:02}\""))?;
        round_trips::<TimeOfDay>(&format!("\"{h:02}:{mi:02}:{s:02}{f}\""))?;
    }

    #[test]
    fn numbers_keep_their_exact_text(i in any::<i64>(), int in "-?(0|[1-9][0-9]{0,30})", frac in "[0-9]{1,30}", quoted in any::<bool>()) {
        let q = |t: String| if quoted { format!("\"{t}\"") } else { t };
        round_trips::<Int64>(&q(i.to_string()))?;
        round_trips::<Decimal>(&q(format!("{int}.{frac}")))?;
        // A double comes back as the same value (its text is kept while held).
        let json = q(format!("{int}.{frac}"));
        let d: Double = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(d.as_str(), json.trim_matches('"'));
        let back: Double = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        prop_assert_eq!(back.get(), d.get());
        let dec = Decimal::parse(&format!("{int}.{frac}")).unwrap();
        let (p, s) = dec.precision_and_scale();
        prop_assert!(s <= p);
        prop_assert_eq!(s as usize, frac.trim_end_matches('0').len());
    }

    #[test]
    fn guids_and_durations(g in "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", d in 0u32..400, h in 0u32..24, s in 0u32..60) {
        round_trips::<Guid>(&format!("\"{g}\""))?;
        let text = format!("P{d}DT{h}H{s}S");
        round_trips::<Duration>(&format!("\"{text}\""))?;
        let secs = Duration::parse(&text).unwrap().to_std().unwrap().as_secs();
        prop_assert_eq!(secs, d as u64 * 86_400 + h as u64 * 3_600 + s as u64);
    }

    /// Whatever the bytes, the CSDL reader answers with a model or
    /// diagnostics that name a place, never a panic.
    #[test]
    fn csdl_reader_never_panics(text in "(<[A-Za-z:]{1,8}( [A-Za-z]{1,6}=\"[^\"<&]{0,8}\")*/?>|</[A-Za-z:]{1,8}>|[a-z ]{0,5}|&amp;|<!--x-->){0,30}") {
        if let Err(diags) = graph_model_csdl::load_str("fuzz.xml", &text, Default::default()) {
            prop_assert!(diags.iter().all(|d| d.span.is_some()), "{}", diags);
        }
    }
}
