//! Regular expressions (ECMA-262 subset, no look-around) that accept exactly
//! the texts the runtime's Edm parsers accept. Each is anchored.

/// `YYYY-MM-DD`, the day valid for its month (leap years by the Gregorian
/// rule, which the last four digits of a year decide). The year as the
/// ABNF writes it: `-` before years before 0000, four digits, more (up to
/// nine, the reader's limit) only without a leading zero.
const DATE: &str = concat!(
    "(?:-?(?:0[0-9]{3}|[1-9][0-9]{3,8})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|-?(?:[1-9][0-9]{0,4})?",
    "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
);

/// `HH:MM[:SS[.f{1,12}]]`, `SS` up to 60 (a leap second).
const TIME: &str = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:\\.[0-9]{1,12})?)?";

/// `Z` or `±HH:MM`.
const OFFSET: &str = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])";

fn anchored(body: &str) -> String {
    format!("^{body}$")
}

/// `Edm.Date`.
pub fn date() -> String {
    anchored(DATE)
}

/// `Edm.TimeOfDay`.
pub fn time_of_day() -> String {
    anchored(TIME)
}

/// `Edm.DateTimeOffset`: date, `T`, time (seconds optional), zone.
pub fn date_time_offset() -> String {
    anchored(&format!("{DATE}[Tt]{TIME}{OFFSET}"))
}

/// `Edm.Guid`: 8-4-4-4-12 hexadecimal digits.
pub fn guid() -> String {
    anchored("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
}

/// `Edm.Duration`: `[-]P[nD][T[nH][nM][n[.n]S]]` (XML Schema's
/// `dayTimeDuration`) with at least one part, and `T` only when a time part
/// follows.
pub fn duration() -> String {
    let secs = "[0-9]+(?:\\.[0-9]+)?S";
    let time = format!("T(?:[0-9]+H(?:[0-9]+M)?(?:{secs})?|[0-9]+M(?:{secs})?|{secs})");
    anchored(&format!("-?P(?:[0-9]+D(?:{time})?|{time})"))
}

/// `Edm.Binary`: base64 with padding, base64url with or without padding;
/// the last character's unused bits must be zero (canonical encoding).
pub fn binary() -> String {
    let padded = |alphabet: &str| {
        format!("(?:{alphabet}{{4}})*(?:{alphabet}[AQgw]==|{alphabet}{{2}}[AEIMQUYcgkosw048]=)?")
    };
    let url = "[A-Za-z0-9_-]";
    let unpadded = format!("(?:{url}{{4}})*(?:{url}[AQgw]|{url}{{2}}[AEIMQUYcgkosw048])?");
    anchored(&format!(
        "(?:{}|{}|{unpadded})",
        padded("[A-Za-z0-9+/]"),
        padded(url)
    ))
}

/// A decimal number as the runtime reads one from a string
/// (`-1`, `+1`, `007`, `1.50`, `2E-3`; no bare `.5` or `1.`).
pub fn decimal() -> String {
    anchored("[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
}

/// An `Edm.Double` string: a decimal number, `INF`, `-INF` or `NaN`.
pub fn double() -> String {
    anchored("(?:[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|INF|-INF|NaN)")
}

/// A decimal integer string in `[min, max]` as Rust's integer parsing reads
/// it: an optional sign (`+` too), then digits, leading zeros allowed.
pub fn integer_string(min: i64, max: i64) -> String {
    let mut alts = Vec::new();
    if max >= 0 {
        alts.push(format!("\\+?0*{}", at_most(&max.to_string())));
    }
    if min < 0 {
        let magnitude = (min as i128).unsigned_abs().to_string();
        alts.push(format!("-0*{}", at_most(&magnitude)));
    }
    anchored(&format!("(?:{})", alts.join("|")))
}

/// A string of digits (leading zeros allowed) whose value is at most `max`.
pub fn digits_at_most(max: i64) -> String {
    anchored(&format!("0*{}", at_most(&max.to_string())))
}

/// Digit strings without leading zeros (or `0`) whose value is at most `max`.
fn at_most(max: &str) -> String {
    let digits: Vec<u32> = max
        .chars()
        .map(|c| c.to_digit(10).expect("digits"))
        .collect();
    let n = digits.len();
    let mut alts = vec!["0".to_string()];
    // Shorter numbers: any, first digit not zero.
    if n > 1 {
        alts.push(if n == 2 {
            "[1-9]".to_string()
        } else {
            format!("[1-9][0-9]{{0,{}}}", n - 2)
        });
    }
    // Same length: equal to max up to position i, smaller at i, anything after.
    for i in 0..n {
        let low = if i == 0 { 1 } else { 0 };
        if digits[i] > low {
            let prefix: String = digits[..i].iter().map(|d| d.to_string()).collect();
            let class = if digits[i] - 1 == low {
                low.to_string()
            } else {
                format!("[{low}-{}]", digits[i] - 1)
            };
            let rest = n - i - 1;
            let tail = match rest {
                0 => String::new(),
                1 => "[0-9]".to_string(),
                r => format!("[0-9]{{{r}}}"),
            };
            alts.push(format!("{prefix}{class}{tail}"));
        }
    }
    alts.push(max.to_string());
    alts.dedup();
    format!("(?:{})", alts.join("|"))
}

/// Escapes a literal for use in a pattern.
pub fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A flags enum value: one or more members separated by `,`.
pub fn flags(members: &[&str]) -> String {
    let one = format!(
        "(?:{})",
        members
            .iter()
            .map(|m| escape(m))
            .collect::<Vec<_>>()
            .join("|")
    );
    anchored(&format!("{one}(?:,{one})*"))
}
