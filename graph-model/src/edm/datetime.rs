//! `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay`.

use std::cmp::Ordering;

use super::{digits, expect, text_primitive};

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// The most digits of a year this reader takes: the ABNF sets no limit,
/// but an instant of a year of 9 digits still fits the `i64` seconds that
/// order and compare values (10^9 years ≈ 3.2 × 10^16 s).
pub(crate) const YEAR_DIGITS: usize = 9;

/// `year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )`: four digits, more
/// only without a leading zero, up to [`YEAR_DIGITS`].
fn year(b: &[u8], pos: &mut usize) -> Result<i64, &'static str> {
    let negative = b.get(*pos) == Some(&b'-');
    if negative {
        *pos += 1;
    }
    let start = *pos;
    let n = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = if b.get(start) == Some(&b'0') {
        n.min(4)
    } else {
        n
    };
    if n < 4 {
        return Err("a year needs four digits");
    }
    if n > YEAR_DIGITS {
        return Err("a year of more than nine digits is beyond this reader");
    }
    *pos += n;
    let y = b[start..start + n]
        .iter()
        .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'));
    Ok(if negative { -y } else { y })
}

/// `YYYY-MM-DD` (the year as [`year`] reads it); returns (year, month, day).
fn date_part(b: &[u8], pos: &mut usize) -> Result<(i64, u32, u32), &'static str> {
    let y = year(b, pos)?;
    expect(b, pos, b'-')?;
    let m = digits(b, pos, 2)?;
    expect(b, pos, b'-')?;
    let d = digits(b, pos, 2)?;
    if !(1..=12).contains(&m) {
        return Err("month out of range");
    }
    if d == 0 || d > days_in_month(y, m) {
        return Err("day out of range for the month");
    }
    Ok((y, m, d))
}

/// `HH:MM[:SS[.fffffff]]` (`SS` up to 60, a leap second); returns
/// (seconds of day, nanoseconds).
fn time_part(
    b: &[u8],
    pos: &mut usize,
    seconds_required: bool,
) -> Result<(u32, u32), &'static str> {
    let h = digits(b, pos, 2)?;
    expect(b, pos, b':')?;
    let mi = digits(b, pos, 2)?;
    let mut s = 0;
    let mut nanos = 0;
    if b.get(*pos) == Some(&b':') || seconds_required {
        expect(b, pos, b':')?;
        s = digits(b, pos, 2)?;
        if b.get(*pos) == Some(&b'.') {
            *pos += 1;
            let start = *pos;
            while b.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            let n = *pos - start;
            if n == 0 || n > 12 {
                return Err("fractional seconds need 1 to 12 digits");
            }
            let frac = &b[start..start + n.min(9)];
            nanos = frac.iter().fold(0u32, |a, d| a * 10 + (d - b'0') as u32)
                * 10u32.pow(9 - n.min(9) as u32);
        }
    }
    // `second = zeroToFiftyNine / "60" ; for leap seconds`.
    if h > 23 || mi > 59 || s > 60 {
        return Err("time out of range");
    }
    Ok((h * 3600 + mi * 60 + s, nanos))
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = y - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses a DateTimeOffset into (unix seconds, nanoseconds).
fn instant(text: &str) -> Result<(i64, u32), &'static str> {
    instant_and_offset(text).map(|(secs, nanos, _)| (secs, nanos))
}

/// Checks a DateTimeOffset: the common layout (with seconds) in one
/// straight pass over fixed places, anything else — no seconds, or an
/// error to explain — by [`instant_and_offset`], which accepts exactly the
/// same texts.
#[inline]
fn date_time_offset(text: &str) -> Result<(), &'static str> {
    if common_layout(text.as_bytes()) {
        return Ok(());
    }
    instant_and_offset(text).map(|_| ())
}

