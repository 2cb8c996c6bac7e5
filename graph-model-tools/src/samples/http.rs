//! Splitting an HTTP block into request/status line, headers and body.

use super::{BlockType, Sample};

const METHODS: [&str; 7] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// `POST https://... HTTP/1.1` → (method, url).
pub fn request_line(line: &str) -> Option<(String, String)> {
    let (method, rest) = line.trim().split_once(char::is_whitespace)?;
    if !METHODS.contains(&method) {
        return None;
    }
    // The documentation writes spaces inside queries (`$filter=size gt 1`):
    // the URL is the rest of the line, less a trailing `HTTP/1.1`.
    let rest = rest.trim();
    let url = match rest.rsplit_once(char::is_whitespace) {
        Some((url, version)) if version.starts_with("HTTP/") => url.trim_end(),
        _ => rest,
    };
    (!url.is_empty()).then(|| (method.to_string(), url.to_string()))
}

/// `HTTP/1.1 201 Created` or `HTTP 201 Created` → 201.
pub fn status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    if !parts.next()?.starts_with("HTTP") {
        return None;
    }
    parts.next()?.parse().ok()
}

fn is_header(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }
        None => false,
    }
}

/// Builds a sample from a block's text, splitting it as the doc-samples
/// README describes.
pub fn split(
    id: String,
    block_type: BlockType,
    annotation: Option<serde_json::Value>,
    text: &str,
) -> Sample {
    let mut sample = Sample {
        id,
        block_type,
        annotation,
        method: None,
        url: None,
        status: None,
        headers: Vec::new(),
        body: None,
        request_url: None,
        request_method: None,
        request_headers: Vec::new(),
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return sample;
    };
    let mut i = first;
    let head = lines[first].trim();
    let has_head = match (block_type, request_line(head), status_line(head)) {
        (BlockType::Request | BlockType::Example, Some((m, u)), _) => {
            sample.method = Some(m);
            sample.url = Some(u);
            true
        }
        (BlockType::Response | BlockType::Example, _, Some(code)) => {
            sample.status = Some(code);
            true
        }
        _ => false,
    };
    if has_head {
        i += 1;
        while i < lines.len() && is_header(lines[i]) && !lines[i].trim_start().starts_with('{') {
            let (k, v) = lines[i].split_once(':').expect("is_header checked");
            sample
                .headers
                .push((k.trim().to_string(), v.trim().to_string()));
            i += 1;
        }
    }
    let body = lines[i.min(lines.len())..].join("\n");
    if !body.trim().is_empty() {
        sample.body = Some(body.trim().to_string());
    }
    sample
}
