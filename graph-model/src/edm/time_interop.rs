//! Conversions to and from the `time` crate, for computing with values.
//! The wire text stays what round-trips; these are for arithmetic and
//! formatting in your own code.

use super::datetime::instant_and_offset;
use super::{Date, DateTimeOffset, Duration, ParseError, TimeOfDay};

fn out_of_range(type_name: &'static str, text: &str, e: impl std::fmt::Display) -> ParseError {
    ParseError {
        type_name,
        text: text.to_string(),
        reason: format!("outside what the time crate represents: {e}"),
    }
}

impl DateTimeOffset {
    /// The instant, in the offset it was written with.
    pub fn to_time(&self) -> Result<time::OffsetDateTime, ParseError> {
        let (secs, nanos, offset) =
            instant_and_offset(self.as_str()).expect("validated when constructed");
        let err = |e: &dyn std::fmt::Display| out_of_range("DateTimeOffset", self.as_str(), e);
        let utc = time::OffsetDateTime::from_unix_timestamp_nanos(
            secs as i128 * 1_000_000_000 + nanos as i128,
        )
        .map_err(|e| err(&e))?;
        let offset = time::UtcOffset::from_whole_seconds(offset).map_err(|e| err(&e))?;
        Ok(utc.to_offset(offset))
    }
}

/// A year as Edm writes it: four digits at least, `-` before a year before
/// 0000 (`-0005`).
fn edm_year(y: i32) -> String {
    let sign = if y < 0 { "-" } else { "" };
    format!("{sign}{:04}", y.unsigned_abs())
}

/// Writes `2024-03-06T01:35:12.1234567Z` (fraction only as long as needed,
/// `Z` for UTC, `+hh:mm` otherwise). Fails for what Edm cannot write: an
/// offset with a seconds part.
impl TryFrom<time::OffsetDateTime> for DateTimeOffset {
    type Error = ParseError;

    fn try_from(t: time::OffsetDateTime) -> Result<Self, ParseError> {
        if t.offset().seconds_past_minute() != 0 {
            return Err(out_of_range(
                "DateTimeOffset",
                &t.to_string(),
                "an offset with seconds",
            ));
        }
        let mut text = format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}",
            edm_year(t.year()),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        if t.nanosecond() != 0 {
            let frac = format!("{:09}", t.nanosecond());
            text.push('.');
            text.push_str(frac.trim_end_matches('0'));
        }
        let off = t.offset().whole_seconds();
        if off == 0 {
            text.push('Z');
        } else {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.abs();
            text.push_str(&format!("{sign}{:02}:{:02}", off / 3600, off % 3600 / 60));
        }
        DateTimeOffset::parse(&text)
    }
}

impl Date {
    /// The calendar date.
    pub fn to_time(&self) -> Result<time::Date, ParseError> {
        let t = self.as_str();
        // The year is all before the `-` that follows its digits.
        let dash = 1 + t[1..].find('-').expect("validated");
        let (y, m, d) = (&t[..dash], &t[dash + 1..dash + 3], &t[dash + 4..dash + 6]);
        let month = time::Month::try_from(m.parse::<u8>().expect("validated"))
            .map_err(|e| out_of_range("Date", t, e))?;
        time::Date::from_calendar_date(
            y.parse().expect("validated"),
            month,
            d.parse().expect("validated"),
        )
        .map_err(|e| out_of_range("Date", t, e))
    }
}

/// Writes `2024-03-06` (`-0005-03-01` before year 0000).
impl TryFrom<time::Date> for Date {
    type Error = ParseError;

    fn try_from(d: time::Date) -> Result<Self, ParseError> {
        Date::parse(&format!(
            "{}-{:02}-{:02}",
            edm_year(d.year()),
            u8::from(d.month()),
            d.day()
        ))
    }
}

impl TimeOfDay {
    /// The time of day (fractions beyond nanoseconds are dropped).
    pub fn to_time(&self) -> Result<time::Time, ParseError> {
        let t = self.as_str();
        let num =
            |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u8>().ok()).unwrap_or(0);
        let nanos = t
            .get(9..)
            .map(|f| {
                let f = &f[..f.len().min(9)];
                f.parse::<u32>().unwrap_or(0) * 10u32.pow(9 - f.len() as u32)
            })
            .unwrap_or(0);
        time::Time::from_hms_nano(num(0..2), num(3..5), num(6..8), nanos)
            .map_err(|e| out_of_range("TimeOfDay", t, e))
    }
}