/// `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)` with every field in range: whether
/// `b` is a valid DateTimeOffset written this way (a `false` says nothing).
/// One pass over fixed places, without bounds checks past the first 19
/// bytes: this runs for every DateTimeOffset read.
fn common_layout(b: &[u8]) -> bool {
    /// Where the digits of `YYYY-MM-DDTHH:MM:SS` are.
    const DIGITS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    let Some((head, rest)) = b.split_first_chunk::<19>() else {
        return false;
    };
    let digit = |i: usize| head[i].wrapping_sub(b'0');
    let not_digits = DIGITS.iter().fold(false, |bad, &i| bad | (digit(i) > 9));
    let layout = head[4] == b'-'
        && head[7] == b'-'
        && matches!(head[10], b'T' | b't')
        && head[13] == b':'
        && head[16] == b':';
    if not_digits || !layout {
        return false;
    }
    let two = |i: usize| u32::from(digit(i)) * 10 + u32::from(digit(i + 1));
    let (month, day) = (two(5), two(8));
    let in_range = (1..=12).contains(&month)
        && day >= 1
        && (day <= 28 || day <= days_in_month(i64::from(two(0) * 100 + two(2)), month))
        && two(11) <= 23
        && two(14) <= 59
        && two(17) <= 60;
    if !in_range {
        return false;
    }
    let rest = match rest {
        [b'.', fraction @ ..] => {
            let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=12).contains(&digits) {
                return false;
            }
            &fraction[digits..]
        }
        _ => rest,
    };
    let two_digits = |h: u8, l: u8| {
        let (h, l) = (h.wrapping_sub(b'0'), l.wrapping_sub(b'0'));
        (h <= 9 && l <= 9).then(|| u32::from(h) * 10 + u32::from(l))
    };
    match rest {
        [b'Z' | b'z'] => true,
        &[b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((two_digits(h1, h2), two_digits(m1, m2)), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// Unix seconds, nanoseconds, and the offset from UTC in seconds.
pub(super) fn instant_and_offset(text: &str) -> Result<(i64, u32, i32), &'static str> {
    let b = text.as_bytes();
    let mut pos = 0;
    let (y, m, d) = date_part(b, &mut pos)?;
    if !matches!(b.get(pos), Some(b'T') | Some(b't')) {
        return Err("expected `T` between date and time");
    }
    pos += 1;
    let (secs, nanos) = time_part(b, &mut pos, false)?;
    let offset: i64 = match b.get(pos) {
        Some(b'Z') | Some(b'z') => {
            pos += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            pos += 1;
            let oh = digits(b, &mut pos, 2)? as i64;
            expect(b, &mut pos, b':')?;
            let om = digits(b, &mut pos, 2)? as i64;
            if oh > 23 || om > 59 {
                return Err("offset out of range");
            }
            let o = oh * 3600 + om * 60;
            if sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return Err("expected `Z` or an offset like `+01:00`"),
    };
    if pos != b.len() {
        return Err("unexpected text after the offset");
    }
    Ok((
        days_from_civil(y, m, d) * 86_400 + secs as i64 - offset,
        nanos,
        offset as i32,
    ))
}

text_primitive!(
    /// `Edm.DateTimeOffset`: `2024-03-06T01:35:12.1234567Z`. Keeps the exact
    /// text (fraction digits, `Z` or offset); compares and orders by instant.
    DateTimeOffset,
    "DateTimeOffset",
    date_time_offset
);

impl DateTimeOffset {
    /// Seconds since the Unix epoch and the nanosecond part.
    pub fn unix(&self) -> (i64, u32) {
        instant(self.as_str()).expect("validated when constructed")
    }

    /// Compares instants (`2024-01-01T01:00:00+01:00` equals `2024-01-01T00:00:00Z`).
    pub fn cmp_instant(&self, other: &Self) -> Ordering {
        self.unix().cmp(&other.unix())
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    /// By instant, then by text so that the order is total and agrees with `Eq`.
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_instant(other).then_with(|| self.0.cmp(&other.0))
    }
}

fn date(text: &str) -> Result<(), &'static str> {
    let b = text.as_bytes();
    let mut pos = 0;
    date_part(b, &mut pos)?;
    if pos != b.len() {
        return Err("unexpected text after the date");
    }
    Ok(())
}

text_primitive!(
    /// `Edm.Date`: `2024-03-06`.
    Date,
    "Date",
    date
);

fn time_of_day(text: &str) -> Result<(), &'static str> {
    let b = text.as_bytes();
    let mut pos = 0;
    time_part(b, &mut pos, false)?;
    if pos != b.len() {
        return Err("unexpected text after the time");
    }
    Ok(())
}

text_primitive!(
    /// `Edm.TimeOfDay`: `13:45:00.0000000`.
    TimeOfDay,
    "TimeOfDay",
    time_of_day
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_fraction_digits_round_trip_and_order() {
        let a = DateTimeOffset::parse("2026-03-24T21:34:57.1713709Z").unwrap();
        assert_eq!(a.as_str(), "2026-03-24T21:34:57.1713709Z");
        assert_eq!(a.unix().1, 171_370_900);
        let b = DateTimeOffset::parse("2026-03-24T22:34:57.1713709+01:00").unwrap();
        assert_eq!(a.cmp_instant(&b), Ordering::Equal);
        assert_ne!(a, b, "different texts are different values");
        let c = DateTimeOffset::parse("2026-03-24T21:34:57Z").unwrap();
        assert!(c < a);
    }

    #[test]
    fn the_quick_check_accepts_only_what_the_full_parse_does() {
        let seeds = [
            "2026-03-24T21:34:57.1713709Z",
            "2024-02-29T23:59:59+14:00",
            "2023-12-31t00:00:00.123456789012-23:59",
            "2100-02-28T12:00:00z",
        ];
        // Beside the layout's own bytes, the ones next to a digit's range
        // (`/` and `:`) and ones that share a digit's low or high half.
        let alphabet = b"0123456789-+:.TtZz x\xc3/@p\x7f\x3f\x39";
        let mut tried = 0;
        let mut agree = |text: &[u8]| {
            let Ok(text) = std::str::from_utf8(text) else {
                return;
            };
            tried += 1;
            let full = instant_and_offset(text).is_ok();
            assert!(!common_layout(text.as_bytes()) || full, "{text}");
            assert_eq!(date_time_offset(text).is_ok(), full, "{text}");
        };
        for seed in seeds {
            assert!(common_layout(seed.as_bytes()), "{seed}");
            let b = seed.as_bytes();
            for i in 0..=b.len() {
                agree(&b[..i]);
                for &c in alphabet {
                    let mut changed = b.to_vec();
                    if i < b.len() {
                        changed[i] = c;
                        agree(&changed);
                    }
                    let mut longer = b.to_vec();
                    longer.insert(i, c);
                    agree(&longer);
                }
                if i < b.len() {
                    let mut shorter = b.to_vec();
                    shorter.remove(i);
                    agree(&shorter);
                }
            }
        }
        for day in [
            "2023-02-29",
            "2024-02-29",
            "1900-02-29",
            "2000-02-29",
            "2024-04-31",
        ] {
            agree(format!("{day}T00:00:00Z").as_bytes());
        }
        assert!(tried > 2_000, "{tried}");
        // No seconds: valid, and left to the full parse.
        assert!(!common_layout(b"2024-01-01T10:00Z"));
        assert!(date_time_offset("2024-01-01T10:00Z").is_ok());
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01",
            "2024-01-01T00:00:00",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00.Z",
        ] {
            assert!(DateTimeOffset::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(TimeOfDay::parse("13:45:00.0000000").is_ok());
        assert!(TimeOfDay::parse("25:00").is_err());
    }

    #[test]
    fn years_of_the_abnf_beyond_four_digits_and_before_0000() {
        for ok in [
            "-10000-04-01",
            "12345-02-28",
            "-0004-02-29",
            "0000-02-29",
            "-0000-01-01",
            "999999999-12-31",
        ] {
            assert!(Date::parse(ok).is_ok(), "{ok}");
        }
        // A leading zero only in four digits; at least four; up to nine.
        for bad in [
            "01234-01-01",
            "123-01-01",
            "-123-01-01",
            "--2024-01-01",
            "2023-02-29",
            "-0002-02-29",
            "1000000000-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        // Ordered by instant across the sign and the width.
        let t = |s: &str| DateTimeOffset::parse(s).unwrap();
        assert!(t("-10000-04-01T00:00Z") < t("-0001-12-31T23:59:59Z"));
        assert!(t("9999-12-31T23:59:59Z") < t("10000-01-01T00:00Z"));
        assert_eq!(t("-0001-01-01T00:00Z").unix().0, -62_198_755_200);
    }
}
