//! Literals of the Edm primitive types as the OData ABNF writes them: in
//! URLs (`…Literal`: `SIGN`, `COLON`, `SQUOTE`… may be percent-encoded) and
//! in bodies and CSDL default values (`…Value`: never percent-encoded).
//! Each function matches one rule at the cursor.

use graph_model_abnf::Cursor;

// ---------------------------------------------------------------- delimiters

/// `SIGN = "+" / "%2B" / "-"`.
fn sign(c: &mut Cursor) -> bool {
    c.any_lit(&["+", "%2B", "-"])
}

/// `"+" / "-"`: the sign of a value in a body.
fn plain_sign(c: &mut Cursor) -> bool {
    c.any_lit(&["+", "-"])
}

pub(crate) fn squote(c: &mut Cursor) -> bool {
    c.any_lit(&["'", "%27"])
}

fn colon(c: &mut Cursor) -> bool {
    c.any_lit(&[":", "%3A"])
}

pub(crate) fn comma(c: &mut Cursor) -> bool {
    c.any_lit(&[",", "%2C"])
}

fn semi(c: &mut Cursor) -> bool {
    c.any_lit(&[";", "%3B"])
}

fn open(c: &mut Cursor) -> bool {
    c.any_lit(&["(", "%28"])
}

fn close(c: &mut Cursor) -> bool {
    c.any_lit(&[")", "%29"])
}

// ------------------------------------------------------------- identifiers

/// `odataIdentifier`: a letter or `_`, then up to 127 letters, digits or `_`.
pub(crate) fn identifier(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        c.byte(|b| b.is_ascii_alphabetic() || b == b'_')
            && c.times(0, 127, |c| {
                c.byte(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
    })
}

/// `namespace "." name`: dotted identifiers, at least two.
pub(crate) fn qualified_name(c: &mut Cursor) -> bool {
    c.attempt(|c| identifier(c) && c.times(1, usize::MAX, |c| c.lit(".") && identifier(c)))
}

// ------------------------------------------------------------------ numbers

/// `nanInfinity = %s"NaN" / %s"-INF" / %s"INF"`.
fn nan_infinity(c: &mut Cursor) -> bool {
    c.exact("NaN") || c.exact("-INF") || c.exact("INF")
}

/// `decimalLiteral` (`url`) or `decimalValue`: `[sign] 1*DIGIT ["." 1*DIGIT] ["e" [sign] 1*DIGIT] / nanInfinity`.
pub(crate) fn decimal(c: &mut Cursor, url: bool) -> bool {
    let s = if url { sign } else { plain_sign };
    c.attempt(|c| {
        c.opt(s)
            && c.digits(1, usize::MAX)
            && c.opt(|c| c.lit(".") && c.digits(1, usize::MAX))
            && c.opt(|c| c.lit("e") && c.opt(s) && c.digits(1, usize::MAX))
    }) || nan_infinity(c)
}

/// Integer literals: `[sign] 1*N DIGIT`.
pub(crate) fn integer(c: &mut Cursor, url: bool, max_digits: usize) -> bool {
    let s = if url { sign } else { plain_sign };
    c.attempt(|c| c.opt(s) && c.digits(1, max_digits))
}

/// `byte = 1*3DIGIT`.
fn byte(c: &mut Cursor) -> bool {
    c.digits(1, 3)
}

// ------------------------------------------------------------ other scalars

/// `boolean` (URL, case-insensitive) or `booleanValue` (lowercase).
pub(crate) fn boolean(c: &mut Cursor, url: bool) -> bool {
    if url {
        c.any_lit(&["true", "false"])
    } else {
        c.exact("true") || c.exact("false")
    }
}

/// `null = %s"null"`.
pub(crate) fn null(c: &mut Cursor) -> bool {
    c.exact("null")
}

/// `guid = 8HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 4HEXDIG "-" 12HEXDIG`.
pub(crate) fn guid(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        c.times(8, 8, Cursor::hexdig)
            && [4, 4, 4, 12]
                .iter()
                .all(|&n| c.lit("-") && c.times(n, n, Cursor::hexdig))
    })
}

