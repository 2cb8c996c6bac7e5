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
/// back every part: its names as the builder writes them (WHATWG's
/// quoting), its media type and its bytes.
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
        let read = (
            r.name.as_deref().unwrap_or_default(),
            r.file_name.as_deref().unwrap_or_default(),
            r.content_type.as_deref().unwrap_or_default(),
            r.content.as_slice(),
        );
        let (field, file_name) = (quoted(p.field), quoted(p.file_name));
        let expected = (
            field.as_str(),
            file_name.as_str(),
            p.content_type,
            p.content,
        );
        assert_eq!(read, expected);
    }
}

/// WHATWG's quoting of a name in `Content-Disposition` (`"`, CR, LF), as
/// the builder extends it to every control character and `\`.
fn quoted(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' | '\\' | '\u{0}'..='\u{1f}' | '\u{7f}' => format!("%{:02X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}