impl Duration {
    /// The duration (`P1DT2H3M4.5S`) as a `std::time::Duration`; `None`
    /// when it is negative or beyond one.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let t = self.as_str().strip_prefix('P')?;
        let (days, time) = match t.split_once('T') {
            Some((d, t)) => (d, t),
            None => (t, ""),
        };
        let mut secs = 0f64;
        let mut read = |part: &str, units: &[(char, f64)]| -> Option<()> {
            let mut num = String::new();
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' {
                    num.push(c);
                    continue;
                }
                let (_, scale) = units.iter().find(|(u, _)| *u == c)?;
                secs += num.parse::<f64>().ok()? * scale;
                num.clear();
            }
            Some(())
        };
        read(days, &[('D', 86_400.0)])?;
        read(time, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)])?;
        std::time::Duration::try_from_secs_f64(secs).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_offset_to_and_from_time() {
        let d = DateTimeOffset::parse("2026-03-24T22:34:57.1713709+01:00").unwrap();
        let t = d.to_time().unwrap();
        assert_eq!(
            (t.hour(), t.nanosecond(), t.offset().whole_hours()),
            (22, 171_370_900, 1)
        );
        assert_eq!(
            DateTimeOffset::try_from(t).unwrap().as_str(),
            "2026-03-24T22:34:57.1713709+01:00"
        );
        let utc = DateTimeOffset::parse("2024-03-06T01:35:12Z")
            .unwrap()
            .to_time()
            .unwrap();
        assert_eq!(
            DateTimeOffset::try_from(utc).unwrap().as_str(),
            "2024-03-06T01:35:12Z"
        );
    }

    #[test]
    fn what_edm_cannot_write_is_an_error_and_years_before_0000_are_not() {
        use time::macros::{date, datetime};
        assert!(DateTimeOffset::try_from(datetime!(2024-01-01 0:00 +01:00:30)).is_err());
        // Years before 0000 are Edm's too (`year = [ "-" ] …`), both ways.
        let before = DateTimeOffset::try_from(datetime!(-0001-01-01 0:00 UTC)).unwrap();
        assert_eq!(before.as_str(), "-0001-01-01T00:00:00Z");
        assert_eq!(before.to_time().unwrap(), datetime!(-0001-01-01 0:00 UTC));
        let d = Date::try_from(date!(-0005 - 03 - 01)).unwrap();
        assert_eq!(d.as_str(), "-0005-03-01");
        assert_eq!(d.to_time().unwrap(), date!(-0005 - 03 - 01));
        // Beyond what `time` holds (±9999 without its large-dates feature).
        assert!(Date::parse("12345-01-01").unwrap().to_time().is_err());
        assert_eq!(
            DateTimeOffset::try_from(datetime!(2024-01-01 0:00 -05:30))
                .unwrap()
                .as_str(),
            "2024-01-01T00:00:00-05:30"
        );
    }

    #[test]
    fn date_time_of_day_and_duration() {
        let d = Date::parse("2024-02-29").unwrap().to_time().unwrap();
        assert_eq!(d.ordinal(), 60);
        assert_eq!(Date::try_from(d).unwrap().as_str(), "2024-02-29");
        let t = TimeOfDay::parse("13:45:00.5").unwrap().to_time().unwrap();
        assert_eq!((t.hour(), t.minute(), t.millisecond()), (13, 45, 500));
        assert_eq!(
            Duration::parse("P1DT2H3M4.5S").unwrap().to_std(),
            Some(std::time::Duration::from_secs_f64(93_784.5))
        );
        assert!(
            Duration::parse("P1M").is_err(),
            "months (no fixed length) are not an Edm.Duration"
        );
        assert_eq!(Duration::parse("-PT1S").unwrap().to_std(), None);
        assert_eq!(
            Duration::parse("P99999999999999999999999D")
                .unwrap()
                .to_std(),
            None,
            "too long, not a panic"
        );
    }
}
