//! The `multipart` fuzz property (see `fuzz.rs`), included with `#[path]`
//! by `tests/fuzz_regressions.rs` and `fuzz/fuzz_targets/multipart.rs`.

use upload_sessions::api::{FilePart, Multipart};

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
        let expected = (
            quoted(p.field),
            quoted(p.file_name),
            p.content_type.to_string(),
            p.content.to_vec(),
        );
        assert_eq!(r, &expected);
    }
}

/// WHATWG's quoting of a name in `Content-Disposition`, as the builder
/// writes it.
fn quoted(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

type ReadPart = (String, String, String, Vec<u8>);

/// `(name, file name, media type, bytes)` of every part, read with `multer`.
fn read_multipart(content_type: &str, body: Vec<u8>) -> Result<Vec<ReadPart>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let stream = futures::stream::once(async move {
        Ok::<bytes::Bytes, std::convert::Infallible>(bytes::Bytes::from(body))
    });
    let mut mp = multer::Multipart::new(stream, boundary);
    futures::executor::block_on(async move {
        let mut out = Vec::new();
        while let Some(field) = mp.next_field().await.map_err(|e| e.to_string())? {
            let name = field.name().unwrap_or_default().to_string();
            let file = field.file_name().unwrap_or_default().to_string();
            let media = field
                .content_type()
                .map(ToString::to_string)
                .unwrap_or_default();
            let bytes = field.bytes().await.map_err(|e| e.to_string())?;
            out.push((name, file, media, bytes.to_vec()));
        }
        Ok(out)
    })
}