/// `stringLiteral = SQUOTE *( SQUOTE SQUOTE / pchar-no-SQUOTE ) SQUOTE`.
pub(crate) fn string(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        squote(c)
            && c.times(0, usize::MAX, |c| {
                c.attempt(|c| squote(c) && squote(c)) || pchar_no_squote(c)
            })
            && squote(c)
    })
}

/// `pchar-no-SQUOTE`: unreserved, other delimiters, `$&=:@`, and
/// percent-encodings other than `%27`.
fn pchar_no_squote(c: &mut Cursor) -> bool {
    c.byte(|b| b.is_ascii_alphanumeric() || b"-._~!()*+,;$&=:@".contains(&b))
        || c.attempt(|c| {
            c.lit("%") && c.byte(|b| b.is_ascii_hexdigit() && b != b'2' && b != b'7') && c.hexdig()
        })
        || c.attempt(|c| c.lit("%2") && c.byte(|b| b.is_ascii_hexdigit() && b != b'7'))
        || c.attempt(|c| c.lit("%7") && c.hexdig())
}

/// `binaryLiteral = "binary" SQUOTE binaryValue SQUOTE`.
pub(crate) fn binary_literal(c: &mut Cursor) -> bool {
    c.attempt(|c| c.lit("binary") && squote(c) && binary_value(c) && squote(c))
}

fn base64char(c: &mut Cursor) -> bool {
    c.byte(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `binaryValue = *(4base64char) [ base64b16 / base64b8 ]` (base64url).
pub(crate) fn binary_value(c: &mut Cursor) -> bool {
    c.times(0, usize::MAX, |c| c.times(4, 4, base64char));
    c.opt(|c| {
        c.attempt(|c| {
            c.times(2, 2, base64char)
                && c.byte(|b| b"AEIMQUYcgkosw048".contains(&b))
                && c.opt(|c| c.lit("="))
        }) || c.attempt(|c| {
            base64char(c) && c.byte(|b| b"AQgw".contains(&b)) && c.opt(|c| c.lit("=="))
        })
    })
}

// ------------------------------------------------------------- date and time

/// `year = [ "-" ] ( "0" 3DIGIT / oneToNine 3*DIGIT )`.
fn year(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        c.opt(|c| c.lit("-"))
            && (c.attempt(|c| c.lit("0") && c.digits(3, 3))
                || c.attempt(|c| c.byte(|b| (b'1'..=b'9').contains(&b)) && c.digits(3, usize::MAX)))
    })
}

/// `"0" oneToNine / "1" ( "0" / "1" / "2" )`-style two-digit ranges.
fn two_digits(c: &mut Cursor, lo: u8, hi: u8) -> bool {
    c.attempt(|c| {
        let start = c.pos;
        if !(c.digit() && c.digit()) {
            return false;
        }
        let n: u8 = c.since(start).parse().unwrap_or(u8::MAX);
        if (lo..=hi).contains(&n) {
            return true;
        }
        // The error is at the first digit when no second digit could help.
        let tens = (n / 10) * 10;
        let at = if tens > hi || tens + 9 < lo {
            start
        } else {
            start + 1
        };
        c.pos = start;
        c.far = c.far.max(at);
        false
    })
}

/// `date = year "-" month "-" day`.
pub(crate) fn date(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        year(c) && c.lit("-") && two_digits(c, 1, 12) && c.lit("-") && two_digits(c, 1, 31)
    })
}

