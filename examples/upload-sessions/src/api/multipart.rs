//! `multipart/form-data` bodies (RFC 7578), as `uploadFile` takes them.

/// One file field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart<'a> {
    /// The form field name (`file` for `uploadFile`).
    pub field: &'a str,
    /// The file name sent (`building-access-data.csv`).
    pub file_name: &'a str,
    /// Its media type (`text/csv`; the documentation sends `application/octet-stream`).
    pub content_type: &'a str,
    /// The bytes.
    pub content: &'a [u8],
}

/// A built body and its `Content-Type` header value (with the boundary).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Multipart {
    /// `multipart/form-data; boundary=…`.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Multipart {
    /// A body of `parts`, with a boundary that occurs in none of them
    /// (derived from the content, so the same parts give the same bytes).
    pub fn new(parts: &[FilePart]) -> Self {
        let mut seed = parts.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, p| {
            p.content
                .iter()
                .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
        });
        let boundary = loop {
            let b = format!("graph-model-{seed:016x}");
            if !parts.iter().any(|p| contains(p.content, b.as_bytes())) {
                break b;
            }
            seed = seed.wrapping_add(1);
        };
        let mut body = Vec::new();
        for p in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n",
                    quoted(p.field),
                    quoted(p.file_name)
                )
                .as_bytes(),
            );
            body.extend_from_slice(format!("Content-Type: {}\r\n\r\n", p.content_type).as_bytes());
            body.extend_from_slice(p.content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Multipart {
            content_type: format!("multipart/form-data; boundary={boundary}"),
            body,
        }
    }
}

/// A parameter value for inside quotes, as HTML forms write it (WHATWG:
/// `"`, CR and LF percent-encoded), the same escape extended to every other
/// control character (no header may carry one: a NUL or an ESC in a file
/// name would make the body unreadable) and to `\` (which readers that
/// follow RFC 7230's quoted-pair take as an escape, so that a name ending
/// in one would swallow the closing quote); everything else as it is.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' | '\u{0}'..='\u{1f}' | '\u{7f}' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
