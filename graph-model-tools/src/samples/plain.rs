//! Plain-text pages (a documentation page saved as text): no annotations, no
//! fences. Requests are found by their request line, responses by their
//! status line; a JSON body is the balanced `{...}` or `[...]` that follows.

use super::http::{request_line, split, status_line};
use super::{link_requests, BlockType, Sample};

/// Finds requests that start with a full URL (`GET https://...`) and the
/// responses that follow them. Path templates in the page's "HTTP request"
/// section (`GET /users/{id}`) are not examples and are skipped.
pub fn read_plain(source: &str, text: &str) -> Vec<Sample> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let req = request_line(line).filter(|(_, url)| url.starts_with("http"));
        if req.is_some() {
            // Headers and body follow until a blank line that is not followed by a body.
            let (end, block) = take_block(&lines, i);
            out.push(split(
                format!("{source}#{}", out.len()),
                BlockType::Request,
                None,
                &block,
            ));
            i = end;
            continue;
        }
        if status_line(line).is_some() && line.starts_with("HTTP") {
            let (end, block) = take_block(&lines, i);
            out.push(split(
                format!("{source}#{}", out.len()),
                BlockType::Response,
                None,
                &block,
            ));
            i = end;
            continue;
        }
        i += 1;
    }
    link_requests(&mut out);
    out
}

/// The head line, header lines, and a balanced JSON body if one starts
/// within the next few non-header lines. Returns the index after the block.
fn take_block(lines: &[&str], start: usize) -> (usize, String) {
    let mut block = vec![lines[start]];
    let mut i = start + 1;
    while i < lines.len()
        && lines[i].contains(':')
        && !lines[i].trim_start().starts_with(['{', '['])
        && !lines[i].trim().is_empty()
    {
        block.push(lines[i]);
        i += 1;
    }
    // Skip blank lines to a body opener.
    let mut k = i;
    while k < lines.len() && lines[k].trim().is_empty() {
        k += 1;
    }
    if k < lines.len() && lines[k].trim_start().starts_with(['{', '[']) {
        block.push("");
        let mut depth = 0i32;
        let mut in_string = false;
        let mut escaped = false;
        while k < lines.len() {
            block.push(lines[k]);
            for c in lines[k].chars() {
                if in_string {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => in_string = false,
                        _ => {}
                    }
                } else {
                    match c {
                        '"' => in_string = true,
                        '{' | '[' => depth += 1,
                        '}' | ']' => depth -= 1,
                        _ => {}
                    }
                }
            }
            k += 1;
            if depth <= 0 {
                break;
            }
        }
        i = k;
    }
    (i, block.join("\n"))
}
