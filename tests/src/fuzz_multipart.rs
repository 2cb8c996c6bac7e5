//! The `multipart` fuzz property (see `fuzz.rs`), included with `#[path]`
//! by `tests/tests/trials/fuzz_regressions.rs` and `fuzz/fuzz_targets/multipart.rs`.

use upload_sessions::api::{FilePart, Multipart};
use upload_sessions::fake::read_multipart;

/// The media types a fuzzed part is sent as.
const MEDIA_TYPES: &[&str] = &[
    "text/csv",
    "application/octet-stream",
    "application/json",
    "text/plain; charset=utf-8",
];

/// Splits fuzzer bytes into pieces: a length byte, then that many bytes.
struct Pieces<'a>(&'a [u8]);

impl<'a> Pieces<'a> {
    fn next(&mut self) -> Option<&'a [u8]> {
        let (&n, rest) = self.0.split_first()?;
        let n = usize::from(n).min(rest.len());
        let (piece, rest) = rest.split_at(n);
        self.0 = rest;
        Some(piece)
    }
}

/// Bytes → up to four file parts (field name, file name, media type,
/// content) → the body `Multipart::new` builds, read with `multer`, gives
/// back every part: its media type and its bytes as given, and its names
/// as the builder writes them (see [`written_as`]).
pub fn multipart(data: &[u8]) {
    let mut pieces = Pieces(data);
    let mut owned = Vec::new();
    while owned.len() < 4 {
        let (Some(field), Some(file), Some(media), Some(content)) =
            (pieces.next(), pieces.next(), pieces.next(), pieces.next())
        else {
            break;
        };
        let (Ok(field), Ok(file)) = (std::str::from_utf8(field), std::str::from_utf8(file)) else {
            return;
        };
        let media = MEDIA_TYPES[media.first().map_or(0, |&b| usize::from(b)) % MEDIA_TYPES.len()];
        owned.push((field, file, media, content));
    }
    let parts: Vec<FilePart> = owned
        .iter()
        .map(|&(field, file_name, content_type, content)| FilePart {
            field,
            file_name,
            content_type,
            content,
        })
        .collect();
    let built = Multipart::new(&parts);
    let read = read_multipart(&built.content_type, built.body.clone())
        .unwrap_or_else(|e| panic!("the built body does not read: {e}\n{:?}", parts));
    assert_eq!(read.len(), parts.len(), "parts read back: {read:?}");
    for (p, r) in parts.iter().zip(&read) {
        let name = r.name.as_deref().unwrap_or_default();
        let file_name = r.file_name.as_deref().unwrap_or_default();
        written_as(p.field, name);
        written_as(p.file_name, file_name);
        let read = (
            r.content_type.as_deref().unwrap_or_default(),
            r.content.as_slice(),
        );
        assert_eq!(read, (p.content_type, p.content));
    }
}

/// Whether a name could not be written as it is: `"` and `\` (a quoted
/// string's end and escape) and the control characters (no header may carry
/// one).
fn escaped(c: char) -> bool {
    c == '"' || c == '\\' || (c.is_control() && u32::from(c) < 0x80)
}

/// Checks that `read` is `given` as WHATWG's forms write a name, the escape
/// extended to every character of [`escaped`]: stated as what it must be,
/// not by escaping again — no escaped character is left; each one became
/// the three characters `%XX` (the length says so); and decoding `%XX` of
/// an escaped character in both gives the same text (a `%22` already in
/// `given` decodes alike, so `%` itself needs no escape).
fn written_as(given: &str, read: &str) {
    assert!(
        !read.chars().any(escaped),
        "{read:?} keeps an escaped character"
    );
    let n = given.chars().filter(|&c| escaped(c)).count();
    assert_eq!(
        read.len(),
        given.len() + 2 * n,
        "{given:?} written as {read:?}"
    );
    assert_eq!(
        decoded(read),
        decoded(given),
        "{given:?} written as {read:?}"
    );
}

/// `text` with every `%XX` that spells an escaped character replaced by
/// it: `XX` exactly two uppercase hex digits, as the builder writes them,
/// so that the one spelling of an escape is the one accepted.
fn decoded(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 3)
            .filter(|h| h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'A'..=b'F')))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match code.map(char::from).filter(|&c| escaped(c)) {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}
