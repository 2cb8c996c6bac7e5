//! Code samples from Graph documentation: annotated Markdown pages, plain
//! text pages, and the `doc-samples` JSON Lines corpus, reduced to one shape.

mod http;
mod jsonl;
mod markdown;
mod plain;

pub use jsonl::read_jsonl;
pub use markdown::read_markdown;
pub use plain::read_plain;

use std::path::Path;

use serde_json::Value;

/// The project's own samples of the upload-session API (see
/// `graph-model-tools/samples/upload-sessions.md`): what `graph-model conformance`
/// checks when it is given no sample files.
pub const BUNDLED: (&str, &str) = (
    "upload-sessions.md",
    include_str!("../../samples/upload-sessions.md"),
);

/// The bundled samples, read.
pub fn bundled() -> Vec<Sample> {
    read_markdown(BUNDLED.0, BUNDLED.1)
}

/// Reads a sample file in whichever of the three formats it is: `.jsonl`
/// records, a Markdown page with block annotations, or a plain-text page.
pub fn read_file(path: &Path) -> Result<Vec<Sample>, crate::Error> {
    let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".jsonl") {
        read_jsonl(&name, &text)
    } else if text.contains("\"blockType\"") {
        Ok(read_markdown(&name, &text))
    } else {
        Ok(read_plain(&name, &text))
    }
}

/// The kind of a documentation block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockType {
    /// An HTTP request (request line, headers, body).
    Request,
    /// An HTTP response (status line, headers, body).
    Response,
    /// A resource type's JSON representation (placeholder values).
    Resource,
    /// Any other example.
    Example,
}

impl BlockType {
    /// Parses a `blockType` value (any case).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "request" => Self::Request,
            "response" => Self::Response,
            "resource" => Self::Resource,
            "example" => Self::Example,
            _ => return None,
        })
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
            Self::Resource => "resource",
            Self::Example => "example",
        }
    }
}

/// One code block with what is known about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// `<source>#<n>`: where the block comes from.
    pub id: String,
    /// The kind of block.
    pub block_type: BlockType,
    /// The parsed `<!-- {...} -->` annotation, if the page has one.
    pub annotation: Option<Value>,
    /// Request line parts, for requests.
    pub method: Option<String>,
    /// Request URL, for requests.
    pub url: Option<String>,
    /// Status code, for responses.
    pub status: Option<u16>,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// Body text, verbatim; `None` when the block has none.
    pub body: Option<String>,
    /// For a response: the request block that precedes it on the same page.
    pub request_url: Option<String>,
    /// For a response: the method of that request.
    pub request_method: Option<String>,
    /// For a response: the headers of that request.
    pub request_headers: Vec<(String, String)>,
}

impl Sample {
    /// Where the block's body is, for Graph's evolvable-enum rules: a
    /// request body sent with its method (POST, PUT, PATCH), or a response;
    /// with the preference when the request sent `Prefer:
    /// include-unknown-enum-members` (a response: its request did, or it
    /// carries `Preference-Applied` with it).
    pub fn context(&self) -> crate::validate::Context {
        let names_it = |headers: &[(String, String)], name: &str| {
            headers.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case(name)
                    && v.to_ascii_lowercase()
                        .contains("include-unknown-enum-members")
            })
        };
        match self.block_type {
            BlockType::Request => crate::validate::Context {
                request: self.method.as_deref().and_then(|m| m.parse().ok()),
                include_unknown_enum_members: names_it(&self.headers, "Prefer"),
            },
            _ => crate::validate::Context {
                request: None,
                include_unknown_enum_members: names_it(&self.request_headers, "Prefer")
                    || names_it(&self.headers, "Preference-Applied"),
            },
        }
    }

    /// The annotation's string value for `key`.
    pub fn annotation_str(&self, key: &str) -> Option<&str> {
        self.annotation.as_ref()?.get(key)?.as_str()
    }

    /// The annotation's boolean value for `key` (`true` also as a string).
    pub fn annotation_bool(&self, key: &str) -> bool {
        match self.annotation.as_ref().and_then(|a| a.get(key)) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }

    /// Content-Type header value, lower-cased.
    pub fn content_type(&self) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.to_ascii_lowercase())
    }
}

/// Links each response to the nearest preceding request of the same page.
pub(crate) fn link_requests(samples: &mut [Sample]) {
    /// What a response takes from its request.
    struct Request {
        url: String,
        method: String,
        headers: Vec<(String, String)>,
    }
    let mut last: Option<Request> = None;
    for s in samples.iter_mut() {
        match s.block_type {
            BlockType::Request => {
                last = s
                    .url
                    .clone()
                    .zip(s.method.clone())
                    .map(|(url, method)| Request {
                        url,
                        method,
                        headers: s.headers.clone(),
                    });
            }
            BlockType::Response if s.request_url.is_none() => {
                if let Some(r) = &last {
                    s.request_url = Some(r.url.clone());
                    s.request_method = Some(r.method.clone());
                    s.request_headers = r.headers.clone();
                }
            }
            _ => {}
        }
    }
}