/// `timeOfDayLiteral` (`url`: `COLON` may be `%3A`) or `timeOfDayValue`.
pub(crate) fn time_of_day(c: &mut Cursor, url: bool) -> bool {
    let col = |c: &mut Cursor| if url { colon(c) } else { c.lit(":") };
    c.attempt(|c| {
        two_digits(c, 0, 23)
            && col(c)
            && two_digits(c, 0, 59)
            && c.opt(|c| {
                col(c)
                    && (two_digits(c, 0, 59) || c.lit("60"))
                    && c.opt(|c| c.lit(".") && c.digits(1, 12))
            })
    })
}

/// `dateTimeOffsetLiteral` / `dateTimeOffsetValue`.
pub(crate) fn date_time_offset(c: &mut Cursor, url: bool) -> bool {
    c.attempt(|c| {
        date(c)
            && c.lit("T")
            && time_of_day(c, url)
            && (c.lit("Z")
                || c.attempt(|c| {
                    (if url { sign(c) } else { plain_sign(c) })
                        && two_digits(c, 0, 23)
                        && (if url { colon(c) } else { c.lit(":") })
                        && two_digits(c, 0, 59)
                }))
    })
}

/// `durationValue = [ "-" ] "P" [ 1*DIGIT "D" ] [ "T" [ 1*DIGIT "H" ] [ 1*DIGIT "M" ] [ 1*DIGIT [ "." 1*DIGIT ] "S" ] ]`.
pub(crate) fn duration_value(c: &mut Cursor) -> bool {
    let unit = |u: &'static str| move |c: &mut Cursor| c.digits(1, usize::MAX) && c.lit(u);
    c.attempt(|c| {
        c.opt(|c| c.lit("-"))
            && c.lit("P")
            && c.opt(unit("D"))
            && c.opt(|c| {
                c.lit("T")
                    && c.opt(unit("H"))
                    && c.opt(unit("M"))
                    && c.opt(|c| {
                        c.digits(1, usize::MAX)
                            && c.opt(|c| c.lit(".") && c.digits(1, usize::MAX))
                            && c.lit("S")
                    })
            })
    })
}

/// `durationLiteral = [ "duration" ] SQUOTE durationValue SQUOTE`.
pub(crate) fn duration_literal(c: &mut Cursor) -> bool {
    c.attempt(|c| c.opt(|c| c.lit("duration")) && squote(c) && duration_value(c) && squote(c))
}

// -------------------------------------------------------------------- enums

/// `enumLiteral = [ qualifiedEnumTypeName ] SQUOTE singleEnumLiteral *( COMMA singleEnumLiteral ) SQUOTE`.
pub(crate) fn enum_literal(c: &mut Cursor) -> bool {
    let single = |c: &mut Cursor| identifier(c) || integer(c, true, 19);
    c.attempt(|c| {
        c.opt(qualified_name)
            && squote(c)
            && single(c)
            && c.times(0, usize::MAX, |c| comma(c) && single(c))
            && squote(c)
    })
}

/// `enumValue = singleEnumValue *( "," singleEnumValue )`.
pub(crate) fn enum_value(c: &mut Cursor) -> bool {
    let single = |c: &mut Cursor| identifier(c) || integer(c, false, 19);
    c.attempt(|c| single(c) && c.times(0, usize::MAX, |c| c.lit(",") && single(c)))
}

// ------------------------------------------------------------------ geo data

/// `positionLiteral = doubleValue SP doubleValue [ SP doubleValue ] [ SP doubleValue ]`.
fn position(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        decimal(c, false)
            && c.lit(" ")
            && decimal(c, false)
            && c.opt(|c| c.lit(" ") && decimal(c, false))
            && c.opt(|c| c.lit(" ") && decimal(c, false))
    })
}

/// `OPEN item *( COMMA item ) CLOSE`, or with `empty` also `OPEN CLOSE`.
fn list(c: &mut Cursor, empty: bool, item: &dyn Fn(&mut Cursor) -> bool) -> bool {
    c.attempt(|c| {
        open(c)
            && (c.attempt(|c| item(c) && c.times(0, usize::MAX, |c| comma(c) && item(c))) || empty)
            && close(c)
    })
}

