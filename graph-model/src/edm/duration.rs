//! `Edm.Duration`: ISO 8601 day-time durations as Graph writes them
//! (`PT1H30M`, `P1D`, `-P2DT0.5S`).

use super::text_primitive;

/// Validates `[-]P[nD][T[nH][nM][n[.n]S]]` with at least one part, `T` only
/// before a time part: XML Schema's `dayTimeDuration`, which the ABNF's
/// `durationValue` approximates (its note says so; it also matches `P`
/// and `PT`, which have no part). No years, months or weeks: an
/// `Edm.Duration` is days and time (Graph writes `P90D`, `PT1H30M`).
fn duration(text: &str) -> Result<(), &'static str> {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let rest = rest.strip_prefix('P').ok_or("must start with `P`")?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return Err("`T` must be followed by hours, minutes or seconds");
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    let mut parts = 0;
    parts += units(date, "D", false)?;
    if let Some(t) = time {
        parts += units(t, "HMS", true)?;
    }
    if parts == 0 {
        return Err("no duration parts");
    }
    Ok(())
}

/// Counts `<number><unit>` groups, units in the given order; only the last
/// (seconds) may have a fraction.
fn units(s: &str, order: &str, fraction_on_last: bool) -> Result<usize, &'static str> {
    let mut count = 0;
    let mut allowed = order;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let at = allowed.find(c).ok_or("unit out of order or unknown")?;
        let (whole, fraction) = match num.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (num.as_str(), None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
            return Err("each unit needs a number (digits, and for seconds a fraction)");
        }
        let is_last = fraction_on_last && c == 'S';
        if fraction.is_some() && !is_last {
            return Err("only seconds may have a fraction");
        }
        allowed = &allowed[at + 1..];
        num.clear();
        count += 1;
    }
    if !num.is_empty() {
        return Err("number without a unit");
    }
    Ok(count)
}

text_primitive!(
    /// `Edm.Duration`, kept as written.
    Duration,
    "Duration",
    duration
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_graph_forms_and_rejects_garbage() {
        for ok in [
            "PT1H",
            "P1D",
            "PT0S",
            "-P2DT0.5S",
            "P14D",
            "PT1H30M",
            "P3DT4H5M6.789S",
        ] {
            assert!(Duration::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "P",
            "PT",
            "1H",
            "PT1.5H",
            "PTH",
            "PT1S1M",
            "P1X",
            "PT0.0.0S",
            "PT.5S",
            "PT1.S",
            "P1Y",
            "P1M",
            "P2W",
            "P1Y6DT23H59M59.9999S",
        ] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }
}