fn point_data(c: &mut Cursor) -> bool {
    c.attempt(|c| open(c) && position(c) && close(c))
}

fn line_string_data(c: &mut Cursor) -> bool {
    c.attempt(|c| {
        open(c) && position(c) && c.times(1, usize::MAX, |c| comma(c) && position(c)) && close(c)
    })
}

fn ring(c: &mut Cursor) -> bool {
    list(c, false, &position)
}

fn polygon_data(c: &mut Cursor) -> bool {
    list(c, false, &ring)
}

/// The geo shapes, by the name that starts their text.
const SHAPES: [&str; 7] = [
    "Point",
    "LineString",
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
];

/// One shape of kind `kind` (one of [`SHAPES`]).
fn shape(c: &mut Cursor, kind: &str) -> bool {
    c.attempt(|c| {
        c.lit(kind)
            && match kind {
                "Point" => point_data(c),
                "LineString" => line_string_data(c),
                "Polygon" => polygon_data(c),
                "MultiPoint" => list(c, true, &point_data),
                "MultiLineString" => list(c, true, &line_string_data),
                "MultiPolygon" => list(c, true, &polygon_data),
                _ => list(c, false, &|c| SHAPES.iter().any(|k| shape(c, k))),
            }
    })
}

/// `sridLiteral` then a shape of `kind` (any when `None`).
pub(crate) fn full_geo(c: &mut Cursor, kind: Option<&str>) -> bool {
    c.attempt(|c| {
        c.lit("SRID")
            && c.lit("=")
            && c.digits(1, 5)
            && semi(c)
            && match kind {
                Some(k) => shape(c, k),
                None => SHAPES.iter().any(|k| shape(c, k)),
            }
    })
}

/// `geographyX` / `geometryX`: `prefix SQUOTE fullXLiteral SQUOTE`.
pub(crate) fn geo_literal(c: &mut Cursor, prefix: &str, kind: Option<&str>) -> bool {
    c.attempt(|c| c.lit(prefix) && squote(c) && full_geo(c, kind) && squote(c))
}

// ------------------------------------------------------------------- choices

/// `primitiveLiteral`: any literal in a URL.
pub(crate) fn primitive_literal(c: &mut Cursor) -> bool {
    let alternatives: [&dyn Fn(&mut Cursor) -> bool; 16] = [
        &null,
        &|c| boolean(c, true),
        &guid,
        &|c| date_time_offset(c, true),
        &date,
        &|c| time_of_day(c, true),
        &|c| decimal(c, true),
        &byte,
        &string,
        &duration_literal,
        &enum_literal,
        &binary_literal,
        &|c| geo_literal(c, "geography", None),
        &|c| geo_literal(c, "geometry", None),
        &|c| integer(c, true, 19),
        &|c| decimal(c, true),
    ];
    longest(c, &alternatives)
}

/// `primitiveValue`: any value in a body or a CSDL default value.
pub(crate) fn primitive_value(c: &mut Cursor) -> bool {
    let alternatives: [&dyn Fn(&mut Cursor) -> bool; 10] = [
        &|c| boolean(c, false),
        &guid,
        &duration_value,
        &|c| date_time_offset(c, false),
        &date,
        &|c| time_of_day(c, false),
        &enum_value,
        &|c| full_geo(c, None),
        &|c| decimal(c, false),
        &binary_value,
    ];
    longest(c, &alternatives)
}

/// ABNF alternatives are not ordered: take the one that reaches furthest.
fn longest(c: &mut Cursor, alternatives: &[&dyn Fn(&mut Cursor) -> bool]) -> bool {
    let start = c.pos;
    let mut best = None;
    for f in alternatives {
        c.pos = start;
        if f(c) && best.is_none_or(|b| c.pos > b) {
            best = Some(c.pos);
        }
    }
    match best {
        Some(end) => {
            c.pos = end;
            true
        }
        None => {
            c.pos = start;
            false
        }
    }
}
